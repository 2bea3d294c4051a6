import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { AppIo } from '../../src/app/context.js';
import { Failure } from '../../src/app/failure.js';
import { planReport, reportData, type ReportModel } from '../../src/app/report.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import { reportContent } from '../../src/report/html/reportContent.js';

// The report use case called directly with typed options: what the committee report is made from,
// with no HTML built and nothing written.
const ROOT = join(import.meta.dirname, '..', '..');
const TOOL = { name: 'fairshare', version: 'test' };

function appIo(cwd = ROOT): AppIo {
  return { cwd, stderr: { write: () => true } };
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Failure);
  return error as Failure;
}

function thrown(run: () => unknown): Failure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Failure);
    return error as Failure;
  }
  throw new Error('expected a Failure');
}

/** The report's "Data sources and licence" list for a model. */
const sources = (model: ReportModel): readonly string[] => reportContent({ tool: TOOL, ...model }).sources;

async function packMeta(vintage: '2019' | '2025') {
  const pack = await readPack(defaultPackPath(vintage));
  if (!pack.ok) throw new Error(pack.error.message);
  return pack.value.meta;
}

describe('planReport', () => {
  it('refuses, before reading anything, a report with neither a budget nor a scenario file, and damping it cannot do', () => {
    expect(thrown(() => planReport({})).error).toMatchObject({ kind: 'usage', code: 'no-budget' });
    expect(thrown(() => planReport({ budget: '1m', level: 'former-district' })).error).toMatchObject({ kind: 'usage', code: 'level-without-previous' });
    expect(thrown(() => planReport({ scenarios: 'x.yaml', previous: 'last.csv' })).error).toMatchObject({ kind: 'usage', code: 'previous-with-scenarios' });
    expect(thrown(() => planReport({ budget: '1m', floor: '-5%' })).error).toMatchObject({ kind: 'usage', code: 'band-without-previous' });
  });

  it('checks the band and names the table it damps, and passes the vintage on to a scenario file', () => {
    const plan = planReport({ budget: '1m', previous: 'last.csv', floor: '-5%', level: 'Former-District' });
    expect(plan.damping?.level).toBe('former-district');
    expect(plan.damping?.settings.floor?.toString()).toBe('-0.05');
    expect(planReport({ scenarios: 'x.yaml', vintage: '2019' }).scenarios).toEqual({ file: 'x.yaml', vintage: '2019' });
  });
});

describe('reportData', () => {
  it('works out a shipped-data report: the allocation, the pack it came from, the maps, the divisions and every input in order', async () => {
    const model = await reportData({ budget: new Decimal('12700000'), exclude: ['young-people', 'early-years'], vintage: '2019' }, appIo());
    expect(model.allocation.budget.toFixed(2)).toBe('12700000.00');
    expect(model.area.name).toBe('Northamptonshire');
    expect(model.pack).toEqual(await packMeta('2019'));
    expect(model.boundaries?.features).toHaveLength(422);
    expect(model.divisions?.rows.length).toBeGreaterThan(0);
    expect(model.provenance.map((p) => p.role)).toEqual(['data pack', 'formula', 'boundaries', 'boundaries', 'lookup']);
    expect(model.profile?.ranked).toBe(422);
  });

  it('takes weights as a plain object and refuses a budget given as a JavaScript number', async () => {
    const weighted = await reportData({ budget: '1m', weights: { 'community-safety': 2 }, vintage: '2019' }, appIo());
    expect(weighted.allocation.formula.domains.find((d) => d.id === 'community-safety')?.weightValue.toString()).toBe('2');
    const error = await failure(reportData({ budget: 1e6 as unknown as string }, appIo()));
    expect(error.error.code).toBe('bad-budget');
  });

  it("names only the user's file as the data of a --data report: no pack, no boundaries, no shipped source", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-app-report-'));
    writeFileSync(join(dir, 'mine.csv'), 'code,name,district,population,need_a\nF01,A,North,100,10\nF02,B,South,200,30\n');
    const model = await reportData({ budget: '1000', data: 'mine.csv' }, appIo(dir));
    expect(model.pack).toBeUndefined();
    expect(model.provenance.map((p) => [p.role, p.file])).toEqual([['data file', 'mine.csv']]);
    expect(model.mapsUnavailable).toContain('your own file');
    expect(sources(model)).toEqual(["Data: your own file (mine.csv); fairshare's shipped data was not used."]);
  });

  it("reports a scenario file's baseline, with every scenario against it, from the scenario file's text", async () => {
    const text = readFileSync(join(ROOT, 'examples/directorates-2013.yaml'), 'utf8');
    const model = await reportData({ scenarios: { text, folder: 'examples' }, vintage: '2019' }, appIo());
    expect(model.scenarios?.baseline).toBe('single-formula');
    expect(model.scenarios?.results.map((r) => r.plan.name)).toEqual(['single-formula', 'directorates-2013']);
    expect(model.allocation.budget.toFixed(2)).toBe('38100000.00');
    expect(model.vintage).toBe('2019');
    expect(model.pack?.id).toBe('2019');
    expect(model.provenance[0]?.role).toBe('scenario file');
  });

  it("names the sources the pack's own metadata lists, and its licence, not a vintage's constants", async () => {
    const model = await reportData({ budget: '1m', vintage: '2019' }, appIo());
    const meta = model.pack;
    if (meta === undefined) throw new Error('no pack metadata');
    const shipped = sources(model);
    expect(shipped).toContain(`${meta.licence}.`);
    expect(shipped.some((s) => s.startsWith('ONS geography lookups: LSOA (2011) to ward (December 2019)'))).toBe(true);
    // The same run, had the pack been built from the IoD files alone under another licence.
    const other = {
      ...meta,
      licence: 'Licensed under a made-up licence',
      sources: [...meta.sources.filter((s) => s.file.startsWith('iod2019/')), { file: 'other/extra.csv', sha256: '0'.repeat(64) }],
    };
    const listed = sources({ ...model, pack: other });
    expect(listed).toContain('Licensed under a made-up licence.');
    expect(listed).toContain('Source file: other/extra.csv.');
    expect(listed.join('\n')).not.toMatch(/Open Government Licence|ONS geography lookups/);
    expect(listed.some((s) => s.startsWith('English Indices of Deprivation 2019'))).toBe(true);
  });

  it('names the 2025 Census tables only when the formula uses them', async () => {
    const all = sources(await reportData({ budget: '1m', area: 'West Northamptonshire' }, appIo()));
    const census = all.find((s) => s.startsWith('Census 2021'));
    expect(census).toContain('TS040');
    const fewer = sources(await reportData({ budget: '1m', area: 'West Northamptonshire', formula: 'northamptonshire-2025-like-2019' }, appIo())).find((s) =>
      s.startsWith('Census 2021'),
    );
    expect(fewer).toContain('TS007a');
    expect(fewer).not.toMatch(/TS040|TS039/);
  });
});
