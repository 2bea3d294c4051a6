/**
 * Builds the data packs (data/england-lsoa-2019.pack, data/england-lsoa-2025.pack) and the 2019
 * Northamptonshire share lookups (data/lookups/) from the published source files, and copies the boundary
 * files to data/boundaries/ unchanged (see data/README.md).
 *
 * Usage: node dist-build/build/buildData.js <shared-data-dir> <out-dir>   (or: npm run build:data)
 *
 * The work is done by the pure buildPack (build/buildPack.ts), which reads each vintage's table
 * (build/vintages/), checkPack and buildLookups; this script only reads, hashes, checks, gzips and writes.
 * Everything is built and checked before anything is written, so a failure leaves every file alone. The
 * output is deterministic: no timestamps, fixed order, fixed gzip level.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BOUNDARY_DIR, BOUNDARY_FILES, parseBoundaries } from '../src/data/parseBoundaries.js';
import type { PackDocumentV2 } from '../src/data/packFormat.js';
import { formatError, type Result } from '../src/engine/errors.js';
import { buildLookups } from './buildLookups.js';
import { buildPack, packBytes, type PackInputs, type SourceText } from './buildPack.js';
import { checkPack } from './checkPack.js';
import { compareCodes, thousands } from './columns.js';
import { featureCodes } from './featureCodes.js';
import { V2019 } from './vintages/v2019.js';
import { FORMER_NORTHAMPTONSHIRE_DISTRICTS, NORTH_NORTHAMPTONSHIRE, V2025, WEST_NORTHAMPTONSHIRE } from './vintages/v2025.js';
import type { VintageSpec } from './vintageSpec.js';
import { buildLsoaChanges } from './buildLsoaChanges.js';

/**
 * The ONS LSOA 2011 → 2021 lookup, and the file of English LSOAs that changed (known row counts from the
 * data).
 */
const LSOA_CHANGES_SOURCE = 'geography2021/lsoa11_lsoa21_lad22_ew.csv';
const LSOA_CHANGES_FILE = 'lookups/lsoa-2011-2021-changes.csv';
const LSOA_CHANGES_CHECK: Readonly<Record<string, number>> = { M: 194, S: 1842, X: 9 };

/**
 * Known answers for the 2019 Northamptonshire lookups, from the source README: 143 wards (54 split), 57
 * divisions.
 */
const LOOKUP_CHECK = { county: 'E10000021', area: 'Northamptonshire', lsoas: 422, wards: 143, divisions: 57, splitWards: 54 };
const LOOKUP_FILES = {
  wards: 'lookups/northamptonshire-wards-2019.csv',
  divisions: 'lookups/northamptonshire-divisions-2019.csv',
} as const;

/** The 2019 boundary files are copied from here into data/boundaries/ under the same names. */
const BOUNDARY_SOURCE_DIR_2019 = 'geography';

/** The 2025 boundary files, copied from boundaries2021/ into data/boundaries/ under the same names. */
const BOUNDARIES_2025 = [
  { name: 'lsoa21_england_super_generalised.geojson.gz', property: 'LSOA21CD', holds: 'england' },
  { name: 'lsoa21_north_and_west_northamptonshire.geojson', property: 'LSOA21CD', holds: 'northamptonshire' },
  { name: 'ward25_E06000061_north_northamptonshire.geojson', property: 'WD25CD', holds: NORTH_NORTHAMPTONSHIRE },
  { name: 'ward25_E06000062_west_northamptonshire.geojson', property: 'WD25CD', holds: WEST_NORTHAMPTONSHIRE },
] as const;
const BOUNDARY_SOURCE_DIR_2025 = 'boundaries2021';

class BuildError extends Error {}

/** A file to write: its path under the output folder and its bytes. */
interface Output {
  readonly file: string;
  readonly bytes: Buffer;
  readonly note: string;
}

async function main(argv: readonly string[]): Promise<number> {
  const [dataDir, outDir, ...rest] = argv;
  if (dataDir === undefined || outDir === undefined || rest.length > 0) {
    process.stderr.write('usage: node dist-build/build/buildData.js <shared-data-dir> <out-dir>\n');
    return 2;
  }
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const outputs: Output[] = [];

  // 2019: the pack, the Northamptonshire lookups and boundaries.
  say('== 2019');
  const inputs2019 = await readSources(dataDir, V2019);
  const pack2019 = built(V2019, inputs2019, say);
  const county = pack2019.areas.get(LOOKUP_CHECK.area) ?? [];
  const lookups = unwrap(
    buildLookups({ lsoaToWard: inputs2019['lsoaLookup'] as SourceText, wardToDivision: inputs2019['countyLookup'] as SourceText }, LOOKUP_CHECK.county, {
      lsoas: county,
    }),
  );
  for (const line of lookups.summary) say(`${LOOKUP_CHECK.area} ${line}`);
  const { wards, divisions, splitWards } = lookups;
  if (
    wards.counts.lsoas !== LOOKUP_CHECK.lsoas ||
    divisions.counts.lsoas !== LOOKUP_CHECK.lsoas ||
    wards.counts.areas !== LOOKUP_CHECK.wards ||
    divisions.counts.areas !== LOOKUP_CHECK.divisions ||
    splitWards !== LOOKUP_CHECK.splitWards
  ) {
    throw new BuildError(
      `${LOOKUP_CHECK.area} lookup check failed: expected ${LOOKUP_CHECK.lsoas} LSOAs, ${LOOKUP_CHECK.wards} wards, ` +
        `${LOOKUP_CHECK.divisions} divisions and ${LOOKUP_CHECK.splitWards} split wards`,
    );
  }
  outputs.push({ file: V2019.output, bytes: packBytes(V2019, pack2019.json), note: `format version ${V2019.packVersion}` });
  outputs.push({ file: LOOKUP_FILES.wards, bytes: Buffer.from(wards.csv, 'utf8'), note: `${thousands(wards.counts.rows)} rows` });
  outputs.push({ file: LOOKUP_FILES.divisions, bytes: Buffer.from(divisions.csv, 'utf8'), note: `${thousands(divisions.counts.rows)} rows` });

  const files2019 = await Promise.all(BOUNDARY_FILES.map(async (name) => ({ name, bytes: await readSource(dataDir, `${BOUNDARY_SOURCE_DIR_2019}/${name}`) })));
  const parsed = unwrap(parseBoundaries(files2019.map(({ name, bytes }) => ({ file: `${BOUNDARY_SOURCE_DIR_2019}/${name}`, text: bytes.toString('utf8') }))));
  sameCodes(`${LOOKUP_CHECK.area} boundaries (2011 LSOAs)`, new Set(parsed.features.map((f) => f.properties.code)), county, say);
  for (const { name, bytes } of files2019) outputs.push({ file: `${BOUNDARY_DIR}/${name}`, bytes, note: 'copied unchanged' });

  // 2025: the pack and boundaries.
  say('== 2025');
  const pack2025 = built(V2025, await readSources(dataDir, V2025), say);
  outputs.push({ file: V2025.output, bytes: packBytes(V2025, pack2025.json), note: `format version ${V2025.packVersion}` });
  const rows = pack2025.json.rows;
  const column = (field: string): number => [...pack2025.json.textFields, ...pack2025.json.fields].indexOf(field);
  const [code, district, former, ward, derived] = ['lsoa_code', 'district_code', 'former_district_code', 'ward_code', 'ward_derived'].map(column) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const expected: Record<(typeof BOUNDARIES_2025)[number]['holds'], readonly string[]> = {
    england: rows.map((row) => String(row[code])),
    // The two councils' LSOAs and any LSOA whose former district was one of the seven (E01027305).
    northamptonshire: rows
      .filter(
        (row) =>
          [NORTH_NORTHAMPTONSHIRE, WEST_NORTHAMPTONSHIRE].includes(String(row[district])) || FORMER_NORTHAMPTONSHIRE_DISTRICTS.includes(String(row[former])),
      )
      .map((row) => String(row[code])),
    [NORTH_NORTHAMPTONSHIRE]: wardsOf(rows, NORTH_NORTHAMPTONSHIRE),
    [WEST_NORTHAMPTONSHIRE]: wardsOf(rows, WEST_NORTHAMPTONSHIRE),
  };
  function wardsOf(all: typeof rows, council: string): string[] {
    return [...new Set(all.filter((row) => row[district] === council && row[derived] === 1).map((row) => String(row[ward])))];
  }
  for (const { name, property, holds } of BOUNDARIES_2025) {
    const file = `${BOUNDARY_SOURCE_DIR_2025}/${name}`;
    const bytes = await readSource(dataDir, file);
    const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const codes = unwrap(featureCodes({ file, text }, property));
    sameCodes(`${file} (${property})`, codes, expected[holds], say);
    outputs.push({ file: `${BOUNDARY_DIR}/${name}`, bytes, note: 'copied unchanged' });
  }

  // The LSOAs that changed between the 2011 and 2021 geographies: the bridge between the vintages.
  const changes = unwrap(buildLsoaChanges({ file: LSOA_CHANGES_SOURCE, text: (await readSource(dataDir, LSOA_CHANGES_SOURCE)).toString('utf8') }));
  say(
    `LSOA 2011 → 2021 changes in England: ${Object.entries(changes.counts)
      .sort()
      .map(([k, n]) => `${k} ${thousands(n)}`)
      .join(', ')} rows`,
  );
  for (const [kind, n] of Object.entries(LSOA_CHANGES_CHECK)) {
    if (changes.counts[kind] !== n) throw new BuildError(`LSOA changes check failed: expected ${n} rows of change ${kind}, found ${changes.counts[kind] ?? 0}`);
  }
  outputs.push({ file: LSOA_CHANGES_FILE, bytes: Buffer.from(changes.csv, 'utf8'), note: 'England, changed LSOAs only' });

  // Everything is built and checked: now write.
  for (const output of outputs) {
    const target = path.join(outDir, output.file);
    await writeAtomically(target, output.bytes);
    say(`wrote ${target} (${thousands(output.bytes.length)} bytes, ${output.note})`);
  }
  return 0;
}

/** Builds a vintage's pack, prints its summary and checks its known answers. */
function built(spec: VintageSpec, inputs: PackInputs, say: (line: string) => void): { json: PackDocumentV2; areas: ReadonlyMap<string, readonly string[]> } {
  const pack = unwrap(buildPack(spec, inputs));
  for (const line of pack.summary) say(line);
  const checked = unwrap(checkPack(pack.json, spec.known));
  for (const line of checked.lines) say(`check: ${line}`);
  return { json: pack.json, areas: checked.areas };
}

/** The boundary file must hold exactly the expected codes. */
function sameCodes(what: string, codes: ReadonlySet<string>, expected: readonly string[], say: (line: string) => void): void {
  const missing = expected.filter((code) => !codes.has(code)).sort(compareCodes);
  const wanted = new Set(expected);
  const extra = [...codes].filter((code) => !wanted.has(code)).sort(compareCodes);
  say(`${what}: ${thousands(codes.size)} features`);
  if (missing.length > 0 || extra.length > 0) {
    throw new BuildError(
      `${what}: expected ${thousands(expected.length)} codes from the pack; ${missing.length} have no feature (${missing.slice(0, 3).join(', ')}), ` +
        `${extra.length} are not expected (${extra.slice(0, 3).join(', ')})`,
    );
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new BuildError(formatError(result.error));
  return result.value;
}

/** Reads and hashes a vintage's source files. */
async function readSources(dataDir: string, spec: VintageSpec): Promise<PackInputs> {
  const inputs: Record<string, SourceText> = {};
  for (const [id, { file }] of Object.entries(spec.sources)) {
    const bytes = await readSource(dataDir, file);
    inputs[id] = { file, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') };
  }
  return inputs;
}

async function readSource(dataDir: string, file: string): Promise<Buffer> {
  const full = path.join(dataDir, file);
  try {
    return await readFile(full);
  } catch (error) {
    throw new BuildError(`cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Writes to a temporary file beside the target, then renames it over the target: never a half-written file.
 */
async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new BuildError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`build-data: error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
