#!/usr/bin/env node
// Builds data/england-lsoa-2019.json.gz and the Northamptonshire share lookups in data/lookups/ from the
// published source files, and copies the Northamptonshire LSOA boundaries to data/boundaries/ unchanged
// (see data/README.md).
// Usage: node scripts/build-data.js <shared-data-dir> <out-dir>   (or: npm run build:data)
// The work is done by the pure buildPack (src/data/buildPack.ts) and buildLookups
// (src/data/buildLookups.ts); this script only reads, hashes, checks, gzips and writes. The boundary files
// are checked with parseBoundaries (src/data/parseBoundaries.ts) and copied byte for byte. The output is
// deterministic: no timestamps, fixed order, fixed gzip level.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildLookups } from '../dist/data/buildLookups.js';
import { buildPack } from '../dist/data/buildPack.js';
import { BOUNDARY_DIR, BOUNDARY_FILES, parseBoundaries } from '../dist/data/parseBoundaries.js';
import { formatError } from '../dist/engine/errors.js';

const OUT_FILE = 'england-lsoa-2019.json.gz';

const SOURCES = {
  domains: 'iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv',
  population: 'iod2019/File_6_-_IoD2019_Population_Denominators.csv',
  subdomains: 'iod2019/iod2019_subdomain_ranks.csv',
  indicators: 'iod2019/iod2019_indicators.csv',
  lsoaLookup: 'geography/lsoa11_to_ward19_lad19.csv',
  countyLookup: 'geography/ward19_to_lad19_county19_ced19.csv',
};

// A known answer from the source README: the former county of Northamptonshire.
const CHECK = { county: 'E10000021', name: 'Northamptonshire', districts: 7, lsoas: 422, population: 720913 };

// Known answers for its lookups, also from the source README: 143 wards (54 of them split), 57 divisions.
const LOOKUP_CHECK = { wards: 143, divisions: 57, splitWards: 54 };
const LOOKUP_FILES = {
  wards: 'lookups/northamptonshire-wards-2019.csv',
  divisions: 'lookups/northamptonshire-divisions-2019.csv',
};

// The boundary files are copied from here into data/boundaries/ under the same names.
const BOUNDARY_SOURCE_DIR = 'geography';

class BuildError extends Error {}

async function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write('usage: node scripts/build-data.js <shared-data-dir> <out-dir>\n');
    return 2;
  }
  const [dataDir, outDir] = argv;

  const inputs = {};
  for (const [key, file] of Object.entries(SOURCES)) {
    const full = path.join(dataDir, file);
    let bytes;
    try {
      bytes = await readFile(full);
    } catch (error) {
      throw new BuildError(`cannot read ${full}: ${error.code ?? error.message}`);
    }
    inputs[key] = { file, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') };
  }

  const built = buildPack(inputs);
  if (!built.ok) throw new BuildError(formatError(built.error));
  const { json, summary } = built.value;

  const check = countyCheck(json);
  for (const line of summary) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${CHECK.name} (${CHECK.county}): ${check.districts} districts, ${fmt(check.lsoas)} LSOAs, ${fmt(check.population)} people\n`,
  );
  if (check.districts !== CHECK.districts || check.lsoas !== CHECK.lsoas || check.population !== CHECK.population) {
    throw new BuildError(
      `${CHECK.name} check failed: expected ${CHECK.districts} districts, ${fmt(CHECK.lsoas)} LSOAs, ${fmt(CHECK.population)} people`,
    );
  }

  // Built and checked before anything is written, so a failure leaves every existing file alone.
  const lsoas = countyLsoas(json);
  const lookups = buildLookups({ lsoaToWard: inputs.lsoaLookup, wardToDivision: inputs.countyLookup }, CHECK.county, { lsoas });
  if (!lookups.ok) throw new BuildError(formatError(lookups.error));
  for (const line of lookups.value.summary) process.stdout.write(`${CHECK.name} ${line}\n`);
  const { wards, divisions, splitWards } = lookups.value;
  if (
    wards.counts.lsoas !== CHECK.lsoas ||
    divisions.counts.lsoas !== CHECK.lsoas ||
    wards.counts.areas !== LOOKUP_CHECK.wards ||
    divisions.counts.areas !== LOOKUP_CHECK.divisions ||
    splitWards !== LOOKUP_CHECK.splitWards
  ) {
    throw new BuildError(
      `${CHECK.name} lookup check failed: expected ${fmt(CHECK.lsoas)} LSOAs, ${LOOKUP_CHECK.wards} wards, ` +
        `${LOOKUP_CHECK.divisions} divisions and ${LOOKUP_CHECK.splitWards} split wards`,
    );
  }

  // The boundaries must cover exactly the county's LSOAs in the pack: checked before anything is written.
  const boundaries = await readBoundaries(dataDir);
  const missing = lsoas.filter((code) => !boundaries.codes.has(code));
  const extra = [...boundaries.codes].filter((code) => !lsoas.includes(code));
  process.stdout.write(`${CHECK.name} boundaries: ${fmt(boundaries.codes.size)} LSOAs in ${boundaries.files.length} files\n`);
  if (missing.length > 0 || extra.length > 0) {
    throw new BuildError(
      `${CHECK.name} boundary check failed: expected the pack's ${fmt(CHECK.lsoas)} LSOAs; ` +
        `${missing.length} have no boundary (${missing.slice(0, 3).join(', ')}), ${extra.length} are not in the county (${extra.slice(0, 3).join(', ')})`,
    );
  }

  // Node writes a zero gzip timestamp, so the same JSON gives the same bytes with the same zlib.
  const gz = gzipSync(Buffer.from(JSON.stringify(json), 'utf8'), { level: 9 });
  const target = path.join(outDir, OUT_FILE);
  await writeAtomically(target, gz);
  process.stdout.write(`wrote ${target} (${fmt(gz.length)} bytes)\n`);
  for (const [key, file] of Object.entries(LOOKUP_FILES)) {
    const lookup = lookups.value[key];
    const lookupTarget = path.join(outDir, file);
    await writeAtomically(lookupTarget, Buffer.from(lookup.csv, 'utf8'));
    process.stdout.write(`wrote ${lookupTarget} (${fmt(lookup.counts.rows)} rows)\n`);
  }
  for (const { name, bytes } of boundaries.files) {
    const boundaryTarget = path.join(outDir, BOUNDARY_DIR, name);
    await writeAtomically(boundaryTarget, bytes);
    process.stdout.write(`wrote ${boundaryTarget} (${fmt(bytes.length)} bytes, copied unchanged)\n`);
  }
  return 0;
}

/** Reads and checks the boundary files; returns their bytes (to copy unchanged) and their LSOA codes. */
async function readBoundaries(dataDir) {
  const files = [];
  for (const name of BOUNDARY_FILES) {
    const full = path.join(dataDir, BOUNDARY_SOURCE_DIR, name);
    try {
      files.push({ name, bytes: await readFile(full) });
    } catch (error) {
      throw new BuildError(`cannot read ${full}: ${error.code ?? error.message}`);
    }
  }
  const parsed = parseBoundaries(
    files.map(({ name, bytes }) => ({ file: `${BOUNDARY_SOURCE_DIR}/${name}`, text: bytes.toString('utf8') })),
  );
  if (!parsed.ok) throw new BuildError(formatError(parsed.error));
  return { files, codes: new Set(parsed.value.features.map((feature) => feature.properties.code)) };
}

/** Writes to a temporary file beside the target, then renames it over the target: never a half-written file. */
async function writeAtomically(target, bytes) {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new BuildError(`cannot write ${target}: ${error.code ?? error.message}`);
  }
}

/** The pack's LSOA codes in the checked county. */
function countyLsoas(json) {
  const [code, county] = [json.fields.indexOf('lsoa_code'), json.fields.indexOf('county_code')];
  return json.rows.filter((row) => row[county] === CHECK.county).map((row) => row[code]);
}

function countyCheck(json) {
  const col = (name) => json.fields.indexOf(name);
  const [county, district, population] = [col('county_code'), col('district_code'), col('population')];
  const rows = json.rows.filter((row) => row[county] === CHECK.county);
  return {
    districts: new Set(rows.map((row) => row[district])).size,
    lsoas: rows.length,
    population: rows.reduce((sum, row) => sum + row[population], 0),
  };
}

function fmt(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`build-data: error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
