/**
 * Builds a data pack (format version 2) from the source files of one vintage, as its VintageSpec
 * describes (build/vintages/*.ts). Pure: it takes the files' text and returns the pack document, so the
 * build script (build/buildData.ts) only reads, hashes, checks, gzips and writes. Every rule applied here
 * is listed in data/README.md.
 */
import { gzipSync } from 'node:zlib';
import { PACK_FORMAT, PACK_VERSION, PACK_VERSION_2, type PackDocumentV1, type PackDocumentV2, type PackRow } from '../src/data/packFormat.js';
import { oneNamePerCode } from '../src/data/oneNamePerCode.js';
import { fail, ok, type Result } from '../src/engine/errors.js';
import { compareCodes, findColumn, thousands } from './columns.js';
import { cellLocation, cellText, readTable, type Row, type Table } from './readTable.js';
import { runTransform, type TransformContext, type TransformResult } from './transforms.js';
import type { ColumnRef, Header, NumberRule, Term, VintageSpec } from './vintageSpec.js';
import { encodePack } from './encodePack.js';

/**
 * One source file: its path relative to the shared data folder (for messages and provenance), hash and text.
 */
export interface SourceText {
  /** E.g. `iod2025/imd2025_england_lsoa21.csv`. */
  readonly file: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly text: string;
}

/** The source files, by the spec's source ids. */
export type PackInputs = Readonly<Record<string, SourceText>>;

/** The pack document, how many suppressed values were filled per column, and lines for the build log. */
export interface BuiltPack {
  readonly json: PackDocumentV2;
  readonly fills: Readonly<Record<string, number>>;
  readonly summary: readonly string[];
}

/**
 * The value put in place of a suppressed (blank) numerator. MHCLG round the IDACI and IDAOPI numerators
 * to the nearest 5 and blank them when below 10, so a blank is 0 or 5 as published; 5 is the midpoint of
 * "fewer than 10" on that grid.
 */
export const SUPPRESSED_FILL = 5;

/**
 * Builds one vintage's pack document from its source files' text; fails with a `data` error naming the
 * file, line and column (or the LSOA) of the first problem.
 * @example
 * const built = buildPack(V2025, inputs);
 * if (built.ok) writeFileSync(out, gzipSync(JSON.stringify(built.value.json), { level: 9 }));
 */
export function buildPack(spec: VintageSpec, inputs: PackInputs): Result<BuiltPack> {
  // Read every source; index the per-LSOA ones by code.
  const tables = new Map<string, Table>();
  const rowsByCode = new Map<string, Map<string, Row>>();
  const summary: string[] = [];
  for (const [id, source] of Object.entries(spec.sources)) {
    const input = inputs[id];
    if (input === undefined) throw new Error(`buildPack: no input for source "${id}" (${source.file})`);
    const table = readTable(input);
    if (!table.ok) return table;
    tables.set(id, table.value);
    if (source.rows.by !== 'lsoa') continue;
    const key = findColumn(table.value, source.rows.key);
    if (!key.ok) return key;
    const indexed = indexByCode(table.value, key.value, source.rows.cover === 'country' ? spec.country : undefined);
    if (!indexed.ok) return indexed;
    rowsByCode.set(id, indexed.value.rows);
    if (indexed.value.skipped > 0) {
      summary.push(`${input.file}: ${thousands(indexed.value.skipped)} rows outside ${spec.country} skipped`);
    }
  }

  const indexRows = rowsByCode.get(spec.index);
  if (indexRows === undefined) throw new Error(`buildPack: the index source "${spec.index}" is not a per-LSOA source`);
  const indexTable = tables.get(spec.index) as Table;
  const codes = [...indexRows.keys()].sort(compareCodes);
  for (const [id, source] of Object.entries(spec.sources)) {
    if (source.rows.by !== 'lsoa' || id === spec.index) continue;
    const covered = coverage(codes, indexTable, tables.get(id) as Table, rowsByCode.get(id) as Map<string, Row>, source.rows.cover);
    if (!covered.ok) return covered;
  }

  // Columns are found once per source and header.
  const columnCache = new Map<string, Result<number>>();
  const column = (source: string, header: Header): Result<number> => {
    const key = `${source}\u0000${JSON.stringify(header)}`;
    let found = columnCache.get(key);
    if (found === undefined) {
      const table = tables.get(source);
      if (table === undefined) throw new Error(`buildPack: unknown source "${source}"`);
      found = findColumn(table, header);
      columnCache.set(key, found);
    }
    return found;
  };
  const lsoaRow = (source: string, code: string): Row | undefined => rowsByCode.get(source)?.get(code);
  /** The cell of an LSOA in an `exact`/`country` source: present by the coverage check. */
  const cell = (ref: ColumnRef, code: string): Result<{ table: Table; row: Row; column: number }> => {
    const index = column(ref.source, ref.column);
    if (!index.ok) return index;
    const row = lsoaRow(ref.source, code);
    if (row === undefined) throw new Error(`buildPack: LSOA ${code} has no row in "${ref.source}"`);
    return ok({ table: tables.get(ref.source) as Table, row, column: index.value });
  };

  // Text columns, in order; a transform runs when a rule first asks for it, after the fields it reads.
  const text = new Map<string, string[]>();
  const transformResults = new Map<string, TransformResult>();
  const context: TransformContext = {
    codes,
    table: (source) => {
      const table = tables.get(source);
      if (table === undefined) throw new Error(`buildPack: unknown source "${source}"`);
      return table;
    },
    row: lsoaRow,
    column,
    text: (field) => {
      const values = text.get(field);
      if (values === undefined) throw new Error(`buildPack: a transform reads field "${field}" before it is built`);
      return values;
    },
  };
  const transform = (name: string): Result<TransformResult> => {
    const done = transformResults.get(name);
    if (done !== undefined) return ok(done);
    const transformSpec = spec.transforms[name];
    if (transformSpec === undefined) throw new Error(`buildPack: unknown transform "${name}"`);
    const result = runTransform(transformSpec, context);
    if (!result.ok) return result;
    transformResults.set(name, result.value);
    summary.push(...result.value.summary);
    return result;
  };
  const part = (name: string, partName: string): Result<readonly (string | number)[]> => {
    const result = transform(name);
    if (!result.ok) return result;
    const values = result.value.parts[partName];
    if (values === undefined) throw new Error(`buildPack: transform "${name}" has no part "${partName}"`);
    return ok(values);
  };

  for (const rule of spec.textFields) {
    const values: string[] = [];
    if (rule.kind === 'text') {
      for (const code of codes) {
        const at = cell(rule.from, code);
        if (!at.ok) return at;
        values.push(cellText(at.value.row, at.value.column));
      }
    } else {
      const parts = part(rule.transform, rule.part);
      if (!parts.ok) return parts;
      for (const value of parts.value) {
        if (typeof value !== 'string') throw new Error(`buildPack: part ${rule.part} of ${rule.transform} is not text`);
        values.push(value);
      }
    }
    text.set(rule.field, values);
  }

  for (const { code: codeField, name: nameField, noun } of spec.oneName) {
    const codeValues = context.text(codeField);
    const nameValues = context.text(nameField);
    const check = oneNamePerCode({ noun, file: indexTable.file });
    for (let i = 0; i < codes.length; i++) {
      const checked = check({ code: codeValues[i] ?? '', name: nameValues[i] ?? '', line: (indexRows.get(codes[i] ?? '') as Row).line });
      if (!checked.ok) return checked;
    }
  }

  for (const { from, field } of spec.agree) {
    const expected = context.text(field);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as string;
      const at = cell(from, code);
      if (!at.ok) return at;
      const actual = cellText(at.value.row, at.value.column);
      if (actual !== expected[i]) {
        return fail(
          'data',
          'inconsistent-source',
          `LSOA ${code}: "${actual}" here, but its ${field} is "${expected[i] ?? ''}" (${describeField(spec, field)})`,
          {
            hint: 'The source files must be of the same vintage; re-download them',
            location: cellLocation(at.value.table, at.value.row, at.value.column),
          },
        );
      }
    }
  }

  // Number columns, in order.
  const numbers = new Map<string, number[]>();
  const filled = new Map<string, boolean[]>();
  const fills: Record<string, number> = {};
  for (const rule of spec.fields) {
    const values = numberColumn(rule);
    if (!values.ok) return values;
    numbers.set(rule.field, values.value);
  }

  function numberColumn(rule: NumberRule): Result<number[]> {
    const values: number[] = [];
    switch (rule.kind) {
      case 'count':
      case 'rank':
      case 'numerator': {
        const flags: boolean[] = [];
        for (const code of codes) {
          const at = cell(rule.from, code);
          if (!at.ok) return at;
          const { table, row, column: c } = at.value;
          if (rule.kind === 'numerator' && cellText(row, c) === '') {
            values.push(SUPPRESSED_FILL);
            flags.push(true);
            continue;
          }
          const n = rule.kind === 'rank' ? readRank(table, row, c) : readCount(table, row, c);
          if (!n.ok) return n;
          values.push(n.value);
          flags.push(false);
        }
        if (rule.kind === 'numerator') {
          filled.set(rule.field, flags);
          fills[rule.field] = flags.filter(Boolean).length;
        }
        return ok(values);
      }
      case 'sum': {
        for (const code of codes) {
          let total = 0;
          for (const header of rule.columns) {
            const at = cell({ source: rule.source, column: header }, code);
            if (!at.ok) return at;
            const n = readCount(at.value.table, at.value.row, at.value.column);
            if (!n.ok) return n;
            total += n.value;
          }
          values.push(total);
        }
        return ok(values);
      }
      case 'suppressed': {
        const flags = filled.get(rule.of);
        if (flags === undefined) throw new Error(`buildPack: ${rule.field} needs the numerator ${rule.of} first`);
        return ok(flags.map((flag) => (flag ? 1 : 0)));
      }
      case 'ratio': {
        let aboveOne = 0;
        for (let i = 0; i < codes.length; i++) {
          const code = codes[i] as string;
          const numerator = termSum(rule.numerator, i, code);
          if (!numerator.ok) return numerator;
          const denominator = termSum(rule.denominator, i, code);
          if (!denominator.ok) return denominator;
          if (denominator.value === 0) {
            const first = rule.denominator.find((term): term is Term & ColumnRef => 'source' in term);
            const at = first === undefined ? undefined : cell(first, code);
            return fail('data', 'zero-denominator', `the denominator is 0, so the ${rule.field} of LSOA ${code} is undefined`, {
              location:
                at?.ok === true
                  ? cellLocation(at.value.table, at.value.row, at.value.column)
                  : { file: indexTable.file, line: (indexRows?.get(code) as Row).line },
            });
          }
          // One division of two whole numbers: equal fractions give the same double, so they tie exactly.
          const value = numerator.value / denominator.value;
          if (value > 1) aboveOne += 1;
          values.push(value);
        }
        if (aboveOne > 0) summary.push(`${rule.field}: ${thousands(aboveOne)} above 1 (numerator larger than its denominator), kept`);
        return ok(values);
      }
      case 'transform': {
        const parts = part(rule.transform, rule.part);
        if (!parts.ok) return parts;
        for (const value of parts.value) {
          if (typeof value !== 'number') throw new Error(`buildPack: part ${rule.part} of ${rule.transform} is not a number`);
          values.push(value);
        }
        return ok(values);
      }
    }
  }

  function termSum(terms: readonly Term[], i: number, code: string): Result<number> {
    let total = 0;
    for (const term of terms) {
      let value: number;
      if ('field' in term) {
        const column = numbers.get(term.field);
        if (column === undefined) throw new Error(`buildPack: a ratio reads field "${term.field}" before it is built`);
        value = column[i] as number;
      } else {
        const at = cell(term, code);
        if (!at.ok) return at;
        const n = readCount(at.value.table, at.value.row, at.value.column);
        if (!n.ok) return n;
        value = n.value;
      }
      total += (term.times ?? 1) * value;
    }
    if (!Number.isSafeInteger(total)) throw new Error(`buildPack: a ratio term of LSOA ${code} is not a whole number`);
    return ok(total);
  }

  const textFields = spec.textFields.map((rule) => rule.field);
  const fields = spec.fields.map((rule) => rule.field);
  if (textFields[0] !== 'lsoa_code') throw new Error('buildPack: the first text field must be lsoa_code');
  const textColumns = textFields.map((field) => text.get(field) as string[]);
  const numberColumns = fields.map((field) => numbers.get(field) as number[]);
  const rows: PackRow[] = codes.map((_, i) => [...textColumns.map((values) => values[i] as string), ...numberColumns.map((values) => values[i] as number)]);

  const json: PackDocumentV2 = {
    format: PACK_FORMAT,
    version: PACK_VERSION_2,
    vintage: spec.vintage,
    title: spec.title,
    vintageLabel: spec.vintageLabel,
    licence: spec.licence,
    sources: Object.keys(spec.sources).map((id) => {
      const input = inputs[id] as SourceText;
      return { file: input.file, sha256: input.sha256 };
    }),
    fills,
    textFields,
    fields,
    rows,
  };

  const distinct = textFields
    .filter((field) => field.endsWith('_code') && field !== 'lsoa_code')
    .map((field) => `${field} ${thousands(new Set(text.get(field)).size)}`);
  summary.unshift(`${thousands(rows.length)} LSOAs; distinct ${distinct.join(', ')}`);
  summary.push(
    `suppressed numerators filled with ${SUPPRESSED_FILL}: ` +
      Object.entries(fills)
        .map(([field, count]) => `${field} ${thousands(count)}`)
        .join(', '),
  );
  return ok({ json, fills, summary });
}

/**
 * The same pack as format version 1, which readers before version 2 need: only for the 2019 vintage,
 * whose columns are version 1's. `vintageLabel` becomes `vintage` and `fields` lists every column.
 * @example toPackV1(built.value.json).version // 1
 */
export function toPackV1(document: PackDocumentV2): PackDocumentV1 {
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    title: document.title,
    vintage: document.vintageLabel,
    licence: document.licence,
    sources: document.sources,
    fills: document.fills,
    fields: [...document.textFields, ...document.fields],
    rows: document.rows,
  };
}

/**
 * The bytes of the pack file: the document in the spec's format version. Version 3 (the shipped packs) is
 * the binary columnar pack (build/encodePack.ts); versions 1 and 2 are compact JSON, gzipped at level 9
 * (Node writes a zero gzip timestamp). The same document gives the same bytes.
 * @example writeFileSync('data/england-lsoa-2025.pack', packBytes(V2025, built.value.json))
 */
export function packBytes(spec: VintageSpec, document: PackDocumentV2): Buffer {
  if (spec.packVersion === 3) return encodePack(document);
  const written = spec.packVersion === 1 ? toPackV1(document) : document;
  return gzipSync(Buffer.from(JSON.stringify(written), 'utf8'), { level: 9 });
}

function describeField(spec: VintageSpec, field: string): string {
  const rule = spec.textFields.find((r) => r.field === field);
  if (rule?.kind === 'text') return `from ${spec.sources[rule.from.source]?.file ?? rule.from.source}`;
  return rule === undefined ? 'unknown' : `from the ${rule.transform} transform`;
}

// ---------------------------------------------------------------------------------------------------
// Rows by LSOA

function indexByCode(table: Table, column: number, country: string | undefined): Result<{ rows: Map<string, Row>; skipped: number }> {
  const rows = new Map<string, Row>();
  let skipped = 0;
  for (const row of table.rows) {
    const code = cellText(row, column);
    if (code === '') return fail('data', 'missing-code', 'the LSOA code is blank', { location: cellLocation(table, row, column) });
    if (country !== undefined && !code.startsWith(country)) {
      skipped += 1;
      continue;
    }
    const earlier = rows.get(code);
    if (earlier !== undefined) {
      return fail('data', 'duplicate-code', `LSOA ${code} appears twice (also on line ${earlier.line})`, {
        location: cellLocation(table, row, column),
      });
    }
    rows.set(code, row);
  }
  return ok({ rows, skipped });
}

/** Each per-LSOA source must hold every LSOA of the index (`exact`, `country`) or only LSOAs of it (all). */
function coverage(codes: readonly string[], reference: Table, table: Table, rows: ReadonlyMap<string, Row>, cover: 'exact' | 'country' | 'some'): Result<true> {
  const hint = `Every source must cover the ${thousands(codes.length)} LSOAs of ${reference.file}; check that the files are of the same vintage`;
  if (cover !== 'some') {
    for (const code of codes) {
      if (!rows.has(code)) {
        return fail('data', 'missing-lsoa', `LSOA ${code} is in ${reference.file} but missing from this file`, { hint, location: { file: table.file } });
      }
    }
  }
  if (cover === 'some' || rows.size !== codes.length) {
    const known = new Set(codes);
    const extra = [...rows.keys()].filter((code) => !known.has(code)).sort(compareCodes)[0];
    if (extra !== undefined) {
      return fail('data', 'unknown-lsoa', `LSOA ${extra} is in this file but not in ${reference.file}`, {
        hint,
        location: { file: table.file, line: rows.get(extra)?.line ?? 1 },
      });
    }
  }
  return ok(true);
}

// ---------------------------------------------------------------------------------------------------
// Numbers

/** A whole number, possibly written with thousands separators inside quotes ("1,296"). */
const COUNT = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;

function readCount(table: Table, row: Row, column: number): Result<number> {
  const text = cellText(row, column);
  if (!COUNT.test(text)) {
    return fail('data', 'bad-number', `expected a whole number, found "${text}"`, { location: cellLocation(table, row, column) });
  }
  return ok(Number(text.replaceAll(',', '')));
}

function readRank(table: Table, row: Row, column: number): Result<number> {
  const text = cellText(row, column);
  const rank = Number(text.replaceAll(',', ''));
  if (!COUNT.test(text) || rank < 1) {
    return fail('data', 'bad-number', `expected a national rank (a whole number from 1), found "${text}"`, {
      location: cellLocation(table, row, column),
    });
  }
  return ok(rank);
}
