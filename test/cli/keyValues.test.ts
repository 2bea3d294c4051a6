import { describe, expect, it } from 'vitest';
import { parseWeightSettings } from '../../src/cli/allocationOptions.js';
import { Failure } from '../../src/app/failure.js';
import { parseReplaceSettings } from '../../src/cli/replaceOptions.js';

const refusal = (run: () => unknown): { code: string; message: string; hint?: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return error.error;
    throw error;
  }
  throw new Error('not refused');
};

describe('repeatable KEY=VALUE options', () => {
  it('read each setting in order, trimmed, keys kept as user text', () => {
    expect([...parseWeightSettings([' community-safety = 2 ', '__proto__=1'])]).toEqual([
      ['community-safety', '2'],
      ['__proto__', '1'],
    ]);
    expect(parseReplaceSettings(['adults.idaopi_rate = my rates.csv '])).toEqual([{ source: 'adults.idaopi_rate', file: 'my rates.csv' }]);
  });

  it('refuse a key given twice, in each option’s words', () => {
    expect(refusal(() => parseWeightSettings(['adults=1', 'adults=2']))).toMatchObject({
      code: 'conflicting-weight',
      message: '--weight gives domain "adults" a weight twice',
    });
    expect(refusal(() => parseReplaceSettings(['adults.x=a.csv', 'adults.x=b.csv']))).toMatchObject({
      code: 'conflicting-replace',
      message: '--replace names the source "adults.x" twice',
    });
  });

  it('refuse a setting without =, and a replacement without a file', () => {
    expect(refusal(() => parseWeightSettings(['adults']))).toMatchObject({ code: 'bad-weight', hint: 'Write it like --weight community-safety=2' });
    expect(refusal(() => parseReplaceSettings(['adults=']))).toMatchObject({
      code: 'bad-replace',
      message: '--replace "adults=" is not of the form SOURCE=FILE',
    });
    // An empty weight is left to the weight's own reader, which says what a weight is.
    expect([...parseWeightSettings(['adults='])]).toEqual([['adults', '']]);
  });
});
