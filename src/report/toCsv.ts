import { csvField, csvLine, csvText } from '../data/csvText.js';
import type { Allocation } from '../engine/fairShare.js';
import { lsoaCells, lsoaColumns, type Table } from './table.js';

/**
 * The table as CSV for spreadsheets: a header of column keys, plain numbers (no £, no separators), no
 * total row. Only `text` columns (names and codes from inputs) go through {@link defuse}; number,
 * money and percentage columns are written as they are, so `-1234.50` stays a number.
 */
export function toCsv(table: Table): string {
  const rows = table.rows.map((row) => row.map((cell, i) => (table.columns[i]?.kind === 'text' ? defuse(cell) : cell)));
  return csvText([table.columns.map((c) => c.key), ...rows]);
}

/**
 * The LSOA table as CSV, exactly the UTF-8 bytes of `toCsv(lsoaTable(allocation))`, written row by row
 * into one growing buffer: no table of 33,755 rows of cells, and no line held once it is written, so each
 * row's strings die young and the garbage collector has little to copy (BENCHMARKS.md, "Speed at national
 * scale"). Only the text columns can need quotes or defusing; numbers are written as they are.
 */
export function lsoaCsv(allocation: Allocation): Uint8Array {
  const columns = lsoaColumns(allocation);
  const cells = lsoaCells(allocation);
  const n = allocation.dataset.units.length;
  const out = new ByteWriter(n * 128 + 4096);
  // A district's code and name repeat down the rows: a value the same as the row above's is not looked at
  // again.
  const last = columns.map(() => '');
  const lastSafe = columns.map(() => '');
  const safeText = (value: string, c: number): string => {
    if (value !== last[c]) {
      last[c] = value;
      lastSafe[c] = csvField(defuse(value));
    }
    return lastSafe[c] as string;
  };
  const textColumns = columns.flatMap((c, i) => (c.kind === 'text' ? [i] : []));
  out.write(`${csvLine(columns.map((c) => c.key))}\n`);
  // Rows are joined a block at a time (native joins make flat strings the encoder copies in one go).
  const block = new Array<string>(BLOCK_ROWS);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const row = cells(i);
    for (const c of textColumns) row[c] = safeText(row[c] as string, c);
    block[k++] = row.join(',');
    if (k === BLOCK_ROWS) {
      out.write(`${block.join('\n')}\n`);
      k = 0;
    }
  }
  if (k > 0) out.write(`${block.slice(0, k).join('\n')}\n`);
  return out.bytes();
}

/** How many rows of CSV are joined before they are encoded into the buffer. */
const BLOCK_ROWS = 1024;

/** UTF-8 bytes written one after another into a buffer that doubles when it must. */
class ByteWriter {
  #buffer: Buffer;
  #length = 0;

  constructor(capacity: number) {
    this.#buffer = Buffer.allocUnsafe(capacity);
  }

  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    const most = this.#length + 3 * text.length;
    if (most > this.#buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(most, 2 * this.#buffer.length));
      this.#buffer.copy(bigger, 0, 0, this.#length);
      this.#buffer = bigger;
    }
    this.#length += this.#buffer.write(text, this.#length, 'utf8');
  }

  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}

// A formula character at the start of the cell, or after a character some spreadsheet may split the
// cell at: `,` and `;` (the list separator in many European locales), tab, and line breaks. Spaces
// between the separator and the formula character do not make it safe.
const FORMULA = /^[=+\-@\t\r]|[,;\t\r\n]\s*[=+\-@]/;

/**
 * Neutralise a text cell a spreadsheet would read as a formula (OWASP's advice on CSV injection): when
 * the cell starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or when `=`, `+`, `-` or `@`
 * follows a `,`, `;`, tab or line break anywhere in it (optionally after spaces), the whole cell gets
 * one leading apostrophe. Excel in a locale whose list separator is `;` may split a cell there and
 * run what follows; one apostrophe at the front keeps the cell whole text in every spreadsheet, and
 * leaves the rest of the value exactly as it was. Use it only on text, never on numbers.
 *
 * @example defuse('=HYPERLINK("http://x")') // => `'=HYPERLINK("http://x")`
 * @example defuse('North; =1+1') // => `'North; =1+1`
 * @example defuse('Kettering, Rural') // => 'Kettering, Rural'
 */
export function defuse(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}
