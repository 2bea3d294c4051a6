import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// Ward and division tables, as a member checks them: every figure in the total row is the exact sum of
// the column above it, in every format, and a column that does not add up has no total. Run on the
// shipped data: the 2019 division lookup (LSOAs split between divisions, people apportioned) and the
// 2025 wards (whole LSOAs).

/** A table as shown: titles, the rows' cells and the total row's cells, as display text. */
interface Shown {
  readonly titles: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly total: readonly string[];
}

const CASES = [
  {
    name: 'the 2019 divisions, shared through the shipped lookup',
    args: ['--vintage', '2019', '--level', 'division'],
    rows: 57,
    section: 'divisions',
    // Population and pounds add up; LSOAs (touching) counts a split LSOA in every division it touches.
    totalled: ['Population', 'Allocation'],
    untotalled: ['Code', 'LSOAs (touching)', '% of total', '£ per person', 'Need index', 'Estimated'],
  },
  {
    name: 'the 2025 wards, each made of whole LSOAs',
    args: ['--vintage', '2025', '--level', 'ward'],
    rows: 66,
    section: 'wards',
    totalled: ['LSOAs', 'Population', 'Allocation'],
    untotalled: ['Code', '% of total', '£ per person', 'Need index', 'Derived'],
  },
] as const;

const BUDGET = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];

async function allocate(args: readonly string[], cwd: string): Promise<string> {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(['allocate', ...BUDGET, ...args], io);
  expect(code, io.err()).toBe(0);
  return io.out();
}

/**
 * A displayed number (`£12,700,000.00`, `1.93%`, `**720,913**`) exactly, or undefined for text and empty
 * cells.
 */
function number(cell: string): Decimal | undefined {
  const plain = cell.replace(/\*\*/g, '').replace(/[£,%]/g, '').trim();
  return /^-?\d+(\.\d+)?$/.test(plain) ? new Decimal(plain) : undefined;
}

/** Each column with a total is the exact sum of its rows; the rest have an empty total cell. */
function expectTotals(shown: Shown, totalled: readonly string[], untotalled: readonly string[], rows: number): void {
  expect(shown.rows).toHaveLength(rows);
  const summed = shown.titles.filter((_, i) => number(shown.total[i] ?? '') !== undefined);
  expect(summed).toEqual(totalled);
  shown.titles.forEach((title, i) => {
    const total = number(shown.total[i] ?? '');
    if (total === undefined) return;
    const sum = shown.rows.reduce((s, row) => s.plus(number(row[i] ?? '') ?? 0), new Decimal(0));
    expect(`${title}: ${sum.toFixed()}`).toBe(`${title}: ${total.toFixed()}`);
  });
  for (const title of untotalled) expect(shown.total[shown.titles.indexOf(title)], title).toBe('');
}

/** The cells of an HTML table (`<thead>`, `<tbody>`, `<tfoot>`), entities decoded. */
function htmlShown(table: string): Shown {
  const cells = (row: string): string[] =>
    [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) =>
      (m[1] ?? '')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
  const rows = (part: string): string[][] =>
    [...(/<(?:tbody|thead|tfoot)>([\s\S]*?)<\/(?:tbody|thead|tfoot)>/.exec(part)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1] ?? ''));
  const part = (tag: string): string => new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`).exec(table)?.[0] ?? '';
  return { titles: rows(part('thead'))[0] ?? [], rows: rows(part('tbody')), total: rows(part('tfoot'))[0] ?? [] };
}

/** The terminal table: columns cut where the rule under the header has its gaps. */
function terminalShown(text: string): Shown {
  const lines = text.trimEnd().split('\n');
  const rules = lines.map((line, i) => (/^─/.test(line) ? i : -1)).filter((i) => i >= 0);
  const [first, last] = [rules[0] as number, rules.at(-1) as number];
  const spans = [...(lines[first] as string).matchAll(/─+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const cut = (line: string): string[] => spans.map(([from, to]) => line.slice(from, to).trim());
  return { titles: cut(lines[first - 1] as string), rows: lines.slice(first + 1, last).map(cut), total: cut(lines[last + 1] as string) };
}

/** The Markdown table: the first line starting with `|` is the header, the last the total. */
function markdownShown(text: string): Shown {
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  const cut = (line: string): string[] =>
    line
      .slice(2, -2)
      .split(' | ')
      .map((c) => c.trim());
  return { titles: cut(lines[0] as string), rows: lines.slice(2, -1).map(cut), total: cut(lines.at(-1) as string) };
}

/** The workbook's first sheet: the bold header row, the rows, the bold total row; numbers as exact text. */
async function xlsxShown(file: string): Promise<Shown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      // A percentage is stored as its fraction; sums are checked on the stored numbers.
      cells.push(value === null || value === undefined ? '' : String(value));
    }
    grid[r - 1] = cells;
  });
  const header = grid.findIndex((row) => (row ?? []).filter((c) => c !== '').length >= 2);
  const body = grid.slice(header + 1).filter((row) => row !== undefined);
  return { titles: grid[header] ?? [], rows: body.slice(0, -1), total: body.at(-1) ?? [] };
}

describe.each(CASES)('the totals of $name', ({ args, rows, section, totalled, untotalled }) => {
  it('in JSON: each column with a total is the exact sum of its rows, and the others have none', async () => {
    const json = JSON.parse(await allocate([...args, '-f', 'json'], process.cwd())) as { rows: Record<string, unknown>[]; total: Record<string, unknown> };
    const keys = Object.keys(json.total).filter(
      (k) => typeof json.total[k] === 'number' || (typeof json.total[k] === 'string' && number(json.total[k] as string) !== undefined),
    );
    expect(keys).toEqual(totalled.map((t) => ({ LSOAs: 'lsoas', Population: 'population', Allocation: 'allocation' })[t]));
    for (const key of keys) {
      const sum = json.rows.reduce((s, r) => s.plus(String(r[key])), new Decimal(0));
      expect(sum.toFixed()).toBe(new Decimal(String(json.total[key])).toFixed());
    }
  });

  it('on a terminal', async () => {
    expectTotals(terminalShown(await allocate([...args, '-f', 'table'], process.cwd())), totalled, untotalled, rows);
  });

  it('in Markdown', async () => {
    expectTotals(markdownShown(await allocate([...args, '-f', 'md'], process.cwd())), totalled, untotalled, rows);
  });

  it('in HTML', async () => {
    expectTotals(htmlShown(await allocate([...args, '-f', 'html'], process.cwd())), totalled, untotalled, rows);
  });

  it('in a workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-totals-'));
    await allocate([...args, '-o', 'table.xlsx'], dir);
    expectTotals(await xlsxShown(join(dir, 'table.xlsx')), totalled, untotalled, rows);
  });

  it("in the committee report's table", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-totals-'));
    const io = memoryIo({ cwd: dir });
    expect(await main(['report', ...BUDGET, '--vintage', args[1], '-o', 'report.html'], io), io.err()).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const part = new RegExp(`<section id="${section}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    expectTotals(htmlShown(/<table>[\s\S]*<\/table>/.exec(part)?.[0] ?? ''), totalled, untotalled, rows);
  });
});

describe('the division table shared through a lookup', () => {
  it('calls its LSOA count "LSOAs (touching)" (lsoas_touching), because it counts a split LSOA in every division it touches', async () => {
    const csv = await allocate(['--vintage', '2019', '--level', 'division', '-f', 'csv'], process.cwd());
    expect(csv.split('\n')[0]).toBe('area_code,area_name,lsoas_touching,population,allocation,share_pct,per_person,need_index,estimated');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    // More touchings than the 422 LSOAs: a sum would count the split ones twice or more.
    expect(rows.reduce((s, r) => s + Number(r.lsoas_touching), 0)).toBeGreaterThan(422);
  });

  it('rounds the apportioned people to whole people that add up to the 720,913 of the area', async () => {
    const rows = parse(await allocate(['--vintage', '2019', '--level', 'division', '-f', 'csv'], process.cwd()), { columns: true }) as Record<string, string>[];
    expect(rows.every((r) => /^\d+$/.test(r.population ?? ''))).toBe(true);
    expect(rows.reduce((s, r) => s + Number(r.population), 0)).toBe(720_913);
  });
});
