import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../src/index.js';
import { csvRows, expectScenariosRefused, penniesOf, runCli, type CsvRow } from '../helpers/runCli.js';

// `transition:` in a scenario file: the path `fairshare transition` takes, per scenario. Last year's
// allocation is the tool's own 2025 district table with three domains left out, so the formula moves it.
const run = runCli;
type Row = CsvRow;
const rowsOf = csvRows;
const pennies = penniesOf;
const sum = (rows: readonly Row[], key = 'allocation'): bigint => rows.reduce((total, r) => total + pennies(r[key]), 0n);

let lastYear = '';
beforeAll(async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fairshare-scenario-transition-'));
  const made = await run(
    ['allocate', '--vintage', '2025', '--area', 'Northamptonshire', '--budget', '12.7m', '--exclude', 'young-people,early-years,adults', '--format', 'csv'],
    cwd,
  );
  if (made.code !== 0) throw new Error(made.err);
  lastYear = made.out;
});

const DEFAULTS = ['defaults:', '  area: Northamptonshire', '  vintage: 2025', '  budget: 12.7m', '  previous: last-year.csv'];

/** A new folder with last year's table and a scenario file of these lines. */
function folder(lines: readonly string[]): string {
  const cwd = mkdtempSync(join(tmpdir(), 'fairshare-scenario-transition-'));
  writeFileSync(join(cwd, 'last-year.csv'), lastYear);
  writeFileSync(join(cwd, 'scenarios.yaml'), `${lines.join('\n')}\n`);
  return cwd;
}

const THREE_YEARS = [
  ...DEFAULTS,
  'baseline: jump',
  'scenarios:',
  '  jump: {}',
  '  three-years:',
  '    floor: -2%',
  '    transition:',
  '      years: 3',
  '      pace: 50%',
  '      budgets: [12.7m, 13m, 13.3m]',
];

describe('transition: in a scenario file', () => {
  it('writes the path and every year exactly as fairshare transition does, and compares year 1', async () => {
    const cwd = folder(THREE_YEARS);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd);
    expect(ran.code, ran.err).toBe(0);
    expect(ran.out).toContain("three-years: Transition over 3 years from last-year.csv: each year closes 50% of the gap to the formula's target, floor -2%");
    const args = ['--vintage', '2025', '--area', 'Northamptonshire', '--previous', 'last-year.csv', '--years', '3', '--pace', '50%', '--floor', '-2%'];
    const cli = await run(['transition', ...args, '--budget', '12.7m,13m,13.3m', '--format', 'csv'], cwd);
    expect(cli.code, cli.err).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'three-years.path.csv'), 'utf8')).toBe(cli.out);
    const json = JSON.parse((await run(['transition', ...args, '--budget', '12.7m,13m,13.3m', '--format', 'json'], cwd)).out) as {
      years: { rows: Row[] }[];
    };
    const budgets = [1_270_000_000n, 1_300_000_000n, 1_330_000_000n];
    for (const [t, budget] of budgets.entries()) {
      const year = rowsOf(readFileSync(join(cwd, 'out', `three-years.year-${t + 1}.csv`), 'utf8'));
      expect(sum(year)).toBe(budget);
      expect(year).toEqual(json.years[t]?.rows);
    }
    // The scenario's own table, and its rows of the comparison, are year 1's.
    const year1 = rowsOf(readFileSync(join(cwd, 'out', 'three-years.year-1.csv'), 'utf8'));
    const table = rowsOf(readFileSync(join(cwd, 'out', 'three-years.csv'), 'utf8'));
    expect(table.map((r) => [r.district_code, r.allocation, r.held])).toEqual(year1.map((r) => [r.district_code, r.allocation, r.held]));
    expect(table.some((r) => r.held === 'floor')).toBe(true);
    const comparison = rowsOf(readFileSync(join(cwd, 'out', 'comparison.csv'), 'utf8')).filter((r) => r.scenario === 'three-years');
    expect(comparison.map((r) => r.allocation)).toEqual(year1.map((r) => r.allocation));
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8')) as { scenarios: { name: string; transition?: unknown }[] };
    expect(manifest.scenarios.find((s) => s.name === 'three-years')?.transition).toEqual({
      years: 3,
      pace: '50%',
      budgets: ['12700000.00', '13000000.00', '13300000.00'],
      shortfall: '0.00',
    });
  });

  it('by default closes 100% ÷ years of the gap with the scenario’s budget every year, ending on the target', async () => {
    const cwd = folder([...DEFAULTS, 'scenarios:', '  target: {}', '  moving:', '    transition:', '      years: 3']);
    expect((await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd)).code).toBe(0);
    const path = rowsOf(readFileSync(join(cwd, 'out', 'moving.path.csv'), 'utf8'));
    const target = rowsOf(readFileSync(join(cwd, 'out', 'target.csv'), 'utf8'));
    expect(path.map((r) => r.year_3)).toEqual(target.map((r) => r.allocation));
    for (const year of ['year_1', 'year_2', 'year_3']) expect(sum(path, year)).toBe(1_270_000_000n);
    const result = await scenarios({ file: join(cwd, 'scenarios.yaml'), cwd });
    const moving = result.scenarios.find((s) => s.name === 'moving');
    expect(moving?.transition?.pace).toBe('1/3');
    expect(moving?.transition?.shortfall).toBe('0.00');
    expect(moving?.transition?.years.map((y) => y.budget)).toEqual(['12700000.00', '12700000.00', '12700000.00']);
    expect(moving?.rows.map((r) => r.allocation)).toEqual(moving?.transition?.years[0]?.rows.map((r) => r.allocation));
  });

  it('moves a scenario with pots to the sum of its pots', async () => {
    const pots = [
      '    pots:',
      '      adults:',
      '        budget: 8m',
      '        exclude: [young-people, early-years]',
      '      children:',
      '        budget: 4.7m',
    ];
    const cwd = folder([...DEFAULTS, 'scenarios:', '  pooled:', ...pots, '  pooled-moving:', '    transition:', '      years: 2', ...pots]);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd);
    expect(ran.code, ran.err).toBe(0);
    const path = rowsOf(readFileSync(join(cwd, 'out', 'pooled-moving.path.csv'), 'utf8'));
    const pooled = rowsOf(readFileSync(join(cwd, 'out', 'pooled.csv'), 'utf8'));
    expect(path.map((r) => r.year_2)).toEqual(pooled.map((r) => r.allocation));
    expect(path.map((r) => r.year_1)).not.toEqual(pooled.map((r) => r.allocation));
  });

  it('gives the path and each year in the Markdown and the workbook', async () => {
    const cwd = folder(THREE_YEARS);
    expect((await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'md', '--format', 'md'], cwd)).code).toBe(0);
    const md = readFileSync(join(cwd, 'md', 'scenarios.md'), 'utf8');
    for (const heading of ['### three-years: path', '### three-years: year 1', '### three-years: year 3']) expect(md).toContain(heading);
    expect(md).toContain("Year 3 reaches the formula's target for every district.");
    expect((await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'xlsx', '--format', 'xlsx'], cwd)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(cwd, 'xlsx', 'scenarios.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'jump',
      'three-years',
      'three-years path',
      'three-years year 1',
      'three-years year 2',
      'three-years year 3',
      'Comparison',
      'Notes',
    ]);
  });

  it('reads budgets as written, never through a JavaScript number', async () => {
    const lines = THREE_YEARS.map((line) => line.replace('[12.7m, 13m, 13.3m]', '[12700000, 13000000.00, 1.33e7]'));
    const cwd = folder(lines);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd);
    expect(ran.code).toBe(1);
    expect(ran.err).toMatch(/scenarios\.yaml:14:\d+: .*budget "1\.33e7" is not an amount of money/);
  });

  describe('refuses, naming the line, and writes nothing', () => {
    const scenario = (...lines: string[]) => [...DEFAULTS, 'scenarios:', '  moving:', ...lines];
    it.each([
      [
        'a transition without previous:',
        [...DEFAULTS.slice(0, 4), 'scenarios:', '  moving:', '    transition:', '      years: 3'],
        /scenarios\.yaml:7:\d+: scenario "moving": transition: moves from a previous allocation, but the scenario has no previous:/,
      ],
      ['years: 11', scenario('    transition:', '      years: 11'), /scenarios\.yaml:9:\d+: .*years: 11 is not a whole number of years from 1 to 10/],
      ['years: 2.5', scenario('    transition:', '      years: 2.5'), /scenarios\.yaml:9:\d+: .*years: 2\.5 is not a whole number/],
      ['pace: 0%', scenario('    transition:', '      years: 2', '      pace: 0%'), /scenarios\.yaml:10:\d+: .*pace: 0% is not above 0% and at most 100%/],
      ['pace: 150%', scenario('    transition:', '      years: 2', '      pace: 150%'), /scenarios\.yaml:10:\d+: .*pace: 150%/],
      [
        'budgets not one a year',
        scenario('    transition:', '      years: 3', '      budgets: [12.7m, 13m]'),
        /scenarios\.yaml:10:\d+: .*2 budgets for 3 years/,
      ],
      [
        'budget: beside budgets:',
        scenario('    budget: 12m', '    transition:', '      years: 2', '      budgets: [12.7m, 13m]'),
        /scenarios\.yaml:8:\d+: .*both budget: and transition budgets:/,
      ],
      [
        'budgets: with pots',
        scenario('    transition:', '      years: 2', '      budgets: [12.7m, 13m]', '    pots:', '      a:', '        budget: 1m'),
        /scenarios\.yaml:10:\d+: .*has pots and transition budgets:/,
      ],
      ['a bad budget', scenario('    transition:', '      years: 2', '      budgets: [12.7m, lots]'), /scenarios\.yaml:10:\d+: .*lots/],
      [
        'a pot named path',
        scenario('    transition:', '      years: 2', '    pots:', '      path:', '        budget: 1m'),
        /scenarios\.yaml:11:\d+: .*pot name "path"/,
      ],
      [
        'a typo under transition:',
        scenario('    transition:', '      year: 2'),
        /scenarios\.yaml:9:\d+: .*unknown key "year".*Did you mean "years"\? Valid keys here: years, pace, budgets/,
      ],
      [
        'a floor a year cannot fund',
        scenario('    floor: +20%', '    transition:', '      years: 2'),
        /scenarios\.yaml:8:\d+: scenario "moving": year 1 of 2: .*floor/,
      ],
    ])('%s', async (_, lines, message) => {
      await expectScenariosRefused(folder(lines), message);
    });
  });
});
