import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvText } from '../../src/data/csvText.js';

// The writer must give csv-stringify's default bytes for anything: the tool's CSV files were written
// with it until the hand-written writer replaced it, and must stay byte for byte the same.
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '=', "'", ';', '\t', 'é', '😀') }),
  fc.constantFrom('', ',', '"', '""', '\r\n', 'Brixworth, Ward', 'The "Old" Town', '=1+1', ' padded '),
);

describe('csvText', () => {
  it('writes exactly what csv-stringify writes, for any fields', () => {
    fc.assert(
      fc.property(fc.array(fc.array(tricky, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (records) => {
        expect(csvText(records)).toBe(stringify(records));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes only what needs quotes, doubling the quotes inside', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvLine(['', 'x', ''])).toBe(',x,');
    expect(csvText([])).toBe('');
  });
});
