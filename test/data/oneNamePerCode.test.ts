import { describe, expect, it } from 'vitest';
import { oneNamePerCode } from '../../src/data/oneNamePerCode.js';

describe('oneNamePerCode', () => {
  it('accepts a code given the same name on every row, and blank codes', () => {
    const check = oneNamePerCode({ file: 'f.csv' });
    expect(check({ code: 'W1', name: 'One', line: 2 }).ok).toBe(true);
    expect(check({ code: 'W2', name: 'Two', line: 3 }).ok).toBe(true);
    expect(check({ code: 'W1', name: 'One', line: 4 }).ok).toBe(true);
    expect(check({ code: '', name: 'Other', line: 5 }).ok).toBe(true);
    expect(check({ code: '', name: 'Another', line: 6 }).ok).toBe(true);
  });

  it('refuses a second name for a code, naming both names and both lines', () => {
    const check = oneNamePerCode({ noun: 'district', file: 'f.csv' });
    check({ code: 'F9', name: 'Alpha', line: 2 });
    expect(check({ code: 'F9', name: 'Alpha Vale', line: 7 })).toEqual({
      ok: false,
      error: {
        kind: 'data',
        code: 'conflicting-name',
        message: 'district "F9" is called "Alpha" on line 2 but "Alpha Vale" on line 7',
        hint: 'Spell each district code’s name the same way on every row',
        location: { file: 'f.csv', line: 7 },
      },
    });
  });

  it('treats a name broken over lines with CRLF or LF as the same name', () => {
    const check = oneNamePerCode();
    check({ code: 'W1', name: 'Ward\r\nOne', line: 2 });
    expect(check({ code: 'W1', name: 'Ward\nOne', line: 4 }).ok).toBe(true);
  });

  it('quotes at most 60 characters of each name, on one line', () => {
    const check = oneNamePerCode();
    check({ code: 'W1', name: 'A'.repeat(100_000), line: 2 });
    const result = check({ code: 'W1', name: 'B\nB', line: 3 });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message.length).toBeLessThan(150);
    expect(result.error.message).toContain('"B?B" on line 3');
  });
});
