/**
 * Write a pack document as a binary columnar pack (format version 4, read by src/data/packBinary.ts,
 * documented in data/README.md). Deterministic: the same document gives the same bytes.
 */
import {
  BINARY_PACK_MAGIC,
  BINARY_PACK_VERSION,
  GROUPED_COLUMNS,
  NUMBER_TYPE_BYTES,
  type BinaryPackHeader,
  type NumberColumn,
  type NumberType,
  type PackBlock,
  type RowGroups,
  type TextColumn,
} from '../src/data/packBinary.js';
import { PACK_FORMAT, type PackDocumentV2 } from '../src/data/packFormat.js';

/** A text column with at most this many distinct values (and repeats) is stored as a dictionary. */
const MAX_DICTIONARY = 65_535;

/**
 * The binary pack of a version 2 document: the same rows, columns and provenance.
 *
 * @example encodePack(document).subarray(0, 8).toString() // => 'FSHRPACK'
 */
export function encodePack(document: PackDocumentV2): Buffer {
  const n = document.rows.length;
  const blocks: Buffer[] = [];
  // Offsets are worked out after the header's length is known; first lay the blocks out from 0.
  let at = 0;
  const place = (bytes: Buffer): PackBlock => {
    const block = { offset: at, length: bytes.length };
    blocks.push(bytes);
    const padding = (8 - (bytes.length % 8)) % 8;
    if (padding > 0) blocks.push(Buffer.alloc(padding));
    at += bytes.length + padding;
    return block;
  };

  const text: TextColumn[] = document.textFields.map((name, c) => {
    const values = document.rows.map((row) => String(row[c]));
    const distinct = [...new Set(values)];
    if (distinct.length <= MAX_DICTIONARY && distinct.length < n) {
      const position = new Map(distinct.map((value, i) => [value, i]));
      const index = Buffer.alloc(2 * n);
      const positions = values.map((value) => position.get(value) as number);
      positions.forEach((v, r) => index.writeUInt16LE(v, 2 * r));
      const placed = place(index);
      if (!GROUPED.has(name)) return { name, kind: 'dictionary', values: distinct, index: placed };
      return { name, kind: 'dictionary', values: distinct, index: placed, groups: groupRows(positions, distinct.length, place) };
    }
    const broken = values.find((value) => value.includes('\n'));
    if (broken !== undefined) throw new RangeError(`encodePack: ${name} value ${JSON.stringify(broken)} holds a line feed`);
    const data = Buffer.from(values.map((value) => `${value}\n`).join(''), 'utf8');
    const offsets = Buffer.alloc(4 * (n + 1));
    let offset = 0;
    values.forEach((value, r) => {
      offsets.writeUInt32LE(offset, 4 * r);
      offset += Buffer.byteLength(value, 'utf8') + 1;
    });
    offsets.writeUInt32LE(offset, 4 * n);
    return { name, kind: 'lines', data: place(data), offsets: place(offsets) };
  });

  const width = document.textFields.length;
  const numbers: NumberColumn[] = document.fields.map((name, c) => {
    const values = document.rows.map((row) => row[width + c] as number);
    const type = narrowest(values);
    const bytes = Buffer.alloc(NUMBER_TYPE_BYTES[type] * n);
    values.forEach((value, r) => write(bytes, type, r, value));
    return { name, type, block: place(bytes) };
  });

  const header = (shift: number): BinaryPackHeader => ({
    format: PACK_FORMAT,
    version: BINARY_PACK_VERSION,
    vintage: document.vintage,
    title: document.title,
    vintageLabel: document.vintageLabel,
    licence: document.licence,
    sources: document.sources,
    fills: document.fills,
    rows: n,
    text: text.map((column) =>
      column.kind === 'dictionary'
        ? {
            ...column,
            index: moved(column.index, shift),
            ...(column.groups === undefined
              ? {}
              : { groups: { ...column.groups, rows: moved(column.groups.rows, shift), starts: moved(column.groups.starts, shift) } }),
          }
        : { ...column, data: moved(column.data, shift), offsets: moved(column.offsets, shift) },
    ),
    numbers: numbers.map((column) => ({ ...column, block: moved(column.block, shift) })),
  });
  // The blocks start after the header, padded to 8; the header's length depends on the offsets it
  // holds, so settle it by trying until it stops changing.
  let start = 16;
  let json = Buffer.from(JSON.stringify(header(start)), 'utf8');
  for (;;) {
    const next = align(16 + json.length);
    if (next === start) break;
    start = next;
    json = Buffer.from(JSON.stringify(header(start)), 'utf8');
  }
  const prefix = Buffer.alloc(16);
  prefix.write(BINARY_PACK_MAGIC, 0, 'ascii');
  prefix.writeUInt8(BINARY_PACK_VERSION, 8);
  prefix.writeUInt32LE(json.length, 12);
  return Buffer.concat([prefix, json, Buffer.alloc(start - 16 - json.length), ...blocks]);
}

/** The columns whose rows are grouped by value. */
const GROUPED: ReadonlySet<string> = new Set(Object.values(GROUPED_COLUMNS));

/** A dictionary column's rows grouped by value (a counting sort: rows stay ascending within a value). */
function groupRows(positions: readonly number[], count: number, place: (bytes: Buffer) => PackBlock): RowGroups {
  const n = positions.length;
  const starts = new Uint32Array(count + 1);
  for (const v of positions) starts[v + 1] = (starts[v + 1] as number) + 1;
  for (let v = 0; v < count; v++) starts[v + 1] = (starts[v + 1] as number) + (starts[v] as number);
  const next = starts.slice(0, count);
  const type = n <= 0x1_0000 ? 'u16' : 'u32';
  const rows = Buffer.alloc(NUMBER_TYPE_BYTES[type] * n);
  positions.forEach((v, r) => {
    const at = next[v] as number;
    next[v] = at + 1;
    if (type === 'u16') rows.writeUInt16LE(r, 2 * at);
    else rows.writeUInt32LE(r, 4 * at);
  });
  const startBytes = Buffer.alloc(4 * (count + 1));
  starts.forEach((start, v) => startBytes.writeUInt32LE(start, 4 * v));
  return { type, rows: place(rows), starts: place(startBytes) };
}

function moved(block: PackBlock, shift: number): PackBlock {
  return { offset: block.offset + shift, length: block.length };
}

function align(offset: number): number {
  return offset + ((8 - (offset % 8)) % 8);
}

/** The narrowest type that holds every value exactly. */
function narrowest(values: readonly number[]): NumberType {
  if (!values.every(Number.isInteger)) return 'f64';
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min >= 0 && max <= 0xff) return 'u8';
  if (min >= 0 && max <= 0xffff) return 'u16';
  if (min >= 0 && max <= 0xffff_ffff) return 'u32';
  if (min >= -0x8000_0000 && max <= 0x7fff_ffff) return 'i32';
  return 'f64';
}

function write(bytes: Buffer, type: NumberType, r: number, value: number): void {
  switch (type) {
    case 'u8':
      bytes.writeUInt8(value, r);
      break;
    case 'u16':
      bytes.writeUInt16LE(value, 2 * r);
      break;
    case 'u32':
      bytes.writeUInt32LE(value, 4 * r);
      break;
    case 'i32':
      bytes.writeInt32LE(value, 4 * r);
      break;
    case 'f64':
      bytes.writeDoubleLE(value, 8 * r);
      break;
  }
}
