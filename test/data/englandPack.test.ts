import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPack, type PackInputs, type SourceText } from '../../src/data/buildPack.js';
import { loadPackWithMeta } from '../../src/data/loadPack.js';
import type { PackDocument } from '../../src/data/packFormat.js';
import { defaultPackPath } from '../../src/data/readPack.js';

// The published source files live beside the repository; without them this suite is skipped.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const haveSources = existsSync(sharedData);

async function source(file: string): Promise<SourceText> {
  const bytes = await readFile(path.join(sharedData, file));
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') };
}

// The same files, in the same roles, as scripts/build-data.js.
async function sources(): Promise<PackInputs> {
  return {
    domains: await source('iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv'),
    population: await source('iod2019/File_6_-_IoD2019_Population_Denominators.csv'),
    subdomains: await source('iod2019/iod2019_subdomain_ranks.csv'),
    indicators: await source('iod2019/iod2019_indicators.csv'),
    lsoaLookup: await source('geography/lsoa11_to_ward19_lad19.csv'),
    countyLookup: await source('geography/ward19_to_lad19_county19_ced19.csv'),
  };
}

// Building all of England takes a couple of seconds, so the tests share one build.
let building: Promise<ReturnType<typeof buildPack>> | undefined;
function rebuilt(): Promise<ReturnType<typeof buildPack>> {
  building ??= sources().then(buildPack);
  return building;
}

describe('the shipped England pack', () => {
  it.skipIf(!haveSources)('is rebuilt exactly from the published source files', async () => {
    const built = await rebuilt();
    if (!built.ok) throw new Error(built.error.message);
    const committed = JSON.parse(gunzipSync(await readFile(defaultPackPath())).toString('utf8')) as PackDocument;
    expect(built.value.json.fields).toEqual(committed.fields);
    expect(built.value.json.sources).toEqual(committed.sources);
    expect(built.value.json.fills).toEqual(committed.fills);
    expect(built.value.json.rows.length).toBe(committed.rows.length);
    expect(built.value.json.rows).toEqual(committed.rows);
    expect(JSON.stringify(built.value.json)).toBe(JSON.stringify(committed));
  });

  it.skipIf(!haveSources)('fills 4,553 suppressed IDACI and 1,035 IDAOPI numerators', async () => {
    const built = await rebuilt();
    expect(built.ok && built.value.fills).toEqual({ idaci_numerator: 4553, idaopi_numerator: 1035 });
  });

  it.skipIf(!existsSync(defaultPackPath()))('covers 32,844 LSOAs; Northamptonshire has 7 districts, 422 LSOAs and 720,913 people', async () => {
    const loaded = loadPackWithMeta(await readFile(defaultPackPath()), defaultPackPath());
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
