/**
 * The binary columnar data pack (format version 4), as fairshare ships it:
 * `data/england-lsoa-<vintage>.pack`.
 * One file, not compressed, read with no JSON.parse of the rows:
 *
 *   bytes 0–7    the magic `FSHRPACK`
 *   byte 8       the format version, 4
 *   bytes 9–11   zero
 *   bytes 12–15  the header's length in bytes, H (unsigned, little-endian)
 *   bytes 16–…   the header: UTF-8 JSON (the pack's provenance, its row count and where each column is)
 *   then         each column's bytes, at the offset its header entry gives, every one a multiple of 8
 *
 * A number column is one typed array of `rows` values, little-endian, of the narrowest type that holds
 * its values exactly (`u8`, `u16`, `u32`, `i32` or `f64`). A text column is either `dictionary` (its
 * distinct values in the header and one `u16` index per row) or `lines` (every value in row order, as
 * UTF-8, each ended by a line feed; no value holds one), which decodes in one call, with where each row
 * starts (`u32`, one more than there are rows) so that one row can be read alone. The dictionary
 * columns that group LSOAs into areas ({@link GROUPED_COLUMNS}) also carry their index turned round:
 * every row number, grouped by value (rows ascending within a value), and where each value's rows start,
 * so that a county run finds its 422 rows without looking at the other 33,000 (version 4 added this).
 * The encoder is build/encodePack.ts; data/README.md documents the format. Pure: the caller reads the file.
 *
 * The dataset it decodes to is built lazily: a unit is made for every row, and a number column widened
 * to doubles, only when something asks for all of them; a run on one area picks its rows through
 * {@link Dataset.index} instead.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import type { Dataset, DatasetIndex, GroupField, Place, RowGroup, Unit } from '../engine/dataset.js';
import { PACK_FORMAT, PACK_TEXT_FIELDS, type PackDocumentV2, type PackMeta } from './packFormat.js';

/** The first 8 bytes of a binary pack. */
export const BINARY_PACK_MAGIC = 'FSHRPACK';

/** The binary format's version, byte 8 of the file. */
export const BINARY_PACK_VERSION = 4;

/** The text columns that group rows into areas, with the unit field each fills; each has its rows grouped. */
export const GROUPED_COLUMNS: Readonly<Record<GroupField, string>> = {
  districtCode: 'district_code',
  countyCode: 'county_code',
  regionCode: 'region_code',
  formerDistrictCode: 'former_district_code',
  wardCode: 'ward_code',
};

/** Where a column's bytes are: an offset from the start of the file and a length, both in bytes. */
export interface PackBlock {
  readonly offset: number;
  readonly length: number;
}

/** The types a number column is stored as. */
export type NumberType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';

/** The bytes of one value of each number type. */
export const NUMBER_TYPE_BYTES: Readonly<Record<NumberType, number>> = { u8: 1, u16: 2, u32: 4, i32: 4, f64: 8 };

/**
 * A dictionary column's index turned round: `rows` holds every row number (type `u16` or `u32`), those of
 * value 0 first, then those of value 1, and so on, ascending within each; value v's rows are at positions
 * `starts[v]` to `starts[v + 1]` (`u32`, one more than there are values).
 */
export interface RowGroups {
  readonly type: 'u16' | 'u32';
  readonly rows: PackBlock;
  readonly starts: PackBlock;
}

export type TextColumn =
  | { readonly name: string; readonly kind: 'dictionary'; readonly values: readonly string[]; readonly index: PackBlock; readonly groups?: RowGroups }
  | { readonly name: string; readonly kind: 'lines'; readonly data: PackBlock; readonly offsets: PackBlock };

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
 * Decode a binary pack into a Dataset (kind `pack`) and its provenance, checking its version and that
 * every column lies inside the file, or fail with a `data` error naming the file. Rows are read, and
 * checked (codes sorted without repeats, every number finite, every text value there), when they are
 * first used; a row that fails then throws, naming the file.
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

  // Nothing below looks at every row: a county run reads its own rows and no others. What is checked of a
  // row (a dictionary value that exists, a line that ends where the next begins, codes in order, numbers
  // finite) is checked when that row is read; a failure then is a broken shipped file, and throws.
  const broken = (message: string): Error => new Error(`data pack ${file} is broken: ${message}; rebuild it with npm run build:data`);
  const columns = new Map<string, TextReader & { all?: () => readonly string[] }>();
  const dictionaries = new Map<string, { values: readonly string[]; index: Uint16Array; groups: RowGroups | undefined }>();
  for (const column of header.text) {
    if (column.kind === 'dictionary') {
      const index = numbers(bytes, column.index, 'u16', n) as Uint16Array;
      dictionaries.set(column.name, { values: column.values, index, groups: column.groups });
      columns.set(column.name, dictionaryReader(column.name, column.values, index, broken));
    } else {
      columns.set(column.name, linesReader(column.name, bytes.subarray(column.data.offset, column.data.offset + column.data.length), numbers(bytes, column.offsets, 'u32', n + 1), n, broken));
    }
  }
  const code = columns.get('lsoa_code');
  if (code?.all === undefined) return bad('lsoa_code: the codes must be stored as lines');
  const at = (name: string): ((row: number) => string) | undefined => columns.get(name)?.at;
  const [name, district, districtName, county, countyName] = PACK_TEXT_FIELDS.slice(1).map((f) => at(f) as (row: number) => string) as [
    (row: number) => string,
    (row: number) => string,
    (row: number) => string,
    (row: number) => string,
    (row: number) => string,
  ];
  const [region, regionName, former, formerName, ward, wardName] = ['region_code', 'region_name', 'former_district_code', 'former_district_name', 'ward_code', 'ward_name'].map(at);
  const geography = region !== undefined && regionName !== undefined && former !== undefined && formerName !== undefined && ward !== undefined && wardName !== undefined;
  // One shape for every unit of a pack (a 2025 pack has regions, former districts and wards; 2019 none),
  // written out as one literal: a spread is several times slower for 33,755 units. A place is a unit made
  // with no code or name, which are the slow part to read.
  const unitOf = (r: number, lsoa: string, lsoaName: string): Unit =>
    geography
      ? {
          code: lsoa,
          name: lsoaName,
          districtCode: district(r),
          districtName: districtName(r),
          countyCode: county(r),
          countyName: countyName(r),
          regionCode: region(r),
          regionName: regionName(r),
          formerDistrictCode: former(r),
          formerDistrictName: formerName(r),
          wardCode: ward(r),
          wardName: wardName(r),
        }
      : { code: lsoa, name: lsoaName, districtCode: district(r), districtName: districtName(r), countyCode: county(r), countyName: countyName(r) };
  const unit = (r: number): Unit => unitOf(r, code.at(r), name(r));
  const place = (r: number): Place => unitOf(r, '', '');
  /** The units of some rows (ascending), checked to be in code order without repeats. */
  const units = (rows: readonly number[] | undefined): Unit[] => {
    if (rows === undefined) for (const column of columns.values()) column.all?.();
    const list = rows === undefined ? Array.from({ length: n }, (_, r) => unit(r)) : rows.map(unit);
    for (let k = 1; k < list.length; k++) {
      const before = (list[k - 1] as Unit).code;
      const after = (list[k] as Unit).code;
      if (!(after > before)) throw broken(`rows must be sorted by lsoa_code without repeats; ${after || '(empty)'} follows ${before}`);
    }
    if (list[0]?.code === '') throw broken('a row has no lsoa_code');
    return list;
  };

  const stored = new Map<string, ArrayLike<number>>();
  for (const column of header.numbers) stored.set(column.name, numbers(bytes, column.block, column.type, n));
  /** Doubles checked finite (whole-number types are finite by construction). */
  const finite = (name: string, values: Float64Array, rows?: readonly number[]): Float64Array => {
    const row = firstNotFinite(values);
    if (row >= 0) throw broken(`row ${(rows?.[row] ?? row) + 1}: ${name} must be a finite number`);
    return values;
  };

  // Each grouped column's groups, checked to cover the rows now and made when first asked for.
  const grouped = new Map<GroupField, () => RowGroup[]>();
  for (const [field, column] of Object.entries(GROUPED_COLUMNS) as [GroupField, string][]) {
    const dictionary = dictionaries.get(column);
    if (dictionary === undefined) continue;
    const groups = rowGroups(bytes, dictionary, n, broken);
    if (typeof groups === 'string') return bad(`${column}: ${groups}`);
    let made: RowGroup[] | undefined;
    grouped.set(field, () => (made ??= groups()));
  }

  const index: DatasetIndex = {
    rows: n,
    unit,
    place,
    groups: (field) => grouped.get(field)?.(),
    pick: (rows) => {
      const fields = new Map<string, Float64Array>();
      for (const [name, values] of stored) {
        const picked = new Float64Array(rows.length);
        for (let k = 0; k < rows.length; k++) picked[k] = values[rows[k] as number] as number;
        fields.set(name, values instanceof Float64Array ? finite(name, picked, rows) : picked);
      }
      return { kind: 'pack', file, units: units(rows), fields };
    },
  };
  let all: readonly Unit[] | undefined;
  const dataset: Dataset = {
    kind: 'pack',
    file,
    get units(): readonly Unit[] {
      all ??= units(undefined);
      return all;
    },
    fields: new PackFields(stored, (name, values) => (values instanceof Float64Array ? finite(name, values) : new Float64Array(values))),
  };
  Object.defineProperty(dataset, 'index', { value: index, enumerable: false });
  const meta: PackMeta = {
    id: header.vintage,
    title: header.title,
    vintage: header.vintageLabel,
    licence: header.licence,
    sources: header.sources,
    fills: header.fills,
  };
  return ok({ dataset, meta });
}

/** One text column, read a row at a time. */
interface TextReader {
  readonly at: (row: number) => string;
}

/** A dictionary column: each row's value through its index. */
function dictionaryReader(name: string, values: readonly string[], index: Uint16Array, broken: (message: string) => Error): TextReader {
  return {
    at: (row) => {
      const value = values[index[row] as number];
      if (value === undefined) throw broken(`${name}: row ${row + 1} has no value`);
      return value;
    },
  };
}

/**
 * A column of lines: a row's value decoded on its own, through the offsets, until every value is asked
 * for, when the whole column is decoded in one call.
 */
function linesReader(name: string, data: Uint8Array, offsets: ArrayLike<number>, n: number, broken: (message: string) => Error): TextReader & { all(): readonly string[] } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines: readonly string[] | undefined;
  const decode = (bytes: Uint8Array, what: string): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw broken(`${name}: ${what} is not UTF-8`);
    }
  };
  const all = (): readonly string[] => {
    if (lines !== undefined) return lines;
    const split = decode(data, 'its text').split('\n');
    // n values, each ended by a line feed, leave one empty piece after the last.
    if (split.length !== n + 1 || split[n] !== '') throw broken(`${name}: it must have ${n} lines of text`);
    lines = split;
    return lines;
  };
  return {
    all,
    at: (row) => {
      if (lines !== undefined) return lines[row] as string;
      const from = offsets[row] as number;
      const end = (offsets[row + 1] as number) - 1;
      if (!(from <= end) || !(end < data.length) || data[end] !== 10) throw broken(`${name}: row ${row + 1} does not end where the next begins`);
      const bytes = data.subarray(from, end);
      // Codes and most names are ASCII: read as character codes, without a decoder call.
      let ascii = true;
      for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) ascii = false;
      return ascii ? String.fromCharCode.apply(null, bytes as unknown as number[]) : decode(bytes, `row ${row + 1}`);
    },
  };
}

/**
 * A dictionary column's groups of rows (see {@link RowGroups}), checked to cover the table, and made
 * when asked for; each group's rows are checked to hold its value when they are first asked for.
 */
function rowGroups(
  bytes: Uint8Array,
  dictionary: { values: readonly string[]; index: Uint16Array; groups: RowGroups | undefined },
  n: number,
  broken: (message: string) => Error,
): (() => RowGroup[]) | string {
  const { values, index, groups } = dictionary;
  if (groups === undefined) return 'its rows are not grouped';
  const rows = numbers(bytes, groups.rows, groups.type, n);
  const starts = numbers(bytes, groups.starts, 'u32', values.length + 1);
  if (starts[0] !== 0 || starts[values.length] !== n) return 'its groups of rows do not cover the rows';
  const wrong = (v: number): Error => broken(`the rows grouped under ${values[v] ?? ''} are not its rows`);
  return () =>
    values.map((_, v): RowGroup => {
      const from = starts[v] as number;
      const to = starts[v + 1] as number;
      const first = rows[from] as number;
      if (!(to > from) || index[first] !== v) throw wrong(v);
      let made: number[] | undefined;
      return {
        first,
        rows: () => {
          if (made !== undefined) return made;
          const list = new Array<number>(to - from);
          let last = -1;
          for (let k = from; k < to; k++) {
            const row = rows[k] as number;
            if (!(row > last) || !(row < n) || index[row] !== v) throw wrong(v);
            list[k - from] = last = row;
          }
          made = list;
          return made;
        },
      };
    });
}

/**
 * The pack's number columns as the Dataset's fields: each widened to doubles the first time it is asked
 * for (most runs use a few of the 28), all of them when iterated.
 */
class PackFields extends Map<string, Float64Array> {
  readonly #stored: ReadonlyMap<string, ArrayLike<number>>;
  readonly #widen: (name: string, values: ArrayLike<number>) => Float64Array;

  constructor(stored: ReadonlyMap<string, ArrayLike<number>>, widen: (name: string, values: ArrayLike<number>) => Float64Array) {
    super();
    this.#stored = stored;
    this.#widen = widen;
  }

  override get(name: string): Float64Array | undefined {
    const made = super.get(name);
    if (made !== undefined) return made;
    const values = this.#stored.get(name);
    if (values === undefined) return undefined;
    const widened = this.#widen(name, values);
    super.set(name, widened);
    return widened;
  }

  override has(name: string): boolean {
    return this.#stored.has(name);
  }

  override get size(): number {
    return this.#stored.size;
  }

  override keys(): MapIterator<string> {
    return this.#stored.keys();
  }

  override *entries(): MapIterator<[string, Float64Array]> {
    for (const name of this.#stored.keys()) yield [name, this.get(name) as Float64Array];
  }

  override values(): MapIterator<Float64Array> {
    return Array.from(this.entries(), ([, values]) => values)[Symbol.iterator]();
  }

  override [Symbol.iterator](): MapIterator<[string, Float64Array]> {
    return this.entries();
  }

  override forEach(callback: (value: Float64Array, key: string, map: Map<string, Float64Array>) => void, thisArg?: unknown): void {
    for (const [name, values] of this.entries()) callback.call(thisArg, values, name, this);
  }

  override set(): this {
    throw new TypeError('a data pack\'s fields cannot be changed');
  }

  override delete(): boolean {
    throw new TypeError('a data pack\'s fields cannot be changed');
  }

  override clear(): void {
    throw new TypeError('a data pack\'s fields cannot be changed');
  }
}

/** The first value that is not a finite number (NaN or ±Infinity), or -1. */
function firstNotFinite(values: Float64Array): number {
  // x - x is 0 for every finite x and NaN otherwise, so one sum tells whether all are finite.
  let sum = 0;
  for (let r = 0; r < values.length; r++) sum += (values[r] as number) - (values[r] as number);
  if (sum === 0) return -1;
  return values.findIndex((v) => !Number.isFinite(v));
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
      const groups = column.groups;
      if (groups !== undefined) {
        if (groups.type !== 'u16' && groups.type !== 'u32') return `${column.name}: unknown type of grouped rows ${JSON.stringify(groups.type)}`;
        if (!fits(groups.rows, groups.type === 'u16' ? 2 : 4, header.rows) || !fits(groups.starts, 4, column.values.length + 1)) {
          return `${column.name}: its grouped rows do not fit the file`;
        }
      }
    } else if (column.kind === 'lines') {
      const data = column.data;
      if (data === undefined || !Number.isInteger(data.offset) || data.offset < 16 || !Number.isInteger(data.length) || data.offset + data.length > fileLength) {
        return `${column.name}: its text does not fit the file`;
      }
      if (!fits(column.offsets, 4, header.rows + 1)) return `${column.name}: its offsets do not fit the file`;
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
