import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLookup, type BuildLookupOptions, type BuiltLookup } from '../../src/app/buildLookup.js';
import type { AppIo } from '../../src/app/context.js';
import { Failure } from '../../src/app/failure.js';
import { loadData } from '../../src/app/inputs.js';
import type { FairshareError } from '../../src/engine/errors.js';

// The lookup build use case called as a script calls it: typed options, no command line, nothing written.
const FIXTURES = join(process.cwd(), 'test/fixtures/points');
const NORTHANTS = readFileSync(join(FIXTURES, 'northants-points.csv'));

/** An AppIo in `cwd` that keeps its notices. */
function appIo(cwd: string): AppIo & { notices: string[] } {
  const notices: string[] = [];
  return { cwd, stderr: { write: (text: string) => notices.push(text) }, notices };
}

async function failure(options: BuildLookupOptions, cwd = FIXTURES): Promise<FairshareError> {
  try {
    await buildLookup(options, appIo(cwd));
  } catch (error) {
    if (error instanceof Failure) return error.error;
    throw error;
  }
  throw new Error('expected a Failure');
}

const HAND_WORKED = [
  // Corby 005A: its one point is in W2.
  { lsoaCode: 'E01026949', areaCode: 'FIXTURE-W2', areaName: 'Fixture Ward Two', share: '1', estimated: false },
  // Corby 005B: one point each in W1, W2 and W3.
  { lsoaCode: 'E01026950', areaCode: 'FIXTURE-W1', areaName: 'Fixture Ward One', share: '0.333333333333', estimated: false },
  { lsoaCode: 'E01026950', areaCode: 'FIXTURE-W2', areaName: 'Fixture Ward Two', share: '0.333333333333', estimated: false },
  { lsoaCode: 'E01026950', areaCode: 'FIXTURE-W3', areaName: 'Fixture Ward Three', share: '0.333333333333', estimated: false },
  // Daventry 008D: 30 + 10 in W1 and 40 in W2, out of 80.
  { lsoaCode: 'E01027013', areaCode: 'FIXTURE-W1', areaName: 'Fixture Ward One', share: '0.5', estimated: false },
  { lsoaCode: 'E01027013', areaCode: 'FIXTURE-W2', areaName: 'Fixture Ward Two', share: '0.5', estimated: false },
];

describe('buildLookup (app)', () => {
  it('counts the hand-worked shares from a points file named relative to io.cwd, and writes nothing', async () => {
    const before = readdirSync(FIXTURES);
    const built = await buildLookup({ points: 'northants-points.csv', vintage: '2019' }, appIo(FIXTURES));
    expect(built.rows).toEqual(HAND_WORKED);
    expect(built).toMatchObject({ points: 7, lsoas: 3, areas: 3, vintage: '2019' });
    expect(built.data).toMatch(/^IoD2019 /);
    expect(readdirSync(FIXTURES)).toEqual(before);
  });

  it('lists the LSOAs of the area that have no point, in the data’s order', async () => {
    const built = await buildLookup({ points: 'northants-points.csv', vintage: '2019' }, appIo(FIXTURES));
    expect(built.area).toEqual({ kind: 'county', code: 'E10000021', name: 'Northamptonshire', lsoas: 422 });
    expect(built.uncovered).toHaveLength(419);
    expect(built.uncovered.slice(0, 2)).toEqual(['E01026951', 'E01026952']);
    expect(built.uncovered).not.toContain('E01026949');
    expect(built.uncovered).not.toContain('E01027013');
    const daventry = await buildLookup({ points: 'northants-points.csv', vintage: '2019', area: 'Daventry' }, appIo(FIXTURES));
    expect(daventry.area.lsoas).toBe(44);
    expect(daventry.uncovered).toHaveLength(43);
  });

  it('covers the whole area when every LSOA has a point', async () => {
    const { dataset } = await loadData(undefined, undefined, process.cwd(), undefined, '2019');
    const corby = dataset.units.filter((u) => u.districtName === 'Corby');
    const contents = `lsoa_code,area_code,area_name\n${corby.map((u) => `${u.code},FIXTURE-C1,Fixture Corby`).join('\n')}\n`;
    const built = await buildLookup({ points: { name: 'corby.csv', contents }, area: 'Corby', vintage: '2019' }, appIo(FIXTURES));
    expect(built.uncovered).toEqual([]);
    expect(built.rows).toHaveLength(corby.length);
    expect(built.area).toMatchObject({ name: 'Corby', lsoas: corby.length });
  });

  it('takes the file already read, as text or bytes, giving what the path gives, and records it by name and SHA-256', async () => {
    const fromPath = await buildLookup({ points: 'northants-points.csv', vintage: '2019' }, appIo(FIXTURES));
    const fromText = await buildLookup(
      { points: { name: 'somewhere/northants-points.csv', contents: NORTHANTS.toString('utf8') }, vintage: '2019' },
      appIo(process.cwd()),
    );
    const fromBytes = await buildLookup(
      { points: { name: 'northants-points.csv', contents: new Uint8Array(NORTHANTS) }, vintage: '2019' },
      appIo(process.cwd()),
    );
    expect(fromText).toEqual(fromPath);
    expect(fromBytes).toEqual(fromPath);
    const sha256 = createHash('sha256').update(NORTHANTS).digest('hex');
    expect(fromPath.provenance.map((p) => p.role)).toEqual(['data pack', 'formula', 'points']);
    expect(fromPath.provenance[0]?.file).toBe('data/england-lsoa-2019.pack');
    expect(fromPath.provenance[2]).toEqual({ role: 'points', file: 'northants-points.csv', sha256 });
  });

  it('returns plain data that survives JSON', async () => {
    const built: BuiltLookup = await buildLookup({ points: 'northants-points.csv', vintage: '2019' }, appIo(FIXTURES));
    expect(JSON.parse(JSON.stringify(built))).toEqual(built);
  });

  it('checks the codes against the vintage asked for: 2021 codes on 2025', async () => {
    const contents = 'lsoa_code,area_code,area_name\nE01035404,FIXTURE-W1,Fixture Ward One\nE01035405,FIXTURE-W1,Fixture Ward One\n';
    const built = await buildLookup({ points: { name: 'new.csv', contents }, vintage: '2025' }, appIo(FIXTURES));
    expect(built.vintage).toBe('2025');
    expect(built.rows.map((r) => `${r.lsoaCode}=${r.share}`)).toEqual(['E01035404=1', 'E01035405=1']);
    const old = await failure({
      points: { name: 'old.csv', contents: 'lsoa_code,area_code,area_name\nE01027014,FIXTURE-W1,Fixture Ward One\n' },
      vintage: '2025',
    });
    expect(old).toMatchObject({ kind: 'data', code: 'unknown-lsoa', location: { file: 'old.csv', line: 2 } });
    expect(old.hint).toContain('E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage');
  });

  it('sends a notice to io.stderr, not the console, for a sheet that does not apply', async () => {
    const io = appIo(FIXTURES);
    await buildLookup({ points: 'northants-points.csv', vintage: '2019', sheet: 'Points' }, io);
    expect(io.notices).toEqual(['fairshare: notice: northants-points.csv is not a workbook, so --sheet Points does not apply to it\n']);
  });

  describe('rejects with a Failure carrying the typed error', () => {
    it.each([
      ['unknown-lsoa.csv', { kind: 'data', code: 'unknown-lsoa', location: { file: 'unknown-lsoa.csv', line: 3 } }],
      ['negative-weight.csv', { kind: 'data', code: 'negative-weight', location: { file: 'negative-weight.csv', line: 3, column: 4 } }],
      ['zero-weight.csv', { kind: 'data', code: 'zero-weight-lsoa', location: { file: 'zero-weight.csv', line: 2 } }],
    ])('%s', async (name, expected) => {
      expect(await failure({ points: name, vintage: '2019' })).toMatchObject(expected);
    });

    it('names a file already read by the name it was given', async () => {
      const error = await failure({
        points: { name: 'my-points.csv', contents: 'lsoa_code,area_code,area_name,weight\nE01027013,W,Ward,-1\n' },
        vintage: '2019',
      });
      expect(error).toMatchObject({ code: 'negative-weight', location: { file: 'my-points.csv', line: 2 } });
    });

    it('a points file that does not exist, an unknown area and an unknown vintage', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fairshare-app-lookup-'));
      expect(await failure({ points: 'nope.csv', vintage: '2019' }, dir)).toMatchObject({
        kind: 'io',
        code: 'unreadable-file',
        message: 'cannot read --points file nope.csv: no such file',
      });
      writeFileSync(join(dir, 'p.csv'), NORTHANTS);
      expect(await failure({ points: 'p.csv', vintage: '2019', area: 'Daventyr' }, dir)).toMatchObject({ kind: 'usage' });
      expect(await failure({ points: 'p.csv', vintage: '2011' }, dir)).toMatchObject({ kind: 'usage' });
    });
  });
});
