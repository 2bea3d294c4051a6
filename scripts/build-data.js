#!/usr/bin/env node
// Builds data/england-lsoa-2019.json.gz from the published source files (see data/README.md).
// Usage: node scripts/build-data.js <shared-data-dir> <out-dir>   (or: npm run build:data)
// The work is done by the pure buildPack (src/data/buildPack.ts); this script only reads, hashes,
// checks, gzips and writes. The output is deterministic: no timestamps, fixed order, fixed gzip level.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPack } from '../dist/data/buildPack.js';
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

  // Node writes a zero gzip timestamp, so the same JSON gives the same bytes with the same zlib.
  const gz = gzipSync(Buffer.from(JSON.stringify(json), 'utf8'), { level: 9 });
  const target = path.join(outDir, OUT_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(temp, gz);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new BuildError(`cannot write ${target}: ${error.code ?? error.message}`);
  }
  process.stdout.write(`wrote ${target} (${fmt(gz.length)} bytes)\n`);
  return 0;
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
