/**
 * Reading an Excel workbook (.xlsx) given where a CSV is expected (`--previous`, `--data`, `--lookup`,
 * `lookup build --points`), including fairshare's own workbooks: last year's `allocate -o last-year.xlsx`
 * is this year's `--previous`. The first sheet's table becomes CSV text with one line per sheet row, so
 * the CSV readers' messages name the row (line N is row N) and the column (column 3 is C). Pure but for
 * exceljs, which is loaded only when a workbook is read.
 */
import { Buffer } from 'node:buffer';
import type ExcelJS from 'exceljs';
import { csvLine } from './csvText.js';
import { fail, ok, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';

/** A header fairshare writes with titles (see {@link WorkbookTextOptions.knownHeaders}). */
export interface KnownHeader {
  readonly head: readonly { readonly key: string; readonly title: string }[];
  readonly tail?: readonly { readonly key: string; readonly title: string }[];
}

export interface WorkbookTextOptions {
  /** The sheet to read; default the first. */
  readonly sheet?: string;
  /**
   * Headers written with titles, and their keys: a header row whose cells are the first titles of a
   * `head`, in order, is read as its keys (fairshare's own workbooks show `Code`, `Allocation`); with a
   * `tail`, the row must start with all of `head` and end with all of `tail`, the cells between kept.
   */
  readonly knownHeaders?: readonly KnownHeader[];
}

/**
 * The table of a workbook's sheet as CSV text. The header is the first row with two or more cells, so
 * the caption lines fairshare writes above its tables are passed over; rows above it become blank lines
 * (which the CSV readers skip), so line numbers stay row numbers. A last row whose first cell is blank
 * and that says "Total" (fairshare's own total row) is left out. Numbers are written as JavaScript
 * writes them (1426649.49), formulas as their last computed value, dates as ISO dates; a header of
 * titles from `knownHeaders` is read as its keys. A file that is not
 * a workbook, or has no such sheet, is a data failure naming it.
 *
 * @example await workbookText(bytes, 'last-year.xlsx') // => ok('\n\n\n\ndistrict_code,district_name,…\nE07000150,Corby,…\n')
 */
export async function workbookText(bytes: Uint8Array, file: string, options: WorkbookTextOptions = {}): Promise<Result<string>> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    return fail('data', 'bad-workbook', `the file is a zip archive but not an Excel workbook fairshare can read (${shown((error as Error).message)})`, {
      hint: 'Open it in Excel and save it again as "Excel Workbook (.xlsx)", or save the sheet as "CSV UTF-8"',
      location: { file },
    });
  }
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (sheet === undefined) {
    return fail('data', 'no-such-sheet', options.sheet === undefined ? 'the workbook has no sheets' : `the workbook has no sheet "${shown(options.sheet)}"`, {
      hint: names.length ? `Its sheets are: ${names.map((n) => shown(n)).join(', ')}` : 'Save a sheet with the table in it',
      location: { file },
    });
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  const filled = (row: readonly string[] | undefined): number => (row ?? []).filter((c) => c.trim() !== '').length;
  const header = rows.findIndex((row) => filled(row) >= 2);
  if (header === -1) return ok('');
  let last = rows.length - 1;
  while (last > header && filled(rows[last]) === 0) last -= 1;
  const final = rows[last];
  if (last > header && final !== undefined && (final[0] ?? '').trim() === '' && final.some((c) => c.trim() === 'Total')) last -= 1;
  rows[header] = headerKeys(rows[header] ?? [], options.knownHeaders ?? []);
  const width = Math.max(...rows.slice(header, last + 1).map((r) => (r ?? []).length));
  const lines: string[] = [];
  for (let r = 0; r <= last; r++) {
    const row = rows[r] ?? [];
    // Rows above the header (captions) and empty rows are blank lines, skipped by the CSV readers.
    if (r < header || filled(row) === 0) lines.push('');
    else lines.push(csvLine(Array.from({ length: width }, (_, c) => row[c] ?? '')));
  }
  return ok(`${lines.join('\n')}\n`);
}

/** A header of titles as its keys, when it is the start of a known header; else as it is. */
function headerKeys(row: readonly string[], known: readonly KnownHeader[]): string[] {
  const titles = row.map((c) => c.trim());
  while (titles.length > 0 && titles.at(-1) === '') titles.pop();
  for (const { head, tail } of known) {
    if (tail === undefined) {
      if (titles.length <= head.length && titles.every((t, i) => t === head[i]?.title)) return titles.map((_, i) => head[i]?.key ?? '');
      continue;
    }
    const middle = titles.length - head.length - tail.length;
    const matches = middle >= 0 && head.every((c, i) => titles[i] === c.title) && tail.every((c, i) => titles[head.length + middle + i] === c.title);
    if (matches) return titles.map((t, i) => (i < head.length ? (head[i]?.key ?? '') : i >= head.length + middle ? (tail[i - head.length - middle]?.key ?? '') : t));
  }
  return [...row];
}

/** A cell as text: its value, a formula's result, a rich text's plain text, a date as YYYY-MM-DD. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result instanceof Date ? value.result.toISOString().slice(0, 10) : value.result);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}
