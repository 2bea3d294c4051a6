import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPack, packBytes, type BuiltPack, type PackInputs, type SourceText } from '../../build/buildPack.js';
import { checkPack } from '../../build/checkPack.js';
import { V2019 } from '../../build/vintages/v2019.js';
import { V2025 } from '../../build/vintages/v2025.js';
import type { VintageSpec } from '../../build/vintageSpec.js';
import { loadPackWithMeta } from '../../src/data/loadPack.js';

// The published source files live beside the repository; without them the rebuilds are skipped.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const haveSources = existsSync(sharedData);
if (!haveSources) console.warn(`englandPack.test: ${sharedData} is absent, so the shipped packs are not rebuilt`);

async function sources(spec: VintageSpec): Promise<PackInputs> {
  const inputs: Record<string, SourceText> = {};
  for (const [id, { file }] of Object.entries(spec.sources)) {
    const bytes = await readFile(path.join(sharedData, file));
    inputs[id] = { file, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') };
  }
  return inputs;
}

// Building all of England takes a few seconds, so the tests share one build per vintage.
const building = new Map<string, Promise<BuiltPack>>();
function rebuilt(spec: VintageSpec): Promise<BuiltPack> {
  let pack = building.get(spec.vintage);
  if (pack === undefined) {
    pack = sources(spec).then((inputs) => {
      const result = buildPack(spec, inputs);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    building.set(spec.vintage, pack);
  }
  return pack;
}

const shipped = (spec: VintageSpec): string => path.join(repoRoot, 'data', spec.output);

describe.each([V2019, V2025])('the shipped $vintage pack', (spec) => {
  it.skipIf(!haveSources)('is rebuilt byte for byte from the published source files', async () => {
    const built = await rebuilt(spec);
    const committed = await readFile(shipped(spec));
    expect(packBytes(spec, built.json).equals(committed)).toBe(true);
  });

  it.skipIf(!haveSources)('passes its known answers (LSOAs, districts, fills, Northamptonshire)', async () => {
    const built = await rebuilt(spec);
    const checked = checkPack(built.json, spec.known);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(built.fills).toEqual(spec.known.fills);
  });

  it.skipIf(!existsSync(shipped(spec)))('loads with the runtime loader', async () => {
    const loaded = loadPackWithMeta(await readFile(shipped(spec)), shipped(spec));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.meta.id).toBe(spec.vintage);
    expect(loaded.value.dataset.units).toHaveLength(spec.known.lsoas);
  });
});

describe('the shipped 2019 pack', () => {
  it.skipIf(!existsSync(shipped(V2019)))('covers 32,844 LSOAs; Northamptonshire has 7 districts, 422 LSOAs and 720,913 people', async () => {
    const loaded = loadPackWithMeta(await readFile(shipped(V2019)), shipped(V2019));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { units, fields } = loaded.value.dataset;
    expect(units).toHaveLength(32844);
    const population = fields.get('population') ?? new Float64Array();
    const districts = new Set<string>();
    let lsoas = 0;
    let people = 0;
    units.forEach((unit, i) => {
      if (unit.countyCode !== 'E10000021') return;
      districts.add(unit.districtCode);
      lsoas += 1;
      people += population[i] ?? 0;
    });
    expect([...districts].sort()).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
    expect(lsoas).toBe(422);
    expect(people).toBe(720913);
    expect(new Set(units.map((u) => u.countyCode)).size).toBe(151);
  });
});

describe('the shipped 2025 pack', () => {
  it.skipIf(!existsSync(shipped(V2025)))(
    'puts E01027305 in Cherwell with its 2024 ward, and the three straddling LSOAs in today’s councils’ former districts',
    async () => {
      const loaded = loadPackWithMeta(await readFile(shipped(V2025)), shipped(V2025));
      if (!loaded.ok) throw new Error(loaded.error.message);
      const byCode = new Map(loaded.value.dataset.units.map((unit) => [unit.code, unit]));
      expect(byCode.get('E01027305')).toMatchObject({
        districtCode: 'E07000177',
        formerDistrictCode: 'E07000155',
        formerDistrictName: 'South Northamptonshire',
        wardCode: 'E05010929',
      });
      expect(byCode.get('E01035581')?.formerDistrictName).toBe('St Albans');
      expect(byCode.get('E01035582')?.formerDistrictName).toBe('Stevenage');
      expect(byCode.get('E01035637')?.formerDistrictName).toBe('Northumberland');
    },
  );
});
