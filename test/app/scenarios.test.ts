import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppIo } from '../../src/app/context.js';
import { Failure } from '../../src/app/failure.js';
import { checkScenarios, exampleScenarioFile, readScenarios, scenarios, scenariosRun } from '../../src/app/scenarios.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import { EXAMPLE_SCENARIO_FILE } from '../../src/scenario/exampleScenarioFile.js';

// The scenarios use case called directly with typed options, as a script calls it: no CLI, no folder written.
const ROOT = join(import.meta.dirname, '..', '..');
const DIRECTORATES = 'examples/directorates-2013.yaml';

/** An AppIo taking paths from `cwd` and keeping its notices. */
function appIo(cwd = ROOT): AppIo & { notices: string[] } {
  const notices: string[] = [];
  return { cwd, stderr: { write: (text: string) => notices.push(text) }, notices };
}

/** The Failure a promise rejects with (the test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<Failure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Failure);
  return error as Failure;
}

/** Whole pennies of a money string with exactly 2 decimals, so sums are exact. */
function pennies(amount: string): bigint {
  expect(amount).toMatch(/^-?\d+\.\d{2}$/);
  return BigInt(amount.replace('.', ''));
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-app-scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('scenarios (the app function)', () => {
  it('returns plain JSON-serialisable data whose every table adds up to its budget to the penny', async () => {
    const r = await scenarios({ file: DIRECTORATES, vintage: '2019' }, appIo());
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.baseline).toBe('single-formula');
    expect(r.title).toBe('Prevention budget 2013/14 by directorate');
    expect(r.scenarios.map((s) => [s.name, s.budget, s.pots.length])).toEqual([
      ['single-formula', '38100000.00', 1],
      ['directorates-2013', '38100000.00', 4],
    ]);
    for (const s of r.scenarios) {
      expect(s.rows.reduce((sum, row) => sum + pennies(row.allocation), 0n)).toBe(pennies(s.budget));
      expect(s.total).toBe(s.budget);
      for (const pot of s.pots) expect(pot.rows.reduce((sum, row) => sum + pennies(row.allocation), 0n)).toBe(pennies(pot.budget));
    }
    const pots = r.scenarios[1]?.pots ?? [];
    expect(pots.reduce((sum, p) => sum + pennies(p.budget), 0n)).toBe(pennies('38100000.00'));
  });

  it("compares each scenario's districts with the baseline's: the baseline changes by nothing, the others by the difference", async () => {
    const r = await scenarios({ file: DIRECTORATES, vintage: '2019' }, appIo());
    const baseline = new Map(r.scenarios[0]?.rows.map((row) => [row.code, row.allocation]));
    for (const c of r.comparison) {
      const before = baseline.get(c.code) as string;
      expect(pennies(c.change as string)).toBe(pennies(c.allocation) - pennies(before));
      if (c.scenario === r.baseline) expect(c.change).toBe('0.00');
    }
    expect(r.comparison).toHaveLength(2 * 7);
    expect(r.comparison.filter((c) => c.scenario === 'directorates-2013').reduce((sum, c) => sum + pennies(c.change as string), 0n)).toBe(0n);
  });

  it('takes the file as text with the folder its paths are taken from, giving what the path gives', async () => {
    const text = readFileSync(join(ROOT, DIRECTORATES), 'utf8');
    const fromText = await scenarios({ file: { text, folder: 'examples', name: 'directorates-2013.yaml' }, vintage: '2019' }, appIo());
    const fromPath = await scenarios({ file: DIRECTORATES, vintage: '2019' }, appIo());
    expect(fromText).toEqual(fromPath);
    expect(fromText.inputs[0]).toEqual({ role: 'scenario file', file: 'directorates-2013.yaml', sha256: createHash('sha256').update(text).digest('hex') });
  });

  it("reads a text's data: file from its folder, and names the line when the file is missing", async () => {
    const dir = folder({ 'areas.csv': 'code,name,district,population,need\nF01,A,North,100,10\nF02,B,South,100,30\n' });
    const text = ['baseline: a', 'scenarios:', '  a:', '    budget: 1000', '    data: areas.csv', '  b:', '    budget: 1000', '    data: missing.csv', ''].join(
      '\n',
    );
    const error = await failure(scenarios({ file: { text, folder: dir } }, appIo('/')));
    expect(error.error.message).toContain('missing.csv');
    expect(error.error.location).toMatchObject({ file: 'scenarios.yaml', line: 8 });
    expect(error.error.hint).toContain(`paths in a scenario file are taken from its folder, ${dir}`);
  });

  it('uses the vintage and the level given for what the file does not say, and the file where it says them', async () => {
    const r = await scenarios({ file: DIRECTORATES, vintage: '2019', level: 'county' }, appIo());
    expect(r.level).toBe('county');
    expect(r.scenarios.every((s) => s.vintage === '2019')).toBe(true);
    expect(r.scenarios[0]?.rows.map((row) => row.name)).toEqual(['Northamptonshire']);
    const said = folder({ 's.yaml': 'defaults:\n  vintage: "2025"\n  level: district\n  budget: 1m\nbaseline: a\nscenarios:\n  a: {}\n' });
    const own = await scenarios({ file: join(said, 's.yaml'), vintage: '2019', level: 'county' }, appIo());
    expect([own.level, own.scenarios[0]?.vintage]).toEqual(['district', '2025']);
  });

  it('refuses a level or a vintage given as an option as a usage failure, before anything but the file is read', async () => {
    const level = await failure(scenarios({ file: DIRECTORATES, level: 'parish' }, appIo()));
    expect(level.error).toMatchObject({ kind: 'usage', code: 'bad-level' });
    expect(level.error.message).toBe('--level parish: scenario "single-formula": unknown level "parish"');
    expect(level.error.location).toBeUndefined();
    const vintage = await failure(readScenarios({ file: 'no-such-file.yaml', vintage: '2000' }, appIo()));
    expect(vintage.error).toMatchObject({ kind: 'usage', code: 'bad-vintage' });
  });

  it('lists every file a scenario file names before reading any of them', async () => {
    const dir = folder({
      's.yaml':
        'defaults:\n  budget: 1m\n  previous: last.csv\nbaseline: a\nscenarios:\n  a:\n    data: nowhere.csv\n    replace:\n      community-safety: crime.csv\n',
    });
    const source = await readScenarios({ file: 's.yaml' }, appIo(dir));
    expect(source.inputs.map((i) => [i.shown, i.path])).toEqual([
      ['s.yaml', join(dir, 's.yaml')],
      ['last.csv', join(dir, 'last.csv')],
      ['nowhere.csv', join(dir, 'nowhere.csv')],
      ['crime.csv', join(dir, 'crime.csv')],
    ]);
    expect(source.baseDir).toBe(dir);
  });

  it("takes the licence of the shipped data from the pack's own metadata, and gives none without a pack", async () => {
    const run = await scenariosRun(await readScenarios({ file: DIRECTORATES }, appIo()), appIo());
    const pack = await readPack(defaultPackPath('2025'));
    if (!pack.ok) throw new Error(pack.error.message);
    expect(run.packs.map((p) => p.id)).toEqual(['2025']);
    expect(run.licence).toBe(pack.value.meta.licence);
    expect(run.scenarioPacks.get('single-formula')).toEqual(pack.value.meta);
    const dir = folder({
      'areas.csv': 'code,name,district,population,need\nF01,A,North,100,10\nF02,B,South,100,30\n',
      's.yaml': 'defaults:\n  budget: 1000\n  data: areas.csv\nbaseline: a\nscenarios:\n  a: {}\n',
    });
    const own = await scenariosRun(await readScenarios({ file: 's.yaml' }, appIo(dir)), appIo(dir));
    expect([own.licence, own.packs, own.scenarioPacks.size]).toEqual([undefined, [], 0]);
    expect(own.provenance.map((p) => p.role)).toEqual(['scenario file', 'data file']);
  });
});

describe('checkScenarios', () => {
  it('says what a run would run: each scenario with its budget, its pots and what it is damped against', async () => {
    const check = await checkScenarios({ file: DIRECTORATES }, appIo());
    expect(check).toEqual({
      baseline: 'single-formula',
      scenarios: [
        { name: 'single-formula', budget: '38100000.00', pooled: false, pots: 1 },
        { name: 'directorates-2013', budget: '38100000.00', pooled: true, pots: 4 },
      ],
    });
  });

  it('fails as a run fails, at the line of the problem', async () => {
    const error = await failure(checkScenarios({ file: 'test/fixtures/scenarios/unknown-area.yaml' }, appIo()));
    expect(error.error.kind).toBe('data');
    expect(error.error.location?.line).toBeGreaterThan(0);
  });
});

describe('exampleScenarioFile', () => {
  it('is the commented example that scenarios init writes, and it checks', async () => {
    expect(exampleScenarioFile()).toBe(EXAMPLE_SCENARIO_FILE);
    const check = await checkScenarios({ file: { text: exampleScenarioFile() } }, appIo());
    expect(check.scenarios.length).toBeGreaterThan(1);
  });
});
