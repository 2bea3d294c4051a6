import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { parseAmount } from '../../src/engine/parseAmount.js';
import { EXAMPLE_SCENARIO_FILE } from '../../src/scenario/exampleScenarioFile.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

// `fairshare scenarios` in-process, against the shipped data, writing into real temporary folders.
const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const DIRECTORATES = 'examples/directorates-2013.yaml';
const FIXTURES = 'test/fixtures/scenarios';
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

async function run(args: string[], cwd = ROOT) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

/** A new empty temporary folder. */
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-scenarios-'));

/** Run `scenarios run FILE -o <new folder> ...` and return the folder with the result. */
async function runInto(file: string, extra: string[] = []) {
  const dir = join(tempDir(), 'out');
  const result = await run(['scenarios', 'run', file, '-o', dir, ...extra]);
  return { dir, ...result };
}

/** Every file of a folder, name → content, names sorted. */
function filesOf(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parseCsv(text, { columns: true }) as Row[];
const readCsv = (dir: string, name: string): Row[] => csvRows(readFileSync(join(dir, name), 'utf8'));

/** A money cell (always exactly 2 decimals) as whole pennies, so sums are exact. */
function pennies(amount: string | undefined): bigint {
  expect(amount).toMatch(/^-?\d+\.\d{2}$/);
  return BigInt((amount as string).replace('.', ''));
}
const allocated = (rows: readonly Row[]): bigint => rows.reduce((sum, r) => sum + pennies(r.allocation), 0n);
const budgetPennies = (text: string | number): bigint => {
  const amount = parseAmount(String(text));
  if (!amount.ok) throw new Error(amount.error.message);
  return BigInt(amount.value.times(100).toFixed(0));
};

interface RawScenario {
  budget?: string | number;
  pots?: Record<string, { budget: string | number }>;
}

/**
 * What each scenario of a file should total, read from the file itself (not from fairshare's plan):
 * its own budget, else the default, or for pots each pot's budget. Name → [total, pots].
 */
function expectedBudgets(text: string): Map<string, { total: bigint; pots: Map<string, bigint> }> {
  const doc = parseYaml(text) as { defaults?: RawScenario; baseline?: unknown; scenarios: Record<string, RawScenario> };
  const scenarios: [string, RawScenario][] = Object.entries(doc.scenarios);
  if (typeof doc.baseline === 'object' && doc.baseline !== null) scenarios.unshift(['baseline', doc.baseline as RawScenario]);
  return new Map(
    scenarios.map(([name, s]) => {
      const pots = new Map(Object.entries(s.pots ?? {}).map(([pot, p]) => [pot, budgetPennies(p.budget)]));
      const budget = s.budget ?? doc.defaults?.budget;
      const total = s.pots ? [...pots.values()].reduce((a, b) => a + b, 0n) : budgetPennies(budget as string | number);
      return [name, { total, pots }];
    }),
  );
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

interface Manifest {
  tool: { name: string; version: string };
  inputs: { role: string; file: string; sha256: string }[];
  baseline: string;
  format: string;
  scenarios: { name: string; budget: string; pots: { name: string; budget: string; formula: { domains: { id: string; weight: string }[] } }[] }[];
  files: { name: string; sha256: string }[];
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const weightsIn = (m: Manifest, scenario: string, pot = scenario): Record<string, string> =>
  Object.fromEntries((m.scenarios.find((s) => s.name === scenario)?.pots.find((p) => p.name === pot)?.formula.domains ?? []).map((d) => [d.id, d.weight]));

describe('fairshare scenarios run', () => {
  describe.each(EXAMPLES)('examples/%s', (example) => {
    it('runs, and every scenario and pot CSV adds up exactly to its budget', async () => {
      const file = `examples/${example}`;
      const { code, err, dir } = await runInto(file);
      expect(err).toBe('');
      expect(code).toBe(0);
      const budgets = expectedBudgets(readFileSync(join(ROOT, file), 'utf8'));
      expect(budgets.size).toBeGreaterThan(0);
      for (const [name, { total, pots }] of budgets) {
        const rows = readCsv(dir, `${name}.csv`);
        expect(rows.length, name).toBeGreaterThan(0);
        expect(allocated(rows), name).toBe(total);
        for (const [pot, budget] of pots) expect(allocated(readCsv(dir, `${name}.${pot}.csv`)), `${name}.${pot}`).toBe(budget);
      }
      const comparison = readCsv(dir, 'comparison.csv');
      expect(new Set(comparison.map((r) => r.scenario))).toEqual(new Set(budgets.keys()));
    });
  });

  describe('examples/directorates-2013.yaml', () => {
    it('writes exactly the single-formula table, the four pots, their sum, the comparison and the manifest', async () => {
      const { code, dir, out } = await runInto(DIRECTORATES);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(
        [
          'single-formula.csv',
          'directorates-2013.children-and-families.csv',
          'directorates-2013.adults.csv',
          'directorates-2013.public-health-and-wellbeing.csv',
          'directorates-2013.customers-and-communities.csv',
          'directorates-2013.csv',
          'comparison.csv',
          'manifest.json',
        ].sort(),
      );
      expect(out).toContain(`Wrote 8 files to ${dir}`);
      expect(readdirSync(join(dir, '..'))).toEqual(['out']);
    });

    it('sums the four pots district by district into £38,100,000.00 exactly', async () => {
      const { dir } = await runInto(DIRECTORATES);
      const summed = readCsv(dir, 'directorates-2013.csv');
      expect(allocated(summed)).toBe(3_810_000_000n);
      const pots = ['children-and-families', 'adults', 'public-health-and-wellbeing', 'customers-and-communities'].map((p) =>
        readCsv(dir, `directorates-2013.${p}.csv`),
      );
      expect(pots.map(allocated)).toEqual([1_690_000_000n, 1_270_000_000n, 740_000_000n, 110_000_000n]);
      expect(summed.map((r) => r.district_code)).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
      for (const row of summed) {
        const fromPots = pots.reduce((sum, pot) => sum + pennies(pot.find((r) => r.district_code === row.district_code)?.allocation), 0n);
        expect(pennies(row.allocation), row.district_name).toBe(fromPots);
      }
    });

    it('writes byte-identical files, manifest included, when run twice into two folders', async () => {
      const first = await runInto(DIRECTORATES);
      const second = await runInto(DIRECTORATES);
      expect(first.dir).not.toBe(second.dir);
      const a = filesOf(first.dir);
      expect(a.size).toBe(8);
      expect(filesOf(second.dir)).toEqual(a);
    });

    // Golden files: the CSVs this run wrote when they were checked by hand (pots add up to each district's
    // total, shares and £ per person agree with single-formula's, changes are directorates − single).
    // After an intended change to the output, regenerate them with:
    //   npm run build && node bin/fairshare.js scenarios run examples/directorates-2013.yaml --vintage 2019 \
    //     -o /tmp/golden && cp /tmp/golden/*.csv test/golden/directorates-2013/
    // and review the diff before committing.
    it('writes CSVs byte for byte the same as the golden files in test/golden/directorates-2013/', async () => {
      const { dir } = await runInto(DIRECTORATES);
      const goldenDir = join(ROOT, 'test/golden/directorates-2013');
      const golden = filesOf(goldenDir);
      const written = new Map([...filesOf(dir)].filter(([name]) => name.endsWith('.csv')));
      expect([...written.keys()]).toEqual([...golden.keys()]);
      for (const [name, content] of golden) expect(written.get(name), name).toBe(content);
    });
  });

  describe('a scenario’s district CSV is byte for byte what `fairshare allocate` writes with the same settings', () => {
    it.each([
      ['examples/adults-only.yaml', 'adults-only.csv', ['--budget', '12.7m', '--exclude', 'young-people,early-years']],
      ['examples/adults-only.yaml', 'all-domains.csv', ['--budget', '12.7m']],
      [DIRECTORATES, 'directorates-2013.adults.csv', ['--budget', '12.7m', '--exclude', 'young-people,early-years']],
      [DIRECTORATES, 'single-formula.csv', ['--budget', '38.1m']],
      ['examples/reweighting.yaml', 'community-safety-double.csv', ['--budget', '38.1m', '--weight', 'community-safety=2']],
      ['examples/reweighting.yaml', 'access-half.csv', ['--budget', '38.1m', '--weight', 'access-to-facilities=0.5']],
      ['examples/year-on-year.yaml', 'budget-43-3m.csv', ['--budget', '43.3m']],
      [`${FIXTURES}/per-child.yaml`, 'per-child.csv', ['--budget', '1.1m', '--population', '0-15']],
    ])('%s → %s', async (file, csv, allocateArgs) => {
      const { dir, code } = await runInto(file);
      expect(code).toBe(0);
      const allocate = await run(['allocate', ...allocateArgs, '--format', 'csv']);
      expect(allocate.code).toBe(0);
      expect(readFileSync(join(dir, csv), 'utf8')).toBe(allocate.out);
    });
  });

  describe('manifest.json', () => {
    it("records the tool version, the scenario file's real SHA-256 and the inputs", async () => {
      const { dir } = await runInto(DIRECTORATES);
      const manifest = manifestOf(dir);
      expect(manifest.tool).toEqual({ name: PACKAGE.name, version: PACKAGE.version });
      // Recorded by file name (shipped files by their path in the package), so any folder gives the same
      // manifest.
      expect(manifest.inputs[0]).toEqual({ role: 'scenario file', file: 'directorates-2013.yaml', sha256: sha256(readFileSync(join(ROOT, DIRECTORATES))) });
      expect(manifest.inputs.map((i) => i.role)).toEqual(['scenario file', 'data pack', 'formula']);
      for (const input of manifest.inputs.slice(1)) expect(input.sha256).toBe(sha256(readFileSync(join(ROOT, input.file))));
      expect(manifest.baseline).toBe('single-formula');
      expect(manifest.format).toBe('csv');
    });

    it('records the SHA-256 of every other file written', async () => {
      const { dir } = await runInto(DIRECTORATES);
      const { files } = manifestOf(dir);
      expect(files.map((f) => f.name).sort()).toEqual(
        readdirSync(dir)
          .filter((n) => n !== 'manifest.json')
          .sort(),
      );
      for (const f of files) expect(f.sha256, f.name).toBe(sha256(readFileSync(join(dir, f.name))));
    });

    it("records every scenario's and pot's budget and resolved formula weights", async () => {
      const reweighting = manifestOf((await runInto('examples/reweighting.yaml')).dir);
      const all = ['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years'];
      const equal = Object.fromEntries(all.map((id) => [id, '1']));
      expect(reweighting.scenarios.map((s) => [s.name, s.budget])).toEqual([
        ['equal-weights', '38100000.00'],
        ['community-safety-double', '38100000.00'],
        ['deprivation-double', '38100000.00'],
        ['access-half', '38100000.00'],
      ]);
      expect(weightsIn(reweighting, 'equal-weights')).toEqual(equal);
      expect(weightsIn(reweighting, 'community-safety-double')).toEqual({ ...equal, 'community-safety': '2' });
      expect(weightsIn(reweighting, 'deprivation-double')).toEqual({ ...equal, deprivation: '2' });
      expect(weightsIn(reweighting, 'access-half')).toEqual({ ...equal, 'access-to-facilities': '0.5' });

      const directorates = manifestOf((await runInto(DIRECTORATES)).dir);
      const pooled = directorates.scenarios.find((s) => s.name === 'directorates-2013');
      expect(pooled?.budget).toBe('38100000.00');
      expect(pooled?.pots.map((p) => [p.name, p.budget])).toEqual([
        ['children-and-families', '16900000.00'],
        ['adults', '12700000.00'],
        ['public-health-and-wellbeing', '7400000.00'],
        ['customers-and-communities', '1100000.00'],
      ]);
      expect(weightsIn(directorates, 'directorates-2013', 'adults')).toEqual({ ...equal, 'young-people': '0', 'early-years': '0' });
      expect(weightsIn(directorates, 'directorates-2013', 'public-health-and-wellbeing')).toEqual(equal);
    });

    it('holds no timestamps', async () => {
      const { dir } = await runInto(DIRECTORATES);
      const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}/);
      expect(text).not.toMatch(/"(time|date|created|generated|timestamp)/i);
    });
  });

  describe('formats', () => {
    it('--format md writes one scenarios.md with a table per scenario and pot, and the comparison', async () => {
      const { code, dir } = await runInto(DIRECTORATES, ['--format', 'md']);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'scenarios.md']);
      const md = readFileSync(join(dir, 'scenarios.md'), 'utf8');
      expect(md.match(/^## .*$/gm)).toEqual(['## single-formula (baseline)', '## directorates-2013', '## Comparison with the baseline (single-formula)']);
      expect(md.match(/^### .*$/gm)).toHaveLength(4);
      // One header separator per table: 2 scenarios + 4 pots + the comparison.
      expect(md.match(/^\| --- \|/gm)).toHaveLength(7);
      expect(md).toContain('| **£38,100,000.00** |');
      expect(manifestOf(dir).format).toBe('md');
    });

    it('--format md has exactly one table per scenario and the comparison when there are no pots', async () => {
      const { dir } = await runInto('examples/adults-only.yaml', ['--format', 'md']);
      const md = readFileSync(join(dir, 'scenarios.md'), 'utf8');
      expect(md.match(/^\| --- \|/gm)).toHaveLength(3);
      expect(md.startsWith('# Adult social care pot, 2013/14\n')).toBe(true);
    });

    it('--format json writes one scenarios.json that parses, with every scenario and the comparison', async () => {
      const { code, dir } = await runInto(DIRECTORATES, ['--format', 'json']);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'scenarios.json']);
      const doc = JSON.parse(readFileSync(join(dir, 'scenarios.json'), 'utf8')) as {
        baseline: string;
        scenarios: { name: string; pots?: { name: string }[] }[];
        comparison: unknown[];
      };
      expect(doc.baseline).toBe('single-formula');
      expect(doc.scenarios.map((s) => s.name)).toEqual(['single-formula', 'directorates-2013']);
      expect(doc.scenarios[1]?.pots?.map((p) => p.name)).toHaveLength(4);
      expect(doc.comparison).toHaveLength(14);
    });

    it('--lsoa adds an LSOA CSV of 422 rows for every scenario and pot, each adding up to its budget', async () => {
      const { code, dir } = await runInto(DIRECTORATES, ['--lsoa']);
      expect(code).toBe(0);
      const lsoaFiles = readdirSync(dir)
        .filter((n) => n.endsWith('.lsoa.csv'))
        .sort();
      const budgets: Record<string, bigint> = {
        'single-formula.lsoa.csv': 3_810_000_000n,
        'directorates-2013.children-and-families.lsoa.csv': 1_690_000_000n,
        'directorates-2013.adults.lsoa.csv': 1_270_000_000n,
        'directorates-2013.public-health-and-wellbeing.lsoa.csv': 740_000_000n,
        'directorates-2013.customers-and-communities.lsoa.csv': 110_000_000n,
      };
      expect(lsoaFiles).toEqual(Object.keys(budgets).sort());
      for (const name of lsoaFiles) {
        const rows = readCsv(dir, name);
        expect(rows, name).toHaveLength(422);
        expect(new Set(rows.map((r) => r.lsoa_code)).size).toBe(422);
        expect(allocated(rows), name).toBe(budgets[name]);
      }
      expect(readdirSync(dir)).toHaveLength(8 + 5);
    });

    it('--lsoa with --format md writes the LSOA CSVs beside scenarios.md', async () => {
      const { dir } = await runInto('examples/adults-only.yaml', ['--format', 'md', '--lsoa']);
      expect(readdirSync(dir).sort()).toEqual(['adults-only.lsoa.csv', 'all-domains.lsoa.csv', 'manifest.json', 'scenarios.md']);
    });
  });

  it('writes to <file name>-results in the current folder when -o is not given', async () => {
    const cwd = tempDir();
    copyFileSync(join(ROOT, 'examples/adults-only.yaml'), join(cwd, 'adults-only.yaml'));
    const { code } = await run(['scenarios', 'run', 'adults-only.yaml'], cwd);
    expect(code).toBe(0);
    expect(readdirSync(join(cwd, 'adults-only-results')).sort()).toEqual(['adults-only.csv', 'all-domains.csv', 'comparison.csv', 'manifest.json']);
  });

  it('writes into an existing empty folder without --force', async () => {
    const dir = tempDir();
    const { code } = await run(['scenarios', 'run', 'examples/adults-only.yaml', '-o', dir]);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toContain('comparison.csv');
  });

  describe('bad input: exit code, one line naming file:line:column, and no output folder', () => {
    it.each([
      ['unknown-key.yaml', /unknown-key\.yaml:6:5: scenarios\.typo: unknown key "exlcude"\. Did you mean "exclude"\?/],
      ['duplicate-names.yaml', /duplicate-names\.yaml:7:3: "adults-only" appears twice at the same level/],
      ['unknown-domain.yaml', /unknown-domain\.yaml:6:5: scenario "typo": unknown domain "young-poeple" in exclude\. Did you mean "young-people"\?/],
      ['unknown-area.yaml', /unknown-area\.yaml:4:3: scenario "typo": unknown area "Northamptonshre"\. Did you mean "Northamptonshire"\?/],
      ['missing-budget.yaml', /missing-budget\.yaml:5:3: scenario "no-money" has no budget\. Give it a budget: line/],
      ['unparseable-budget.yaml', /unparseable-budget\.yaml:6:5: scenario "words": budget "twelve million" is not an amount of money\. Write it like 12\.7m/],
      ['pot-without-budget.yaml', /pot-without-budget\.yaml:7:7: scenarios\.pooled\.pots\.adults\.budget: a pot needs a budget/],
      ['all-weights-zero.yaml', /all-weights-zero\.yaml:7:5: scenario "nothing-counts": every domain is excluded or weighted 0/],
      ['yaml-syntax.yaml', /yaml-syntax\.yaml:6:13: YAML syntax error: /],
    ])('%s', async (fixture, message) => {
      const parent = tempDir();
      const { code, out, err } = await run(['scenarios', 'run', `${FIXTURES}/${fixture}`, '-o', join(parent, 'out')]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/^fairshare: error: test\/fixtures\/scenarios\/[\w-]+\.yaml:\d+:\d+: [^\n]+\n$/);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(readdirSync(parent)).toEqual([]);
    });

    it('refuses a scenario file that does not exist (exit 1), creating nothing', async () => {
      const parent = tempDir();
      const { code, err } = await run(['scenarios', 'run', 'no-such-file.yaml', '-o', join(parent, 'out')]);
      expect(code).toBe(1);
      expect(err).toBe('fairshare: error: cannot read scenario file no-such-file.yaml: no such file. Check the path and try again\n');
      expect(readdirSync(parent)).toEqual([]);
    });

    it('refuses an output folder that already has files in it (exit 2), leaving it as it was', async () => {
      const parent = tempDir();
      const dir = join(parent, 'out');
      mkdirSync(dir);
      writeFileSync(join(dir, 'keep.txt'), 'mine');
      const { code, out, err } = await run(['scenarios', 'run', DIRECTORATES, '-o', dir]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(
        `fairshare: error: the output folder ${dir} already has files in it. Choose an empty or new folder, or add --force to replace a results folder fairshare wrote\n`,
      );
      expect(readdirSync(parent)).toEqual(['out']);
      expect(filesOf(dir)).toEqual(new Map([['keep.txt', 'mine']]));
    });

    it('replaces a results folder fairshare wrote with --force, leaving no temporary folders', async () => {
      const parent = tempDir();
      const dir = join(parent, 'out');
      expect((await run(['scenarios', 'run', DIRECTORATES, '-o', dir])).code).toBe(0);
      const { code } = await run(['scenarios', 'run', 'examples/adults-only.yaml', '-o', dir, '--force']);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['adults-only.csv', 'all-domains.csv', 'comparison.csv', 'manifest.json']);
      expect(readdirSync(parent)).toEqual(['out']);
    });

    it('refuses an output folder whose parent does not exist (exit 2)', async () => {
      const parent = tempDir();
      const { code, err } = await run(['scenarios', 'run', DIRECTORATES, '-o', join(parent, 'missing', 'out')]);
      expect(code).toBe(2);
      expect(err).toMatch(/^fairshare: error: cannot write to .*: the folder .* does not exist\. [^\n]*\n$/);
      expect(readdirSync(parent)).toEqual([]);
    });

    it('refuses an unknown --format (exit 2)', async () => {
      const parent = tempDir();
      const { code, err } = await run(['scenarios', 'run', DIRECTORATES, '-o', join(parent, 'out'), '--format', 'docx']);
      expect(code).toBe(2);
      expect(err).toMatch(/^fairshare: error: option '-f, --format <format>' argument 'docx' is invalid/);
      expect(readdirSync(parent)).toEqual([]);
    });
  });
});

describe('fairshare scenarios check', () => {
  it('prints OK with the scenarios and the baseline, and writes nothing', async () => {
    const cwd = tempDir();
    copyFileSync(join(ROOT, DIRECTORATES), join(cwd, 'directorates.yaml'));
    const { code, out, err } = await run(['scenarios', 'check', 'directorates.yaml'], cwd);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('directorates.yaml: OK, 2 scenarios: single-formula, directorates-2013 (4 pots); baseline: single-formula\n');
    expect(readdirSync(cwd)).toEqual(['directorates.yaml']);
  });

  it('reports what a run would refuse, with the same message and exit code', async () => {
    const file = `${FIXTURES}/unknown-domain.yaml`;
    const check = await run(['scenarios', 'check', file]);
    const parent = tempDir();
    const runResult = await run(['scenarios', 'run', file, '-o', join(parent, 'out')]);
    expect(check.code).toBe(1);
    expect(check.out).toBe('');
    expect(check.err).toBe(runResult.err);
  });
});

describe('files a scenario file names', () => {
  it('a missing data or formula file is reported at its line, with the folder paths are taken from', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'missing.yaml'), 'defaults:\n  formula: nope.json\nscenarios:\n  a:\n    budget: 1m\n  b:\n    budget: 1m\n    data: nope.csv\n');
    const formula = await run(['scenarios', 'check', 'missing.yaml'], cwd);
    expect(formula.code).toBe(1);
    expect(formula.err).toMatch(
      /^fairshare: error: missing\.yaml:2:3: cannot read formula nope\.json: no such file\..*paths in a scenario file are taken from its folder/,
    );
    writeFileSync(join(cwd, 'missing.yaml'), 'scenarios:\n  a:\n    budget: 1m\n    data: nope.csv\n');
    const data = await run(['scenarios', 'run', 'missing.yaml', '-o', 'out'], cwd);
    expect(data.code).toBe(1);
    expect(data.err.trimEnd().split('\n')).toHaveLength(1);
    expect(data.err).toMatch(/^fairshare: error: missing\.yaml:4:5: cannot read --data file nope\.csv: no such file/);
    expect(readdirSync(cwd)).toEqual(['missing.yaml']);
  });
});

describe('fairshare scenarios init', () => {
  it('writes the commented example, which check accepts and run runs', async () => {
    const cwd = tempDir();
    const init = await run(['scenarios', 'init'], cwd);
    expect(init.code).toBe(0);
    expect(init.out).toContain('Wrote scenarios.yaml');
    expect(readFileSync(join(cwd, 'scenarios.yaml'), 'utf8')).toBe(EXAMPLE_SCENARIO_FILE);

    // The example is written for the default vintage, 2025 (its early-years scenario shares by children
    // 0-14).
    const check = await run(['scenarios', 'check', 'scenarios.yaml', '--vintage', '2025'], cwd);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/^scenarios\.yaml: OK, 5 scenarios: .*; baseline: current\n$/);

    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'results', '--vintage', '2025'], cwd);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    const budgets = expectedBudgets(EXAMPLE_SCENARIO_FILE);
    expect(budgets.size).toBe(5);
    for (const [name, { total }] of budgets) expect(allocated(readCsv(join(cwd, 'results'), `${name}.csv`)), name).toBe(total);
  });

  it('writes to the file named', async () => {
    const cwd = tempDir();
    expect((await run(['scenarios', 'init', 'options.yaml'], cwd)).code).toBe(0);
    expect(readdirSync(cwd)).toEqual(['options.yaml']);
  });

  it('refuses to overwrite a file without --force (exit 2), and overwrites it with --force', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'scenarios.yaml'), 'scenarios: {}\n');
    const refused = await run(['scenarios', 'init'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('fairshare: error: scenarios.yaml already exists. Choose another name, or add --force to overwrite it\n');
    expect(readFileSync(join(cwd, 'scenarios.yaml'), 'utf8')).toBe('scenarios: {}\n');

    const forced = await run(['scenarios', 'init', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'scenarios.yaml'), 'utf8')).toBe(EXAMPLE_SCENARIO_FILE);
  });

  it('refuses a folder that does not exist (exit 2), writing nothing', async () => {
    const cwd = tempDir();
    const { code } = await run(['scenarios', 'init', 'missing/scenarios.yaml'], cwd);
    expect(code).toBe(2);
    expect(existsSync(join(cwd, 'missing'))).toBe(false);
  });
});

describe('fairshare scenarios at another level (level: or --level)', () => {
  const file = (level: string | undefined): string => {
    const dir = tempDir();
    const lines = [
      'defaults:',
      '  budget: 12.7m',
      ...(level ? [`  level: ${level}`] : []),
      'scenarios:',
      '  all: {}',
      '  adults:',
      '    exclude: [young-people, early-years]',
      '',
    ];
    writeFileSync(join(dir, 'levels.yaml'), lines.join('\n'));
    return join(dir, 'levels.yaml');
  };

  it('writes former-district tables equal to allocate --level former-district, and compares them by former district', async () => {
    const result = await runInto(file('former-district'), ['--vintage', '2025']);
    expect(result.code).toBe(0);
    const adults = await run([
      'allocate',
      '--budget',
      '12.7m',
      '--exclude',
      'young-people,early-years',
      '--level',
      'former-district',
      '--vintage',
      '2025',
      '--format',
      'csv',
    ]);
    expect(readFileSync(join(result.dir, 'adults.csv'), 'utf8')).toBe(adults.out);
    const comparison = readCsv(result.dir, 'comparison.csv');
    expect(Object.keys(comparison[0] ?? {}).slice(0, 3)).toEqual(['scenario', 'former_district_code', 'former_district_name']);
    expect(comparison.filter((r) => r.scenario === 'adults')).toHaveLength(7);
  });

  it('takes --level when the file says no level:, and says the level in the Markdown', async () => {
    const result = await runInto(file(undefined), ['--vintage', '2025', '--level', 'former-district', '--format', 'md']);
    expect(result.code).toBe(0);
    const md = readFileSync(join(result.dir, 'scenarios.md'), 'utf8');
    expect(md).toContain('Change is against the same former district in the baseline');
    expect(md).toContain('| Code | Former district |');
  });

  it('refuses a --level the data has not as a usage error, and a level: line as a data error at its line', async () => {
    const option = await run(['scenarios', 'check', file(undefined), '--level', 'region', '--vintage', '2019']);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/^fairshare: error: --level region: scenario "all": the 2019 vintage has no region areas\. Use the 2025 vintage/);
    const line = await run(['scenarios', 'check', file('region'), '--vintage', '2019']);
    expect(line.code).toBe(1);
    expect(line.err).toMatch(/levels\.yaml:3:3: scenario "all": the 2019 vintage has no region areas/);
    expect(line.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('rank_change in the comparison', () => {
  // Golden: examples/reweighting.yaml on the 2025 vintage by former district, checked by hand: counting
  // community safety double lifts Northampton over Corby to the most £ per person (+1 and -1).
  //   node bin/fairshare.js scenarios run examples/reweighting.yaml -o /tmp/g --level former-district \
  //     && cp /tmp/g/comparison.csv test/golden/reweighting-2025-former-districts/
  it('writes comparison.csv byte for byte as the golden file, rank_change last', async () => {
    const result = await runInto('examples/reweighting.yaml', ['--vintage', '2025', '--level', 'former-district']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(result.dir, 'comparison.csv'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'test/golden/reweighting-2025-former-districts/comparison.csv'), 'utf8'),
    );
  });

  it('is the baseline rank less the scenario rank, for every row', async () => {
    const result = await runInto('examples/reweighting.yaml', ['--vintage', '2025', '--level', 'former-district']);
    const rows = readCsv(result.dir, 'comparison.csv');
    const baseline = new Map(rows.filter((r) => r.scenario === 'equal-weights').map((r) => [r.former_district_code, Number(r.per_person_rank)]));
    for (const r of rows) expect(Number(r.rank_change)).toBe((baseline.get(r.former_district_code) as number) - Number(r.per_person_rank));
    expect(rows.some((r) => r.rank_change === '-1')).toBe(true);
  });

  it('shows the change with its sign in Markdown', async () => {
    const result = await runInto('examples/reweighting.yaml', ['--vintage', '2025', '--level', 'former-district', '--format', 'md']);
    const md = readFileSync(join(result.dir, 'scenarios.md'), 'utf8');
    expect(md).toContain('| Rank (£/person) | Rank change |');
    expect(md).toMatch(/\| community-safety-double \| E07000154 \| Northampton \| .* \| 1 \| \+1 \|/);
    expect(md).toMatch(/\| community-safety-double \| E07000150 \| Corby \| .* \| 2 \| -1 \|/);
  });
});

describe('the summary of a run: who gains and loses most', () => {
  it('judges other budgets on the share, says so, and names no gain where a budget alone changed', async () => {
    const result = await runInto('examples/year-on-year.yaml', ['--vintage', '2025', '--level', 'former-district']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/budget-33-6m\s+£33,600,000\.00\s+none\s+none/);
    expect(result.out).toContain("Rise and fall are of each former district's share of the budget, in percentage points (pp)");
  });

  it('never lists a loss as the greatest gain (the scenarios init example)', async () => {
    const cwd = tempDir();
    expect((await run(['scenarios', 'init'], cwd)).code).toBe(0);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'results', '--vintage', '2025', '--level', 'former-district'], cwd);
    expect(ran.code).toBe(0);
    const lines = ran.out.split('\n').filter((l) => /^(adults-only|safety-counts-double|early-years-per-child|directorates)\s/.test(l));
    expect(lines).toHaveLength(4);
    // Columns: scenario, budget, rise (name, pp, £), fall (name, pp, £): pp are the unsigned-£ numbers.
    for (const line of lines) {
      const pp = [...line.matchAll(/\s(-?\d+\.\d{2})(?=\s)/g)].map((m) => Number(m[1]));
      expect(pp).toHaveLength(2);
      expect(pp[0], line).toBeGreaterThan(0);
      expect(pp[1], line).toBeLessThan(0);
    }
    expect(ran.out).toContain('Largest rise in share');
    expect(ran.out).not.toContain('Gains most');
    expect(readCsv(join(cwd, 'results'), 'comparison.csv')[0]).toHaveProperty('rank_change');
  });
});

describe('scenarios init, then run: the summary reads right', () => {
  it.each([
    ['by district', []],
    ['by former district', ['--level', 'former-district']],
  ])('%s: each largest rise and fall has its rank change, as in the comparison, and no rise is a fall', async (by, extra) => {
    const cwd = tempDir();
    expect((await run(['scenarios', 'init'], cwd)).code).toBe(0);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'results', '--vintage', '2025', ...extra], cwd);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    const lines = ran.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Scenario '));
    expect(lines[at]?.split(/\s{2,}/)).toEqual([
      'Scenario',
      'Budget',
      'Largest rise in share',
      'pp',
      '£ change',
      'Rank change',
      'Largest fall in share',
      'pp',
      '£ change',
      'Rank change',
    ]);
    expect(ran.out).toContain(`Rank change: places the ${by.replace('by ', '')} moved in the table of £ per person against the baseline`);

    const comparison = readCsv(join(cwd, 'results'), 'comparison.csv');
    const nameKey = extra.length ? 'former_district_name' : 'district_name';
    const rankChange = (scenario: string, district: string): string => {
      const cell = comparison.find((r) => r.scenario === scenario && r[nameKey] === district)?.rank_change;
      expect(cell, `${scenario} ${district}`).toMatch(/^-?\d+$/);
      return Number(cell) > 0 ? `+${cell as string}` : (cell as string);
    };
    const rows = lines.slice(at + 2).filter((l) => /^(adults-only|safety-counts-double|early-years-per-child|directorates)\s/.test(l));
    expect(rows).toHaveLength(4);
    const shown: string[] = [];
    for (const line of rows) {
      const [scenario = '', budget, rise = '', risePp, risePounds, riseRank, fall = '', fallPp, fallPounds, fallRank] = line.split(/\s{2,}/);
      expect(Number(risePp), line).toBeGreaterThan(0);
      expect(Number(fallPp), line).toBeLessThan(0);
      if (budget === '£38,100,000.00') {
        // With the baseline's budget the share is the money: a rise is a gain of pounds and a fall a loss.
        expect(risePounds, line).toMatch(/^\+?£[1-9]/);
        expect(fallPounds, line).toMatch(/^-£[1-9]/);
      }
      expect(riseRank, line).toBe(rankChange(scenario, rise));
      expect(fallRank, line).toBe(rankChange(scenario, fall));
      shown.push(riseRank ?? '', fallRank ?? '');
    }
    // Some district moves: the column is not all zeros.
    expect(shown.some((r) => r !== '0')).toBe(true);
  });
});

describe('damping in a scenario file (previous:, floor:, ceiling:)', () => {
  /** A folder with last year's table, written by allocate itself, and a scenario file beside it. */
  async function setUp(lastYear: string, lastYearArgs: string[], scenario: string[]): Promise<string> {
    const cwd = tempDir();
    const written = await run(['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years', ...lastYearArgs, '-o', lastYear], cwd);
    expect(written.code).toBe(0);
    writeFileSync(join(cwd, 'damped.yaml'), `${scenario.join('\n')}\n`);
    return cwd;
  }

  it.each([
    ['2019 districts, damped against last year’s CSV', 'last-year.csv', ['--vintage', '2019'], [], ['--vintage', '2019']],
    [
      '2025 former districts, damped against last year’s 2019 workbook',
      'last-year.xlsx',
      ['--vintage', '2019'],
      ['  level: former-district'],
      ['--vintage', '2025', '--level', 'former-district'],
    ],
  ])(
    '%s: the damped table is byte for byte allocate --previous --floor --ceiling, and the comparison uses it',
    async (_, lastYear, lastYearArgs, level, allocateArgs) => {
      const cwd = await setUp(lastYear, lastYearArgs, [
        'defaults:',
        '  budget: 12.7m',
        ...level,
        'baseline: formula',
        'scenarios:',
        '  formula: {}',
        '  damped:',
        `    previous: ${lastYear}`,
        '    floor: -2%',
        '    ceiling: +2%',
      ]);
      const vintage = allocateArgs.slice(0, 2);
      const ran = await run(['scenarios', 'run', 'damped.yaml', '-o', 'out', ...vintage], cwd);
      expect(ran.err).toBe('');
      expect(ran.code).toBe(0);
      const allocate = await run(
        ['allocate', '--budget', '12.7m', ...allocateArgs, '--previous', lastYear, '--floor', '-2%', '--ceiling', '+2%', '--format', 'csv'],
        cwd,
      );
      expect(allocate.code).toBe(0);
      const damped = readFileSync(join(cwd, 'out', 'damped.csv'), 'utf8');
      expect(damped).toBe(allocate.out);
      const rows = csvRows(damped);
      // The band held someone, so the damped amounts are not the formula's.
      expect(rows.some((r) => r.held !== '')).toBe(true);
      expect(readCsv(join(cwd, 'out'), 'formula.csv').map((r) => r.allocation)).not.toEqual(rows.map((r) => r.allocation));
      expect(allocated(rows)).toBe(1_270_000_000n);
      const compared = readCsv(join(cwd, 'out'), 'comparison.csv').filter((r) => r.scenario === 'damped');
      expect(compared.map((r) => r.allocation)).toEqual(rows.map((r) => r.allocation));

      expect(ran.out).toContain(`damped: Damped against ${lastYear} (floor -2%, ceiling +2%): held at the`);
      expect(ran.out).toContain("The scenario's table and the comparison use the damped amounts.");
      const manifest = manifestOf(join(cwd, 'out'));
      const previous = manifest.inputs.find((i) => i.role === 'previous allocation');
      expect(previous?.file.endsWith(lastYear)).toBe(true);
      expect(previous?.sha256).toBe(sha256(readFileSync(join(cwd, lastYear))));
      const record = (manifest.scenarios as unknown as { name: string; damping?: { previous: string; floor: string; ceiling: string } }[]).find(
        (s) => s.name === 'damped',
      );
      expect(record?.damping).toMatchObject({ previous: lastYear, floor: '-2%', ceiling: '+2%' });
      expect((manifest.scenarios as unknown as { name: string; damping?: unknown }[]).find((s) => s.name === 'formula')?.damping).toBeUndefined();
    },
  );

  it('says the damping in the Markdown caption of the damped scenario', async () => {
    const cwd = await setUp(
      'last-year.csv',
      [],
      ['defaults:', '  budget: 12.7m', 'scenarios:', '  formula: {}', '  damped:', '    previous: last-year.csv', '    ceiling: +1%'],
    );
    const ran = await run(['scenarios', 'run', 'damped.yaml', '-o', 'out', '--format', 'md'], cwd);
    expect(ran.code).toBe(0);
    const md = readFileSync(join(cwd, 'out', 'scenarios.md'), 'utf8');
    const section = md.slice(md.indexOf('## damped'), md.indexOf('## Comparison'));
    expect(section).toContain('Damped against last-year.csv (ceiling +1%): held at the ceiling:');
    expect(section).toContain('| Previous | Change % | Held |');
  });

  it('check refuses an unsigned floor at its line with the message allocate gives for --floor', async () => {
    const cwd = await setUp('last-year.csv', [], ['defaults:', '  budget: 12.7m', 'scenarios:', '  damped:', '    previous: last-year.csv', '    floor: 2%']);
    const check = await run(['scenarios', 'check', 'damped.yaml'], cwd);
    const allocate = await run(['allocate', '--budget', '12.7m', '--previous', 'last-year.csv', '--floor', '2%'], cwd);
    expect(allocate.code).toBe(2);
    expect(check.code).toBe(1);
    expect(check.out).toBe('');
    const message = allocate.err.replace(/^fairshare: error: /, '').replaceAll('--floor', 'floor:');
    expect(message).toContain('"no district loses more than 2%" is floor: -2%');
    expect(check.err).toBe(`fairshare: error: damped.yaml:6:5: scenario "damped": ${message}`);
  });

  it('check names a damped scenario, and refuses a floor the budget cannot fund at the floor line, writing nothing on run', async () => {
    const cwd = await setUp('last-year.csv', [], ['defaults:', '  budget: 10m', 'scenarios:', '  damped:', '    previous: last-year.csv', '    floor: -5%']);
    const check = await run(['scenarios', 'check', 'damped.yaml'], cwd);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(
      /^fairshare: error: damped\.yaml:6:5: scenario "damped": the floor -5% cannot be funded: it needs £12,065,000\.03, more than the budget of £10,000,000\.00\. The tightest floor this budget can fund is -21\.26%/,
    );
    const ran = await run(['scenarios', 'run', 'damped.yaml', '-o', 'out'], cwd);
    expect(ran.err).toBe(check.err);
    expect(readdirSync(cwd).sort()).toEqual(['damped.yaml', 'last-year.csv']);

    writeFileSync(join(cwd, 'damped.yaml'), 'defaults:\n  budget: 12.7m\nscenarios:\n  damped:\n    previous: last-year.csv\n    floor: -5%\n');
    const ok = await run(['scenarios', 'check', 'damped.yaml'], cwd);
    expect(ok.out).toBe('damped.yaml: OK, 1 scenario: damped (damped against last-year.csv); baseline: damped\n');
  });

  it('refuses a previous: file that does not exist at its line, saying where paths are taken from', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'damped.yaml'), 'defaults:\n  budget: 12.7m\n  previous: nope.csv\nscenarios:\n  a: {}\n');
    const check = await run(['scenarios', 'check', 'damped.yaml'], cwd);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(
      /^fairshare: error: damped\.yaml:3:3: cannot read previous allocation nope\.csv: no such file\..*paths in a scenario file are taken from its folder/,
    );
  });

  it('refuses a floor without a previous allocation at its line', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'damped.yaml'), 'scenarios:\n  a:\n    budget: 12.7m\n    floor: -2%\n');
    const check = await run(['scenarios', 'check', 'damped.yaml'], cwd);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(
      /^fairshare: error: damped\.yaml:4:5: scenario "a": floor: -2% limits the change against a previous allocation, but the scenario has no previous:/,
    );
  });
});

describe("a pot's own formula: and data:", () => {
  it("a pot's own formula gives its table as allocate --formula gives it, and the sum adds the pots", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'pots.yaml'),
      [
        'scenarios:',
        '  split:',
        '    pots:',
        '      main:',
        '        budget: 10m',
        '      like-2019:',
        '        budget: 2.7m',
        '        formula: northamptonshire-2025-like-2019',
        '',
      ].join('\n'),
    );
    const ran = await run(['scenarios', 'run', 'pots.yaml', '-o', 'out', '--vintage', '2025', '--level', 'former-district'], cwd);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    const allocate = (args: string[]) => run(['allocate', ...args, '--vintage', '2025', '--level', 'former-district', '--format', 'csv'], cwd);
    const like2019 = await allocate(['--budget', '2.7m', '--formula', 'northamptonshire-2025-like-2019']);
    const main = await allocate(['--budget', '10m']);
    expect(readFileSync(join(cwd, 'out', 'split.like-2019.csv'), 'utf8')).toBe(like2019.out);
    expect(readFileSync(join(cwd, 'out', 'split.main.csv'), 'utf8')).toBe(main.out);
    expect(like2019.out).not.toBe((await allocate(['--budget', '2.7m'])).out);
    const summed = readCsv(join(cwd, 'out'), 'split.csv');
    for (const row of summed) {
      const of = (text: string) => pennies(csvRows(text).find((r) => r.former_district_code === row.former_district_code)?.allocation);
      expect(pennies(row.allocation), row.former_district_name).toBe(of(like2019.out) + of(main.out));
    }
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8')) as {
      scenarios: { pots: { name: string; formulaFile?: string; formula: { id: string } }[] }[];
    };
    expect(manifest.scenarios[0]?.pots.map((p) => [p.name, p.formulaFile, p.formula.id])).toEqual([
      ['main', undefined, 'northamptonshire-2025'],
      ['like-2019', 'northamptonshire-2025-like-2019', 'northamptonshire-2025-like-2019'],
    ]);
  });

  it("a pot's own data (fairshare's own LSOA table, relative to the scenario file) gives the pennies the shipped data gives", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'options'));
    expect((await run(['allocate', '--budget', '1m', '--vintage', '2025', '--level', 'lsoa', '-o', join(cwd, 'options', 'lsoa.csv')])).code).toBe(0);
    const pots = (data: string[]) => [
      '    pots:',
      '      main:',
      '        budget: 10m',
      '      children:',
      '        budget: 2.7m',
      '        exclude: [adults]',
      '        weights: {early-years: 2}',
      ...data,
    ];
    writeFileSync(join(cwd, 'options', 'pots.yaml'), ['scenarios:', '  shipped:', ...pots([]), '  own:', ...pots(['        data: lsoa.csv']), ''].join('\n'));
    const ran = await run(['scenarios', 'run', 'options/pots.yaml', '-o', 'out', '--vintage', '2025'], cwd);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    const out = join(cwd, 'out');
    expect(readFileSync(join(out, 'own.children.csv'), 'utf8')).toBe(readFileSync(join(out, 'shipped.children.csv'), 'utf8'));
    expect(readFileSync(join(out, 'own.csv'), 'utf8')).toBe(readFileSync(join(out, 'shipped.csv'), 'utf8'));
    const manifest = manifestOf(out);
    const data = manifest.inputs.find((i) => i.role === 'data file');
    expect(data?.sha256).toBe(sha256(readFileSync(join(cwd, 'options', 'lsoa.csv'))));
    const own = (manifest.scenarios as unknown as { name: string; pots: { name: string; data?: string }[] }[]).find((s) => s.name === 'own');
    expect(own?.pots.map((p) => [p.name, p.data])).toEqual([
      ['main', undefined],
      ['children', 'lsoa.csv'],
    ]);
  });

  it("refuses a pot's data without a row for every LSOA of the scenario's area, at the pot's data: line", async () => {
    const cwd = tempDir();
    expect((await run(['allocate', '--budget', '1m', '--vintage', '2019', '--level', 'lsoa', '-o', join(cwd, 'lsoa-2019.csv')])).code).toBe(0);
    writeFileSync(
      join(cwd, 'pots.yaml'),
      'scenarios:\n  split:\n    pots:\n      main:\n        budget: 10m\n      old:\n        budget: 1m\n        data: lsoa-2019.csv\n',
    );
    const check = await run(['scenarios', 'check', 'pots.yaml', '--vintage', '2025'], cwd);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(
      /^fairshare: error: pots\.yaml:8:9: scenario "split": pot "old": its data file lsoa-2019\.csv has no row for [\d,]+ of the 442 LSOAs the scenario shares over: E01\d+/,
    );
    expect(check.err.trim().split('\n')).toHaveLength(1);
  });
});
