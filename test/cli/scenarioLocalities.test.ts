import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/index.js';
import { csvRows, expectScenariosRefused, penniesOf, runCli } from '../helpers/runCli.js';

// `localities:` in a scenario file: every scenario's table by locality, as `allocate --localities` makes it.
const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE = 'examples/localities.yaml';
const LOCALITIES = join(ROOT, 'examples', 'localities-west-northamptonshire.csv');

const run = (args: string[], cwd = ROOT) => runCli(args, cwd);

const rowsOf = csvRows;
const pennies = penniesOf;

/** A new folder with the example localities and a scenario file of these lines. */
function folder(lines: readonly string[]): string {
  const cwd = mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-'));
  copyFileSync(LOCALITIES, join(cwd, 'localities.csv'));
  writeFileSync(join(cwd, 'scenarios.yaml'), `${lines.join('\n')}\n`);
  return cwd;
}

const WEST = ['defaults:', '  area: West Northamptonshire', '  vintage: 2025', '  budget: 5m', '  localities: localities.csv'];

describe('localities: in a scenario file', () => {
  it('gives each scenario the table allocate --localities writes with the same settings, byte for byte', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-')), 'out');
    const ran = await run(['scenarios', 'run', EXAMPLE, '-o', out]);
    expect(ran.code, ran.err).toBe(0);
    const same = ['allocate', '--area', 'West Northamptonshire', '--vintage', '2025', '--budget', '5m', '--localities', LOCALITIES, '--format', 'csv'];
    const all = await run(same);
    const adults = await run([...same, '--exclude', 'young-people,early-years']);
    expect(all.code).toBe(0);
    expect(readFileSync(join(out, 'all-domains.csv'), 'utf8')).toBe(all.out);
    expect(readFileSync(join(out, 'adults.csv'), 'utf8')).toBe(adults.out);
    expect(all.out).not.toBe(adults.out);
    expect(rowsOf(all.out).map((r) => r.locality)).toHaveLength(4);
  });

  it('adds a pooled scenario up locality by locality from its pots, exactly to its budget', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-')), 'out');
    expect((await run(['scenarios', 'run', EXAMPLE, '-o', out])).code).toBe(0);
    const sum = rowsOf(readFileSync(join(out, 'two-pots.csv'), 'utf8'));
    const pots = ['adults', 'children'].map((pot) => rowsOf(readFileSync(join(out, `two-pots.${pot}.csv`), 'utf8')));
    expect(sum.reduce((total, r) => total + pennies(r.allocation), 0n)).toBe(500_000_000n);
    sum.forEach((row, i) => {
      expect(pots.map((p) => p[i]?.locality)).toEqual([row.locality, row.locality]);
      expect(pennies(row.allocation)).toBe(pots.reduce((total, p) => total + pennies(p[i]?.allocation), 0n));
    });
    // Each pot is its own formula's table.
    expect(pots[0]?.[0]?.allocation).not.toBe(pots[1]?.[0]?.allocation);
  });

  it('compares locality by locality, in one locality column', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-')), 'out');
    const ran = await run(['scenarios', 'run', EXAMPLE, '-o', out]);
    expect(ran.out).toContain("each locality's share of the budget");
    const text = readFileSync(join(out, 'comparison.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('scenario,locality,allocation,per_person,change,change_pct,per_person_rank,rank_change');
    const rows = rowsOf(text);
    const baseline = new Map(rows.filter((r) => r.scenario === 'all-domains').map((r) => [r.locality, pennies(r.allocation)]));
    for (const r of rows.filter((row) => row.scenario === 'adults')) {
      expect(pennies(r.change)).toBe(pennies(r.allocation) - (baseline.get(r.locality as string) as bigint));
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: { role: string; file: string }[] };
    expect(manifest.inputs).toContainEqual(expect.objectContaining({ role: 'localities', file: 'localities-west-northamptonshire.csv' }));
  });

  it('says where the localities come from in the Markdown, and the library gives the level and the rows', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-')), 'out');
    expect((await run(['scenarios', 'run', EXAMPLE, '-o', out, '--format', 'md'])).code).toBe(0);
    const md = readFileSync(join(out, 'scenarios.md'), 'utf8');
    expect(md).toContain('Tables by locality, from localities-west-northamptonshire.csv');
    expect(md).toContain('| Scenario | Locality | Allocation |');
    const result = await scenarios({ file: EXAMPLE, cwd: ROOT });
    expect(result.level).toBe('locality');
    expect(result.scenarios[0]?.rows.map((r) => r.name)).toEqual([
      'Daventry area (example)',
      'Northampton North (example)',
      'Northampton South (example)',
      'South Northamptonshire area (example)',
    ]);
  });

  it('reports a scenario file by locality', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-scenario-localities-')), 'report.html');
    const ran = await run(['report', '--scenarios', EXAMPLE, '-o', out]);
    expect(ran.code, ran.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Northampton North (example)');
  });

  describe('refuses, naming the line, and writes nothing', () => {
    it.each([
      [
        'localities: under a scenario',
        [...WEST.slice(0, 4), 'scenarios:', '  one:', '    localities: localities.csv'],
        /scenarios\.yaml:7:\d+: .*scenario "one" has its own localities:.*Move localities: under defaults:/,
      ],
      [
        'a level other than locality',
        [...WEST, '  level: ward', 'scenarios:', '  one: {}'],
        /scenarios\.yaml:6:\d+: .*localities: gives every table by locality, not by ward/,
      ],
      [
        'level: locality without localities',
        [...WEST.slice(0, 4), '  level: locality', 'scenarios:', '  one: {}'],
        /scenarios\.yaml:5:\d+: .*level: locality needs a localities file.*Add localities: FILE under defaults:/,
      ],
      [
        'previous: at the locality level',
        [...WEST, '  previous: localities.csv', 'scenarios:', '  one: {}'],
        /scenarios\.yaml:6:\d+: .*previous: damps district or former-district tables, not locality tables/,
      ],
      [
        'a localities file that is a folder',
        [...WEST.slice(0, 4), '  localities: .', 'scenarios:', '  one: {}'],
        /scenarios\.yaml:5:\d+: cannot read localities file \.: it is a folder, not a file/,
      ],
      [
        'a localities file that is not there',
        [...WEST.slice(0, 4), '  localities: nowhere.csv', 'scenarios:', '  one: {}'],
        /scenarios\.yaml:5:\d+: .*nowhere\.csv/,
      ],
      [
        'localities outside the area',
        ['defaults:', '  area: North Northamptonshire', '  vintage: 2025', '  budget: 5m', '  localities: localities.csv', 'scenarios:', '  one: {}'],
        /localities\.csv:2:1 \(column "ward_code"\): scenario "one": 35 wards are outside North Northamptonshire.*with area:/,
      ],
    ])('%s', async (_, lines, message) => {
      await expectScenariosRefused(folder(lines), message);
    });

    it('--level other than locality on the command line, as a usage error', async () => {
      const cwd = folder([...WEST, 'scenarios:', '  one: {}']);
      const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out', '--level', 'district'], cwd);
      expect(ran.code).toBe(2);
      expect(ran.err).toMatch(/--level district: .*localities: gives every table by locality, not by district/);
    });

    it('an output folder holding the localities file', async () => {
      const cwd = folder([...WEST.slice(0, 4), '  localities: mine/localities.csv', 'scenarios:', '  one: {}']);
      mkdirSync(join(cwd, 'mine'));
      copyFileSync(LOCALITIES, join(cwd, 'mine', 'localities.csv'));
      const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'mine', '--force'], cwd);
      expect(ran.code).not.toBe(0);
      expect(ran.err).toMatch(/mine\/localities\.csv, which this run reads/);
      expect(readFileSync(join(cwd, 'mine', 'localities.csv'))).toEqual(readFileSync(LOCALITIES));
    });
  });
});
