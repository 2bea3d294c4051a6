/**
 * Writing CSV text: the one writer of every CSV fairshare makes (tables, lookups, a workbook's sheet read
 * as CSV). RFC 4180 as csv-stringify writes it by default, byte for byte: fields separated by commas,
 * each record ended by a line feed, and a field quoted (its quotes doubled) only when it holds a comma,
 * a double quote, a line feed or a carriage return. Hand-written for speed (33,755 rows of England
 * without a per-field call into a library); test/data/csvText.test.ts checks it against csv-stringify.
 * Pure. Formula injection is the caller's concern (src/report/toCsv.ts defuses text cells).
 */

/** What makes a field need quotes. */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One field as CSV.
 *
 * @example csvField('Brixworth, Ward') // => '"Brixworth, Ward"'
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One record as a CSV line, without its line feed.
 *
 * @example csvLine(['a', 'b,c']) // => 'a,"b,c"'
 */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i] as string);
  }
  return line;
}

/**
 * Records as CSV text, each ended by a line feed.
 *
 * @example csvText([['code', 'name'], ['E1', 'One']]) // => 'code,name\nE1,One\n'
 */
export function csvText(records: readonly (readonly string[])[]): string {
  const lines = new Array<string>(records.length);
  for (let r = 0; r < records.length; r++) lines[r] = csvLine(records[r] as readonly string[]);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
