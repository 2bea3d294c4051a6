// exceljs is loaded only when a workbook is written: it takes ~150 ms to import, which every other run
// of the CLI would otherwise pay at start-up.
import type ExcelJS from 'exceljs';
import type { WeightedFormula } from '../engine/weigh.js';
import { Exact } from '../engine/exact.js';
import { display } from './display.js';
import type { ColumnKind, Table } from './table.js';
import type { InputFile } from '../data/inputFile.js';

/** One worksheet: a table, with lines of caption above it (e.g. the run described). */
export interface XlsxSheet {
  /** The wanted sheet name; made valid and unique (see {@link toXlsx}). */
  readonly name: string;
  readonly table: Table;
  readonly caption?: readonly string[];
}

/** A formula domain as the Notes sheet lists it. */
export interface XlsxDomain {
  readonly id: string;
  readonly label: string;
  /** The weight it counted with in this run, as typed: `1`, `0.5`, `0` for an excluded domain. */
  readonly weight: string;
  /** The indicators behind it, in words. */
  readonly sources: readonly string[];
}

/**
 * A block of the Notes sheet: a heading (a run, scenario or pot), lines of settings and its formula's
 * domains.
 */
export interface XlsxSettings {
  readonly heading: string;
  readonly lines?: readonly string[];
  readonly domains?: readonly XlsxDomain[];
}

/** What the final Notes sheet says about the workbook. */
export interface XlsxNotes {
  readonly title: string;
  /** Lines describing the run, as above the terminal table. */
  readonly lines: readonly string[];
  /** The resolved settings and formulas, one block per run, scenario or pot. */
  readonly settings?: readonly XlsxSettings[];
  /** Where the data came from, in words (e.g. the data pack's vintage). */
  readonly sources?: readonly string[];
  /** The data's licence statement, e.g. the Open Government Licence attribution for the shipped pack. */
  readonly licence?: string;
  readonly provenance: readonly InputFile[];
  readonly tool: { readonly name: string; readonly version: string };
}

/**
 * Excel number formats by column kind. A percentage is stored as Excel stores one, the fraction (0.1123
 * for 11.23%) with a percentage format, so that Excel arithmetic on it is right (=B2*C2 is an amount, not
 * 100 times one) and Excel's own % button changes nothing; it reads 11.23% as in the CSV.
 */
const NUM_FMT: Readonly<Record<Exclude<ColumnKind, 'text'>, string>> = {
  money: '"£"#,##0.00',
  pct: '0.00%',
  int: '#,##0',
  number: 'General',
  index: '0.00',
  // A change shows its sign: +2, -1, 0.
  delta: '+#,##0;-#,##0;0',
};

/** Excel's name rules: at most 31 characters, none of these, not "History" (reserved by Excel). */
const MAX_SHEET_NAME = 31;
// eslint-disable-next-line no-control-regex -- control characters are matched on purpose, to neutralise them
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\\u0000-\u001f]/g;
const NOTES_SHEET = 'Notes';

/** A plain decimal as the engine writes it (`12700000.00`, `-3.5`, `211`, `1e-7`). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * The fixed time written into the workbook (and, as 1980-01-01, the earliest a zip can hold, into the zip).
 */
const FIXED_DATE = new Date(0);

/**
 * The tables as an Excel workbook, one sheet per table and a final Notes sheet (title, the run, the
 * formula with weights and sources, data sources and licence, tool version and input SHA-256s).
 *
 * On each sheet: the caption lines (italic), a blank row, the header row (bold, bordered, frozen, with
 * an autofilter), the rows, then the total row in bold. Numbers are stored as numbers with a number
 * format (money `"£"#,##0.00`, int `#,##0`, pct `0.00%` on the fraction, 0.1123 for 11.23%, number
 * `General`);
 * text is stored as text, never as a formula, so a name like `=HYPERLINK(…)` stays a name.
 *
 * Sheet names are made valid and unique in order: `[]:*?/\` become `-`, names are cut to 31
 * characters, and a repeated name (ignoring case) gets ` (2)`, ` (3)`, … ; "Notes" is kept for the notes.
 *
 * The bytes are the same on every run for the same input: the workbook's dates are fixed at 1970-01-01
 * and the zip entries' times at 1980-01-01.
 *
 * @example const bytes = await toXlsx([{ name: 'Districts', table: districtTable(t), caption: header }], notes)
 */
export async function toXlsx(sheets: readonly XlsxSheet[], notes: XlsxNotes): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = notes.tool.name;
  workbook.lastModifiedBy = notes.tool.name;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const taken = new Set([NOTES_SHEET.toLowerCase(), 'history']);
  for (const sheet of sheets) addTableSheet(workbook, uniqueSheetName(sheet.name, taken), sheet);
  addNotesSheet(workbook, notes);
  const buffer = await workbook.xlsx.writeBuffer();
  return withFixedZipTimes(new Uint8Array(buffer));
}

/**
 * A formula's domains with the weights they counted with, for {@link XlsxSettings}.
 *
 * @example formulaDomains(allocation.formula)[0] // => { id: 'deprivation', label: '…', weight: '1', sources: ['…'] }
 */
export function formulaDomains(formula: WeightedFormula): XlsxDomain[] {
  return formula.domains.map((d) => ({
    id: d.id,
    label: d.label,
    weight: d.weightValue.toString(),
    sources: d.sources.map((s) => `${s.label} (${s.field}; higher means ${s.higherMeans.replace('-', ' ')})`),
  }));
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, sheet: XlsxSheet): void {
  const { table } = sheet;
  const caption = sheet.caption ?? [];
  const headerRow = caption.length ? caption.length + 2 : 1;
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });

  caption.forEach((line, i) => {
    const cell = worksheet.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { italic: true };
  });

  table.columns.forEach((column, c) => {
    const cell = worksheet.getCell(headerRow, c + 1);
    cell.value = column.title;
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    if (column.kind !== 'text') cell.alignment = { horizontal: 'right' };
  });

  table.rows.forEach((row, r) => writeRow(worksheet, headerRow + 1 + r, table, row));
  const lastDataRow = headerRow + table.rows.length;

  if (table.total) {
    // The totals are written as values, not =SUM(): they are the engine's exact sums to the penny, and
    // Excel's floating-point SUM of the rounded rows could differ from them in the last digit.
    const totalRow = lastDataRow + 1;
    writeRow(worksheet, totalRow, table, table.total);
    table.columns.forEach((_column, c) => {
      const cell = worksheet.getCell(totalRow, c + 1);
      cell.font = { bold: true };
      cell.border = { top: { style: 'thin' } };
    });
  }

  worksheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastDataRow, column: Math.max(1, table.columns.length) } };
  table.columns.forEach((column, c) => {
    const cells = [...table.rows, ...(table.total ? [table.total] : [])].map((row) => display(row[c] ?? '', column.kind));
    const widest = Math.max(column.title.length + 3, ...cells.map((text) => text.length));
    worksheet.getColumn(c + 1).width = Math.min(60, Math.max(10, widest + 2));
  });
}

/**
 * A percentage as its fraction, exactly in decimal (`11.23` → `0.1123`): dividing a decimal by 100 only
 * moves its point, so the double Excel stores is the one nearest the exact fraction.
 *
 * @example percentFraction('11.23') // => '0.1123'
 */
export function percentFraction(text: string): string {
  return new Exact(text).dividedBy(100).toString();
}

/** One row of cells: numbers as numbers with their format, text as text, empty cells left blank. */
function writeRow(worksheet: ExcelJS.Worksheet, rowNumber: number, table: Table, row: readonly string[]): void {
  table.columns.forEach((column, c) => {
    const text = row[c] ?? '';
    if (text === '') return;
    const cell = worksheet.getCell(rowNumber, c + 1);
    if (column.kind !== 'text' && PLAIN_NUMBER.test(text)) {
      cell.value = column.kind === 'pct' ? Number(percentFraction(text)) : Number(text);
      cell.numFmt = NUM_FMT[column.kind];
    } else {
      // A plain string is stored as a string cell: Excel shows it and never evaluates it.
      cell.value = text;
    }
  });
}

function addNotesSheet(workbook: ExcelJS.Workbook, notes: XlsxNotes): void {
  const worksheet = workbook.addWorksheet(NOTES_SHEET);
  [34, 44, 12, 80].forEach((width, i) => (worksheet.getColumn(i + 1).width = width));
  let row = 1;
  const put = (cells: readonly (string | number)[], font?: Partial<ExcelJS.Font>): void => {
    cells.forEach((value, c) => {
      if (value === '') return;
      const cell = worksheet.getCell(row, c + 1);
      cell.value = value;
      if (font) cell.font = font;
    });
    row += 1;
  };
  const heading = (text: string): void => {
    row += 1;
    put([text], { bold: true, size: 12 });
  };

  put([notes.title], { bold: true, size: 14 });
  for (const line of notes.lines) put([line]);

  if (notes.settings?.length) {
    heading('Settings and formula');
    for (const block of notes.settings) {
      put([block.heading], { bold: true });
      for (const line of block.lines ?? []) put([line]);
      if (block.domains?.length) {
        put(['Domain', 'Label', 'Weight', 'Sources'], { bold: true });
        for (const d of block.domains) {
          const weight = PLAIN_NUMBER.test(d.weight) ? Number(d.weight) : d.weight;
          put([d.id, d.label, weight, d.sources.join('; ')]);
        }
      }
      row += 1;
    }
    row -= 1;
  }

  if (notes.sources?.length || notes.licence !== undefined) {
    heading(notes.licence === undefined ? 'Data sources' : 'Data sources and licence');
    for (const line of notes.sources ?? []) put([line]);
    if (notes.licence !== undefined) put([notes.licence]);
  }

  heading('Provenance');
  put([`Made by ${notes.tool.name} ${notes.tool.version}. Amounts are exact to the penny; totals are the exact sums, stored as values.`]);
  if (notes.provenance.length) {
    put(['Input', 'File', 'SHA-256'], { bold: true });
    for (const input of notes.provenance) put([input.role, input.file, input.sha256]);
  }
}

/**
 * A valid sheet name not yet taken (compared ignoring case), recorded as taken. Deterministic: the
 * same names in the same order always give the same result.
 */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(FORBIDDEN_IN_SHEET_NAME, '-')
      .trim()
      .replace(/^'+|'+$/g, '') || 'Sheet';
  let name = cut(base, MAX_SHEET_NAME);
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** At most `max` UTF-16 units, without splitting a character, and not ending in a space or apostrophe. */
function cut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out.replace(/[\s']+$/, '') || 'Sheet';
}

/** MS-DOS time and date of 1980-01-01 00:00, the earliest a zip entry can carry. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/**
 * The zip with every entry's modification time set to 1980-01-01, so that the same workbook gives the
 * same bytes (JSZip, inside exceljs, stamps entries with the current time). Walks the central directory
 * from the end record (PKWARE APPNOTE.TXT, sections 4.3.7, 4.3.12 and 4.3.16); times are not covered by
 * the CRC, so the data is untouched. Throws only if exceljs wrote something that is not a plain zip (a bug).
 */
function withFixedZipTimes(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = (at: number, expected: number): void => {
    if (at < 0 || at + 4 > bytes.length || view.getUint32(at, true) !== expected) throw new Error(`unexpected zip layout at byte ${at}`);
  };
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  signature(end, 0x06054b50);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i += 1) {
    signature(at, 0x02014b50);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    signature(local, 0x04034b50);
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return bytes;
}
