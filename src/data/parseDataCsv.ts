/**
 * Reading a `--data` CSV ("bring your own data"): one row per small area with `code,name,district,population`
 * (optional `district_code` and population-by-age columns) and one column per domain of need, named by its
 * domain id; or fairshare's own LSOA table, read back. Pure: the CLI reads the file and passes its text in.
 */
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import { shown } from '../engine/shown.js';
import { oneNamePerCode } from './oneNamePerCode.js';
import { oversizedNumber, plainDecimal } from './plainDecimal.js';
import { cellLine } from './readCsvRecords.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { requireColumns } from './requireColumns.js';
import { compareText } from '../engine/compareText.js';
import { sentence } from '../engine/wording.js';

/**
 * A `--data` file read into engine types: the dataset, and its need columns (the domain ids) in header order.
 */
export interface DataCsv {
  readonly dataset: Dataset;
  readonly domainIds: readonly string[];
}

/** The columns every `--data` file must have (matched ignoring case and surrounding spaces). */
export const DATA_CSV_REQUIRED_COLUMNS: readonly string[] = ['code', 'name', 'district', 'population'];

/**
 * Optional columns: never domains. The population bands are read as numeric fields, checked like
 * `population`.
 */
export const DATA_CSV_OPTIONAL_COLUMNS: readonly string[] = ['district_code', 'population_0_15', 'population_16_59', 'population_60_plus'];

const COUNT_COLUMNS = new Set(['population', 'population_0_15', 'population_16_59', 'population_60_plus']);
const RESERVED = new Set([...DATA_CSV_REQUIRED_COLUMNS, ...DATA_CSV_OPTIONAL_COLUMNS]);

/**
 * A domain id must be safe to type in `--weight ID=2` and `--exclude ID`. Underscores are allowed as well as
 * hyphens because officers' column names (and the README's `need_a`) use them.
 */
const DOMAIN_ID = /^[a-z][a-z0-9_-]*$/;

const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

const HEADER_NEEDS = 'the header needs code, name, district and population, then one column per need domain named by its id';

/**
 * Parse and validate the text of a `--data` CSV. Headers are matched ignoring case and surrounding spaces;
 * a byte-order mark, blank lines, quoted thousands separators ("1,296") and spaces around values are
 * accepted. Every problem comes back as a `data` failure naming the file, the physical line and column.
 * Units are sorted by code and each field holds one value per unit in that order.
 *
 * @example parseDataCsv('code,name,district,population,need_a\nF01,One,North,100,10\n', 'mine.csv')
 * // => ok({ dataset: { kind: 'csv', file: 'mine.csv', units: [F01], fields: population, need_a }, domainIds: ['need_a'] })
 */
export function parseDataCsv(text: string, file: string): Result<DataCsv> {
  const table = readCsvTable(text, file, {
    csv: { commaExample: '"1,296"' },
    empty: { message: 'the file is empty', hint: sentence(`${HEADER_NEEDS}, and one row per area`) },
    columns: checkHeader,
    noRows: { message: 'the file has a header row but no rows of data', hint: 'Add one row per area under the header' },
  });
  if (!table.ok) return table;
  const { records: rows, at: cellAt } = table.value;
  const { names } = table.value.header;
  const { keys, ignored, domainIds } = table.value.columns;

  const codeIndex = keys.indexOf('code');
  const districtCodeIndex = keys.indexOf('district_code');
  const codes: string[] = [];
  const units: Unit[] = [];
  const values = new Map<string, number[]>();
  for (const key of keys) if (!ignored.has(key) && (COUNT_COLUMNS.has(key) || !RESERVED.has(key))) values.set(key, []);
  const lineOfCode = new Map<string, number>();
  const districtNameIndex = keys.indexOf('district');
  const checkDistrictName = oneNamePerCode({ noun: 'district', file });

  for (const row of rows) {
    const cell = (index: number): string => (row.cells[index] ?? '').trim();
    const at = (index: number): Location => cellAt(row, index);
    // Check cells in reading order so that the first problem reported is the first in the file.
    for (const [index, key] of keys.entries()) {
      const text = cell(index);
      if (ignored.has(key)) continue;
      if (key === 'code') {
        if (text === '') {
          return fail('data', 'blank-code', 'the area code is blank', {
            hint: "Give every row its area's code (e.g. the LSOA code), or delete the row",
            location: at(index),
          });
        }
        const first = lineOfCode.get(text);
        if (first !== undefined) {
          return fail('data', 'duplicate-code', `code "${shown(text)}" appears twice, on lines ${first} and ${cellLine(row, index)}`, {
            hint: 'Each area must have exactly one row; remove or merge the duplicate',
            location: at(index),
          });
        }
        lineOfCode.set(text, cellLine(row, index));
      } else if (COUNT_COLUMNS.has(key)) {
        const value = readNumber(text);
        const hint = 'Write the number of residents, like 1296 or "1,296"';
        if (value === 'blank') return fail('data', 'bad-population', `${key} is blank`, { hint, location: at(index) });
        if (typeof value === 'object') {
          return fail('data', 'number-too-long', `${key} "${shown(text)}" is too long to read: ${value.oversized}`, { hint, location: at(index) });
        }
        if (value === 'not-a-number') {
          return fail('data', 'bad-population', `${key} "${shown(text)}" is not a number`, { hint, location: at(index) });
        }
        if (value === 'not-finite') {
          return fail('data', 'bad-population', `${key} "${shown(text)}" is not a finite number`, { hint, location: at(index) });
        }
        if (value < 0) {
          return fail('data', 'negative-population', `${key} ${shown(text)} is negative`, {
            hint: 'Populations must be 0 or more',
            location: at(index),
          });
        }
        values.get(key)?.push(value);
      } else if (!RESERVED.has(key)) {
        const value = readNumber(text);
        if (value === 'blank') {
          return fail('data', 'blank-need', 'need value is blank', {
            hint: `Fill in a number for every area (higher means more need), or remove the "${shown(names[index] ?? key)}" column`,
            location: at(index),
          });
        }
        if (typeof value === 'object') {
          return fail('data', 'number-too-long', `need value "${shown(text)}" is too long to read: ${value.oversized}`, {
            hint: 'Write a plain number like 12.5 or "1,296"; higher means more need',
            location: at(index),
          });
        }
        if (value === 'not-a-number' || value === 'not-finite') {
          const what = value === 'not-a-number' ? 'a number' : 'a finite number';
          return fail('data', 'bad-need', `need value "${shown(text)}" is not ${what}`, {
            hint: 'Write a plain number like 12.5 or "1,296"; higher means more need',
            location: at(index),
          });
        }
        values.get(key)?.push(value);
      }
    }
    if (districtCodeIndex >= 0) {
      const named = checkDistrictName({ code: cell(districtCodeIndex), name: cell(districtNameIndex), line: cellLine(row, districtNameIndex) });
      if (!named.ok) return named;
    }
    const code = cell(codeIndex);
    codes.push(code);
    units.push({
      code,
      name: cell(keys.indexOf('name')),
      districtCode: districtCodeIndex >= 0 ? cell(districtCodeIndex) : '',
      districtName: cell(districtNameIndex),
      countyCode: '',
      countyName: '',
    });
  }

  const population = values.get('population') ?? [];
  if (population.reduce((sum, p) => sum + p, 0) <= 0) {
    // No column number without a line: formatError would print `file:4`, which reads as line 4.
    const name = names[keys.indexOf('population')] ?? 'population';
    return fail('data', 'zero-population', 'the populations add up to 0, so there is no one to share the budget between', {
      hint: 'Fill in the population column with the number of residents in each area',
      location: { file, columnName: name },
    });
  }

  // Codes are unique (checked above), so this order is total; code-point order keeps it locale-independent.
  const order = codes.map((_, i) => i).sort((a, b) => compareText(codes[a] ?? '', codes[b] ?? ''));
  const fields = new Map<string, Float64Array>();
  for (const [key, column] of values) fields.set(key, Float64Array.from(order, (i) => column[i] ?? Number.NaN));
  const dataset: Dataset = { kind: 'csv', file, units: order.map((i) => units[i] as Unit), fields };
  return ok({ dataset, domainIds });
}

/**
 * The first columns of fairshare's own LSOA table (`allocate --level lsoa`), and what they are in a --data
 * file.
 */
const OWN_LSOA_COLUMNS: readonly (readonly [string, string])[] = [
  ['lsoa_code', 'code'],
  ['lsoa_name', 'name'],
  ['district_code', 'district_code'],
  ['district_name', 'district'],
  ['population', 'population'],
];
/** Its last columns, results of a run rather than data: left out when the table is read back. */
const OWN_LSOA_RESULTS: readonly string[] = ['figure', 'allocation', 'per_person'];

/**
 * Header keys as a --data file's: fairshare's own LSOA table (an officer edits a column in Excel and
 * runs again) has its first columns renamed (`lsoa_code` is `code`, `district_name` is `district`) and
 * its result columns (`figure`, `allocation`, `per_person`) ignored; its need-rank columns are the
 * domains (a need rank grows with need). Any other header is as it is.
 */
function ownLsoaTable(keys: readonly string[]): { keys: string[]; ignored: ReadonlySet<string> } {
  const own = OWN_LSOA_COLUMNS.every(([key], i) => keys[i] === key) && OWN_LSOA_RESULTS.every((key, i) => keys[keys.length - OWN_LSOA_RESULTS.length + i] === key);
  if (!own) return { keys: [...keys], ignored: new Set() };
  const renamed = new Map(OWN_LSOA_COLUMNS);
  return { keys: keys.map((key) => renamed.get(key) ?? key), ignored: new Set(OWN_LSOA_RESULTS) };
}

/**
 * Check the header; on success, its keys (after {@link ownLsoaTable}'s renames), the columns to ignore and
 * the domain ids in header order.
 */
function checkHeader(header: CsvHeader): Result<{ keys: string[]; ignored: ReadonlySet<string>; domainIds: string[] }> {
  const { names, file, line } = header;
  const { keys, ignored } = ownLsoaTable(header.keys);
  const at = (index: number): Location => ({ file, line, column: index + 1, columnName: shown(names[index] ?? '') });

  const blank = keys.indexOf('');
  if (blank >= 0) {
    return fail('data', 'blank-column-name', `column ${blank + 1} has no name`, {
      hint: 'Give every column a name in the header row, or delete the empty column',
      location: { file, line, column: blank + 1 },
    });
  }

  const firstIndex = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const first = firstIndex.get(key);
    if (first !== undefined) {
      return fail('data', 'duplicate-column', `column "${shown(names[index] ?? '')}" appears twice in the header, as columns ${first + 1} and ${index + 1}`, {
        hint: 'Rename or remove one of them',
        location: at(index),
      });
    }
    firstIndex.set(key, index);
  }

  const required = requireColumns(ignored.size ? keys : names, DATA_CSV_REQUIRED_COLUMNS, HEADER_NEEDS, { file, line }, { optional: DATA_CSV_OPTIONAL_COLUMNS });
  if (!required.ok) return required;

  const domainIds: string[] = [];
  for (const [index, key] of keys.entries()) {
    if (RESERVED.has(key) || ignored.has(key)) continue;
    if (!DOMAIN_ID.test(key)) {
      const suggestion = suggestId(key);
      return fail('data', 'bad-domain-id', `column name "${shown(names[index] ?? '')}" is not a usable domain id`, {
        hint: `Use lowercase letters, digits, hyphens and underscores, starting with a letter${suggestion ? `, e.g. "${shown(suggestion)}"` : ''}`,
        location: at(index),
      });
    }
    domainIds.push(key);
  }
  if (domainIds.length === 0) {
    return fail('data', 'no-need-columns', 'the file has no need columns', {
      hint: 'Add one column per domain of need after population, named by its id (e.g. deprivation); higher values mean more need',
      location: { file, line },
    });
  }
  return ok({ keys, ignored, domainIds });
}

/** The lowercased, hyphenated form of a column name, or '' if nothing usable is left. */
function suggestId(key: string): string {
  return key
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/[-_]+$/, '');
}

/** A cell's number, or why it is not one. Thousands separators and surrounding spaces are allowed. */
function readNumber(text: string): number | 'blank' | 'not-a-number' | 'not-finite' | { oversized: string } {
  if (text === '') return 'blank';
  const oversized = oversizedNumber(text);
  if (oversized !== undefined) return { oversized };
  if (NOT_FINITE.test(text)) return 'not-finite';
  const plain = plainDecimal(text);
  if (plain === undefined) return 'not-a-number';
  const value = Number(plain);
  if (!Number.isFinite(value)) return 'not-finite';
  return value + 0; // turns -0 into 0
}

