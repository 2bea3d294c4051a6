/**
 * Turns the bytes of a data pack (gzipped JSON, see data/README.md) into a Dataset, checking its format,
 * version, columns and every value on the way. Pure: the caller reads the file (see readPack).
 */
import { gunzipSync } from 'node:zlib';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import { PACK_COLUMNS, PACK_FIELDS, PACK_FORMAT, PACK_TEXT_FIELDS, PACK_VERSION, type PackMeta, type PackSource } from './packFormat.js';

export { PACK_FIELDS, type PackField, type PackMeta, type PackSource } from './packFormat.js';

/** A loaded pack: the data, and what the pack says about where the data came from. */
export interface LoadedPack {
  readonly dataset: Dataset;
  readonly meta: PackMeta;
}

/**
 * Loads a gzipped data pack into a Dataset (kind `pack`), or fails with a `data` error naming the file.
 * @example
 * const loaded = loadPack(readFileSync(path), path);
 * if (loaded.ok) loaded.value.fields.get('imd_rank');
 */
export function loadPack(gzipped: Uint8Array, file: string): Result<Dataset> {
  const loaded = loadPackWithMeta(gzipped, file);
  return loaded.ok ? ok(loaded.value.dataset) : loaded;
}

/**
 * Loads a gzipped data pack into a Dataset and its provenance (title, vintage, licence, sources, fills).
 * @example
 * const loaded = loadPackWithMeta(bytes, 'data/england-lsoa-2019.json.gz');
 * if (loaded.ok) console.log(loaded.value.meta.licence);
 */
export function loadPackWithMeta(gzipped: Uint8Array, file: string): Result<LoadedPack> {
  const bad = (message: string, line?: number): Result<LoadedPack> =>
    fail('data', 'bad-pack', message, {
      hint: 'Rebuild the pack with `npm run build:data`',
      location: line === undefined ? { file } : { file, line },
    });

  let document: unknown;
  try {
    document = JSON.parse(gunzipSync(gzipped).toString('utf8'));
  } catch (error) {
    return bad(`not a gzipped JSON data pack (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document)) return bad('the pack is not a JSON object');
  if (document['format'] !== PACK_FORMAT) {
    return bad(`expected "format": "${PACK_FORMAT}", found ${JSON.stringify(document['format']) ?? 'nothing'}`);
  }
  if (document['version'] !== PACK_VERSION) {
    return fail('data', 'unsupported-pack-version', `pack version ${JSON.stringify(document['version']) ?? '(missing)'} is not supported; this fairshare reads version ${PACK_VERSION}`, {
      hint: 'Rebuild the pack with `npm run build:data`, or use the fairshare release that wrote it',
      location: { file },
    });
  }

  const meta = readMeta(document);
  if (typeof meta === 'string') return bad(meta);

  const fields = document['fields'];
  if (!Array.isArray(fields) || fields.length !== PACK_COLUMNS.length || fields.some((name, i) => name !== PACK_COLUMNS[i])) {
    return bad(`"fields" must be exactly ${PACK_COLUMNS.join(', ')}`);
  }
  const rows = document['rows'];
  if (!Array.isArray(rows)) return bad('"rows" must be an array');

  const textCount = PACK_TEXT_FIELDS.length;
  const width = PACK_COLUMNS.length;
  const columns = PACK_FIELDS.map(() => new Float64Array(rows.length));
  const units: Unit[] = new Array<Unit>(rows.length);
  let previous = '';
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    // Row r is the (r + 1)th row; there is no line structure inside the JSON, so say "row" in messages.
    if (!Array.isArray(row) || row.length !== width) return bad(`row ${r + 1} must be an array of ${width} values`);
    for (let c = 0; c < textCount; c++) {
      if (typeof row[c] !== 'string') return bad(`row ${r + 1}: ${PACK_COLUMNS[c]} must be a string`);
    }
    const [code, name, districtCode, districtName, countyCode, countyName] = row as string[];
    if (code === undefined || code === '') return bad(`row ${r + 1}: lsoa_code is empty`);
    if (!(code > previous)) return bad(`rows must be sorted by lsoa_code without repeats; ${code} follows ${previous}`);
    previous = code;
    units[r] = {
      code,
      name: name ?? '',
      districtCode: districtCode ?? '',
      districtName: districtName ?? '',
      countyCode: countyCode ?? '',
      countyName: countyName ?? '',
    };
    for (let c = textCount; c < width; c++) {
      const value: unknown = row[c];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return bad(`row ${r + 1} (${code}): ${PACK_COLUMNS[c]} must be a finite number`);
      }
      (columns[c - textCount] as Float64Array)[r] = value;
    }
  }

  const fieldMap = new Map<string, Float64Array>();
  PACK_FIELDS.forEach((name, i) => fieldMap.set(name, columns[i] as Float64Array));
  return ok({ dataset: { kind: 'pack', file, units, fields: fieldMap }, meta });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pack's provenance, or a message saying what is wrong with it. */
function readMeta(document: Record<string, unknown>): PackMeta | string {
  const { title, vintage, licence, sources, fills } = document;
  if (typeof title !== 'string') return '"title" must be a string';
  if (typeof vintage !== 'string') return '"vintage" must be a string';
  if (typeof licence !== 'string') return '"licence" must be a string';
  if (!Array.isArray(sources)) return '"sources" must be an array';
  const sourceList: PackSource[] = [];
  for (const source of sources) {
    if (!isObject(source) || typeof source['file'] !== 'string' || typeof source['sha256'] !== 'string') {
      return 'each of "sources" must have a "file" and a "sha256" string';
    }
    sourceList.push({ file: source['file'], sha256: source['sha256'] });
  }
  if (!isObject(fills)) return '"fills" must be an object';
  const fillCounts: Record<string, number> = {};
  for (const [column, count] of Object.entries(fills)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return `"fills"."${column}" must be a count`;
    fillCounts[column] = count;
  }
  return { title, vintage, licence, sources: sourceList, fills: fillCounts };
}
