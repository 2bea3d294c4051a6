/**
 * The binary columnar data pack (format version 3), as fairshare ships it:
 * `data/england-lsoa-<vintage>.pack`.
 * One file, not compressed, read with no JSON.parse of the rows:
 *
 *   bytes 0–7    the magic `FSHRPACK`
 *   byte 8       the format version, 3
 *   bytes 9–11   zero
 *   bytes 12–15  the header's length in bytes, H (unsigned, little-endian)
 *   bytes 16–…   the header: UTF-8 JSON (the pack's provenance, its row count and where each column is)
 *   then         each column's bytes, at the offset its header entry gives, every one a multiple of 8
 *
 * A number column is one typed array of `rows` values, little-endian, of the narrowest type that holds
 * its values exactly (`u8`, `u16`, `u32`, `i32` or `f64`). A text column is either `dictionary` (its
 * distinct values in the header and one `u16` index per row) or `lines` (every value in row order, as
 * UTF-8, each ended by a line feed; no value holds one), which decodes in one call. The encoder is
 * build/encodePack.ts; data/README.md documents the format. Pure: the caller reads the file.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import { PACK_FORMAT, PACK_TEXT_FIELDS, type PackDocumentV2, type PackMeta } from './packFormat.js';

/** The first 8 bytes of a binary pack. */
export const BINARY_PACK_MAGIC = 'FSHRPACK';

/** The binary format's version, byte 8 of the file. */
export const BINARY_PACK_VERSION = 3;

/** Where a column's bytes are: an offset from the start of the file and a length, both in bytes. */
export interface PackBlock {
  readonly offset: number;
  readonly length: number;
}

/** The types a number column is stored as. */
export type NumberType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';

/** The bytes of one value of each number type. */
export const NUMBER_TYPE_BYTES: Readonly<Record<NumberType, number>> = { u8: 1, u16: 2, u32: 4, i32: 4, f64: 8 };

export type TextColumn =
  | { readonly name: string; readonly kind: 'dictionary'; readonly values: readonly string[]; readonly index: PackBlock }
  | { readonly name: string; readonly kind: 'lines'; readonly data: PackBlock };

export interface NumberColumn {
  readonly name: string;
  readonly type: NumberType;
  readonly block: PackBlock;
}

/** The header of a binary pack: the provenance of a version 2 document, the row count and the columns. */
export interface BinaryPackHeader extends Omit<PackDocumentV2, 'version' | 'vintage' | 'textFields' | 'fields' | 'rows'> {
  readonly version: typeof BINARY_PACK_VERSION;
  readonly vintage: string;
  /** Rows, one per LSOA, sorted by `lsoa_code` in code-unit order. */
  readonly rows: number;
  readonly text: readonly TextColumn[];
  readonly numbers: readonly NumberColumn[];
}

/** Whether these bytes start as a binary pack does. */
export function isBinaryPack(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < BINARY_PACK_MAGIC.length; i++) if (bytes[i] !== BINARY_PACK_MAGIC.charCodeAt(i)) return false;
  return true;
}

/**
 * Decode a binary pack into a Dataset (kind `pack`) and its provenance, checking its version, that every
 * column lies inside the file, that the codes are sorted without repeats, and that every number is
 * finite; or fail with a `data` error naming the file.
 *
 * @example const loaded = decodePack(readFileSync('data/england-lsoa-2025.pack'), 'data/england-lsoa-2025.pack');
 */
export function decodePack(bytes: Uint8Array, file: string): Result<{ dataset: Dataset; meta: PackMeta }> {
  const bad = (message: string): Result<never> => fail('data', 'bad-pack', message, { hint: 'Rebuild the pack with `npm run build:data`', location: { file } });
  if (!isBinaryPack(bytes)) return bad(`not a binary data pack: it does not start with ${BINARY_PACK_MAGIC}`);
  const version = bytes[8];
  if (version !== BINARY_PACK_VERSION) {
    return fail('data', 'unsupported-pack-version', `pack version ${version ?? '(missing)'} is not supported; this fairshare reads binary version ${BINARY_PACK_VERSION}`, {
      hint: 'Rebuild the pack with `npm run build:data`, or use the fairshare release that wrote it',
      location: { file },
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.length) return bad('the header runs past the end of the file');
  let header: BinaryPackHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + headerLength))) as BinaryPackHeader;
  } catch (error) {
    return bad(`the header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const shape = checkHeader(header, bytes.length);
  if (shape !== undefined) return bad(shape);
  const n = header.rows;

  const text = new Map<string, (row: number) => string>();
  for (const column of header.text) {
    if (column.kind === 'dictionary') {
      const index = numbers(bytes, column.index, 'u16', n);
      for (let r = 0; r < n; r++) if ((index[r] as number) >= column.values.length) return bad(`${column.name}: row ${r + 1} has no value`);
      const values = column.values;
      text.set(column.name, (row) => values[index[row] as number] as string);
    } else {
      let lines: string[];
      try {
        lines = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(column.data.offset, column.data.offset + column.data.length)).split('\n');
      } catch {
        return bad(`${column.name}: its text is not UTF-8`);
      }
      // n values, each ended by a line feed, leave one empty piece after the last.
      if (lines.length !== n + 1 || lines[n] !== '') return bad(`${column.name}: it must have ${n} lines of text`);
      text.set(column.name, (row) => lines[row] as string);
    }
  }
  const get = (name: string): ((row: number) => string) | undefined => text.get(name);
  const [code, name, district, districtName, county, countyName] = PACK_TEXT_FIELDS.map((f) => get(f) as (row: number) => string);
  const [region, regionName, former, formerName, ward, wardName] = [
    'region_code',
    'region_name',
    'former_district_code',
    'former_district_name',
    'ward_code',
    'ward_name',
  ].map(get);
  const units: Unit[] = new Array<Unit>(n);
  const geography = region !== undefined && regionName !== undefined && former !== undefined && formerName !== undefined && ward !== undefined && wardName !== undefined;
  let previous = '';
  for (let r = 0; r < n; r++) {
    const lsoa = (code as (row: number) => string)(r);
    if (lsoa === '' || !(lsoa > previous)) return bad(`rows must be sorted by lsoa_code without repeats; ${lsoa || '(empty)'} follows ${previous}`);
    previous = lsoa;
    const lsoaName = (name as (row: number) => string)(r);
    const dc = (district as (row: number) => string)(r);
    const dn = (districtName as (row: number) => string)(r);
    const cc = (county as (row: number) => string)(r);
    const cn = (countyName as (row: number) => string)(r);
    // One shape for every unit of a pack (a 2025 pack has regions, former districts and wards; 2019 none).
    units[r] = geography
      ? {
          code: lsoa,
          name: lsoaName,
          districtCode: dc,
          districtName: dn,
          countyCode: cc,
          countyName: cn,
          regionCode: region(r),
          regionName: regionName(r),
          formerDistrictCode: former(r),
          formerDistrictName: formerName(r),
          wardCode: ward(r),
          wardName: wardName(r),
        }
      : { code: lsoa, name: lsoaName, districtCode: dc, districtName: dn, countyCode: cc, countyName: cn };
  }

  const fields = new Map<string, Float64Array>();
  for (const column of header.numbers) {
    const stored = numbers(bytes, column.block, column.type, n);
    const values = stored instanceof Float64Array ? stored : Float64Array.from(stored);
    for (let r = 0; r < n; r++) if (!Number.isFinite(values[r] as number)) return bad(`row ${r + 1} (${units[r]?.code}): ${column.name} must be a finite number`);
    fields.set(column.name, values);
  }
  const meta: PackMeta = {
    id: header.vintage,
    title: header.title,
    vintage: header.vintageLabel,
    licence: header.licence,
    sources: header.sources,
    fills: header.fills,
  };
  return ok({ dataset: { kind: 'pack', file, units, fields }, meta });
}

/** What is wrong with a header's shape, or undefined. */
function checkHeader(header: BinaryPackHeader, fileLength: number): string | undefined {
  if (typeof header !== 'object' || header === null) return 'the header is not a JSON object';
  if (header.format !== PACK_FORMAT || header.version !== BINARY_PACK_VERSION) return `the header must say format "${PACK_FORMAT}", version ${BINARY_PACK_VERSION}`;
  for (const key of ['vintage', 'title', 'vintageLabel', 'licence'] as const) if (typeof header[key] !== 'string') return `"${key}" must be a string`;
  if (!/^\d{4}$/.test(header.vintage)) return '"vintage" must be a year such as "2025"';
  if (!Array.isArray(header.sources) || header.sources.some((s) => typeof s?.file !== 'string' || typeof s?.sha256 !== 'string')) {
    return 'each of "sources" must have a "file" and a "sha256" string';
  }
  if (typeof header.fills !== 'object' || header.fills === null || Object.values(header.fills).some((c) => !Number.isInteger(c) || c < 0)) {
    return '"fills" must map columns to counts';
  }
  if (!Number.isInteger(header.rows) || header.rows < 1) return '"rows" must be a count of rows';
  if (!Array.isArray(header.text) || !Array.isArray(header.numbers)) return '"text" and "numbers" must list the columns';
  const names = [...header.text.map((c) => c.name), ...header.numbers.map((c) => c.name)];
  if (names.some((name) => typeof name !== 'string' || name === '') || new Set(names).size !== names.length) return 'every column needs its own name';
  for (const required of PACK_TEXT_FIELDS) if (!header.text.some((c) => c.name === required)) return `the pack has no ${required} column`;
  if (!header.numbers.some((c) => c.name === 'population')) return 'the pack has no population column';
  const fits = (block: PackBlock | undefined, bytesPer: number, count: number): boolean =>
    block !== undefined &&
    Number.isInteger(block.offset) &&
    block.offset % 8 === 0 &&
    block.offset >= 16 &&
    block.length === bytesPer * count &&
    block.offset + block.length <= fileLength;
  for (const column of header.text) {
    if (column.kind === 'dictionary') {
      if (!Array.isArray(column.values) || column.values.some((v: unknown) => typeof v !== 'string')) return `${column.name}: its values must be strings`;
      if (!fits(column.index, 2, header.rows)) return `${column.name}: its index does not fit the file`;
    } else if (column.kind === 'lines') {
      const data = column.data;
      if (data === undefined || !Number.isInteger(data.offset) || data.offset < 16 || !Number.isInteger(data.length) || data.offset + data.length > fileLength) {
        return `${column.name}: its text does not fit the file`;
      }
    } else {
      return `${(column as { name: string }).name}: unknown kind of text column`;
    }
  }
  for (const column of header.numbers) {
    const size = (NUMBER_TYPE_BYTES as Readonly<Record<string, number>>)[column.type];
    if (size === undefined) return `${column.name}: unknown number type ${JSON.stringify(column.type)}`;
    if (!fits(column.block, size, header.rows)) return `${column.name}: its values do not fit the file`;
  }
  return undefined;
}

/** A column's values as a typed array over the file's bytes (copied when they are not aligned in memory). */
function numbers(bytes: Uint8Array, block: PackBlock, type: NumberType, count: number): ArrayLike<number> & Iterable<number> {
  const size = NUMBER_TYPE_BYTES[type];
  let buffer = bytes.buffer;
  let offset = bytes.byteOffset + block.offset;
  if (offset % size !== 0) {
    buffer = bytes.slice(block.offset, block.offset + block.length).buffer;
    offset = 0;
  }
  switch (type) {
    case 'u8':
      return new Uint8Array(buffer, offset, count);
    case 'u16':
      return littleEndian(new Uint16Array(buffer, offset, count));
    case 'u32':
      return littleEndian(new Uint32Array(buffer, offset, count));
    case 'i32':
      return littleEndian(new Int32Array(buffer, offset, count));
    case 'f64':
      return littleEndian(new Float64Array(buffer, offset, count));
  }
}

/** Whether this machine stores numbers little-endian, as the file does. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The file is little-endian; a typed array reads in the machine's order, which is little-endian on every
 * machine Node runs on today. A big-endian one gets the bytes swapped first. */
function littleEndian<T extends Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T): T {
  if (LITTLE_ENDIAN) return array;
  const copy = new (array.constructor as new (n: number) => T)(array.length);
  const view = new DataView(array.buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Uint16Array) copy[i] = view.getUint16(i * 2, true);
    else if (array instanceof Uint32Array) copy[i] = view.getUint32(i * 4, true);
    else if (array instanceof Int32Array) copy[i] = view.getInt32(i * 4, true);
    else copy[i] = view.getFloat64(i * 8, true);
  }
  return copy;
}
