import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/engine/errors.js';

describe('formatError', () => {
  it('renders file:line:column (column name): message. hint', () => {
    expect(
      formatError({
        kind: 'data',
        code: 'bad-population',
        message: 'population "x" is not a number',
        hint: 'Write a number',
        location: { file: 'a.csv', line: 2, column: 4, columnName: 'population' },
      }),
    ).toBe('a.csv:2:4 (column "population"): population "x" is not a number. Write a number');
  });

  it('keeps a message with user text on one line and makes control and bidi characters ?', () => {
    const text = formatError({
      kind: 'data',
      code: 'unknown-area',
      message: 'unknown area "Nope\u001b]0;pwned\u0007\nline2"',
      hint: 'Try\r\n"\u202eevil"',
      location: { file: 'we\u001b[2Jird.csv', line: 3, columnName: 'na\tme\u009b' },
    });
    expect(text).toBe('we?[2Jird.csv:3 (column "na me?"): unknown area "Nope?]0;pwned? line2". Try "?evil"');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });
});
