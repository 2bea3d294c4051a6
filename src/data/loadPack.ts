/**
 * Turns the bytes of a data pack (gzipped JSON, see data/README.md) into a Dataset, checking its format,
 * version, columns and every value on the way. Pure: the caller reads the file (see readPack).
 */
import { zlib } from './builtins.js';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import { decodePack, isBinaryPack } from './packBinary.js';
import { PACK_COLUMNS, PACK_FIELDS, PACK_FORMAT, PACK_TEXT_FIELDS, type PackMeta, type PackSource } from './packFormat.js';

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
 * const loaded = loadPackWithMeta(bytes, 'data/england-lsoa-2019.pack');
 * if (loaded.ok) console.log(loaded.value.meta.licence);
 */
export function loadPackWithMeta(gzipped: Uint8Array, file: string): Result<LoadedPack> {
  // The shipped packs are binary (format version 3); versions 1 and 2 are gzipped JSON.
  if (isBinaryPack(gzipped)) return decodePack(gzipped, file);
  const bad = (message: string, line?: number): Result<LoadedPack> =>
    fail('data', 'bad-pack', message, {
      hint: 'Rebuild the pack with `npm run build:data`',
      location: line === undefined ? { file } : { file, line },
    });

  let document: unknown;
  try {
    document = JSON.parse(zlib().gunzipSync(gzipped).toString('utf8'));
  } catch (error) {
    return bad(`not a gzipped JSON data pack (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document)) return bad('the pack is not a JSON object');
  if (document['format'] !== PACK_FORMAT) {
    return bad(`expected "format": "${PACK_FORMAT}", found ${JSON.stringify(document['format']) ?? 'nothing'}`);
  }
  const version = document['version'];
  if (version !== 1 && version !== 2) {
    return fail('data', 'unsupported-pack-version', `pack version ${JSON.stringify(version) ?? '(missing)'} is not supported; this fairshare reads versions 1 and 2`, {
      hint: 'Rebuild the pack with `npm run build:data`, or use the fairshare release that wrote it',
      location: { file },
    });
  }

  const meta = readMeta(document, version);
  if (typeof meta === 'string') return bad(meta);

  // Version 1 lists every column in `fields`; version 2 lists the text columns and the numbers apart.
  let textFields: readonly string[];
  let numberFields: readonly string[];
  if (version === 1) {
    const fields = document['fields'];
    if (!Array.isArray(fields) || fields.length !== PACK_COLUMNS.length || fields.some((name, i) => name !== PACK_COLUMNS[i])) {
      return bad(`"fields" must be exactly ${PACK_COLUMNS.join(', ')}`);
    }
    textFields = PACK_TEXT_FIELDS;
    numberFields = PACK_FIELDS;
  } else {
    const text = stringList(document['textFields']);
    const numbers = stringList(document['fields']);
    if (text === undefined || numbers === undefined) return bad('"textFields" and "fields" must be lists of column names');
    const missing = [...PACK_TEXT_FIELDS.filter((f) => !text.includes(f)), ...['population'].filter((f) => !numbers.includes(f))];
    if (missing.length > 0) return bad(`the pack has no ${missing.join(', ')} column`);
    if (new Set([...text, ...numbers]).size !== text.length + numbers.length) return bad('a column is listed twice');
    textFields = text;
    numberFields = numbers;
  }
  const rows = document['rows'];
  if (!Array.isArray(rows)) return bad('"rows" must be an array');

  const textCount = textFields.length;
  const width = textCount + numberFields.length;
  const at = (name: string): number => textFields.indexOf(name);
  const [code_, name_, district, districtName_, county, countyName_, region, regionName_, former, formerName_, ward, wardName_] = [
    'lsoa_code', 'lsoa_name', 'district_code', 'district_name', 'county_code', 'county_name',
    'region_code', 'region_name', 'former_district_code', 'former_district_name', 'ward_code', 'ward_name',
  ].map(at) as number[];
  const columns = numberFields.map(() => new Float64Array(rows.length));
  const units: Unit[] = new Array<Unit>(rows.length);
  let previous = '';
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    // Row r is the (r + 1)th row; there is no line structure inside the JSON, so say "row" in messages.
    if (!Array.isArray(row) || row.length !== width) return bad(`row ${r + 1} must be an array of ${width} values`);
    for (let c = 0; c < textCount; c++) {
      if (typeof row[c] !== 'string') return bad(`row ${r + 1}: ${textFields[c]} must be a string`);
    }
    const cells = row as string[];
    const text = (index: number | undefined): string => (index === undefined || index < 0 ? '' : (cells[index] ?? ''));
    const code = text(code_);
    if (code === '') return bad(`row ${r + 1}: lsoa_code is empty`);
    if (!(code > previous)) return bad(`rows must be sorted by lsoa_code without repeats; ${code} follows ${previous}`);
    previous = code;
    units[r] = {
      code,
      name: text(name_),
      districtCode: text(district),
      districtName: text(districtName_),
      countyCode: text(county),
      countyName: text(countyName_),
      ...(region !== undefined && region >= 0 ? { regionCode: text(region), regionName: text(regionName_) } : {}),
      ...(former !== undefined && former >= 0 ? { formerDistrictCode: text(former), formerDistrictName: text(formerName_) } : {}),
      ...(ward !== undefined && ward >= 0 ? { wardCode: text(ward), wardName: text(wardName_) } : {}),
    };
    for (let c = textCount; c < width; c++) {
      const value: unknown = row[c];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return bad(`row ${r + 1} (${code}): ${numberFields[c - textCount]} must be a finite number`);
      }
      (columns[c - textCount] as Float64Array)[r] = value;
    }
  }

  const fieldMap = new Map<string, Float64Array>();
  numberFields.forEach((name, i) => fieldMap.set(name, columns[i] as Float64Array));
  return ok({ dataset: { kind: 'pack', file, units, fields: fieldMap }, meta });
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '') ? (value as string[]) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pack's provenance, or a message saying what is wrong with it. */
function readMeta(document: Record<string, unknown>, version: 1 | 2): PackMeta | string {
  const { title, licence, sources, fills } = document;
  // Version 1 packs are all IoD2019 and call their description `vintage`; version 2 names its vintage.
  const id = version === 1 ? '2019' : document['vintage'];
  const vintage = version === 1 ? document['vintage'] : document['vintageLabel'];
  if (typeof title !== 'string') return '"title" must be a string';
  if (typeof id !== 'string' || !/^\d{4}$/.test(id)) return '"vintage" must be a year such as "2025"';
  if (typeof vintage !== 'string') return `"${version === 1 ? 'vintage' : 'vintageLabel'}" must be a string`;
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
  return { id, title, vintage, licence, sources: sourceList, fills: fillCounts };
}
