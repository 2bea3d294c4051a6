/**
 * Reading a previous allocation (`allocate --previous FILE`): a district CSV with `district_code` (or a
 * former-district CSV with `former_district_code`) and `allocation` columns, such as last year's
 * `allocate` output. Pure: the CLI reads the file and passes its text in.
 */
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import { shown } from '../engine/shown.js';
import { oversizedNumber, plainDecimal } from './plainDecimal.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { repeatedColumn, requireColumns } from './requireColumns.js';
import { firstFew, sentence } from '../engine/wording.js';

/** The columns a previous allocation must have (matched ignoring case and surrounding spaces). */
export const PREVIOUS_REQUIRED_COLUMNS: readonly string[] = ['district_code', 'allocation'];

/**
 * The columns that may key a previous allocation's rows, exactly one of them: `district_code` (a district
 * table, such as last year's 2019 one) or `former_district_code` (a former-district table).
 */
export const PREVIOUS_CODE_COLUMNS: readonly string[] = ['district_code', 'former_district_code'];

/** What the rows of the run being damped are: its districts, or its former districts. */
export type PreviousLevel = 'district' | 'former-district';

export interface ParsePreviousOptions {
  /**
   * The level of the run, for the wording of the messages (`former district E07000150 appears twice`)
   * and the hint for codes not in the run; default `district`, whose messages name districts.
   */
  readonly level?: PreviousLevel;
  /**
   * The codes of another level of the same run that a previous file may have been keyed by instead, with
   * the hint to give when every code not in the run is one of them: a 2025 district run damped against
   * last year's 2019 districts, which are this run's former districts.
   */
  readonly otherLevel?: { readonly codes: ReadonlySet<string>; readonly hint: string };
}


const HEADER_NEEDS = 'the header needs district_code or former_district_code, and allocation, as fairshare allocate writes them';
const AMOUNT_HINT = 'Write the allocation in pounds with at most 2 decimals, like 1426649.49 or £1,426,649.49';

/**
 * Parse and check the text of a previous allocation against the districts of this run (`districts`:
 * code → name; the former districts at `level: 'former-district'`). Rows are keyed by `district_code` or
 * `former_district_code`, exactly one of them, so on 2025 a former-district run can be damped against
 * last year's 2019 district table (the former districts keep their 2019 codes). Headers are matched
 * ignoring case; other columns are ignored, so `allocate`'s own district or former-district CSV (damped
 * or not) is accepted. An allocation may have a £ sign and thousands separators and must be a
 * whole number of pennies, £0 or more. Every district must appear exactly once, and no other district may.
 * Problems come back as `data` failures naming the file, the line (from 1) and the column.
 *
 * @returns the previous allocation of each district, in pennies
 * @example
 * parsePrevious('district_code,allocation\nE07000150,"£1,426,649.49"\n', 'prev.csv', new Map([['E07000150', 'Corby']]))
 * // => ok(Map { 'E07000150' => 142664949n })
 * @example
 * // Last year's 2019 district table, damping this year's 2025 former districts:
 * parsePrevious(last2019Csv, 'prev.csv', formerDistricts, { level: 'former-district' }) // => ok(Map { 'E07000150' => …, … })
 */
export function parsePrevious(text: string, file: string, districts: ReadonlyMap<string, string>, options: ParsePreviousOptions = {}): Result<Map<string, bigint>> {
  const level = options.level ?? 'district';
  const noun = level === 'former-district' ? 'former district' : 'district';
  const table = readCsvTable(text, file, {
    csv: { commaExample: '"£1,426,649.49"' },
    empty: { message: 'the previous allocation is empty', hint: `${sentence(HEADER_NEEDS)}, then one row per ${noun}` },
    columns: findColumns,
    noRows: { message: `the previous allocation has a header row but no ${noun}s`, hint: `Add one row per ${noun} under the header` },
  });
  if (!table.ok) return table;
  const { records, at, column } = table.value;
  const { code: codeIndex, allocation: amountIndex } = table.value.columns;

  const amounts = new Map<string, bigint>();
  const lines = new Map<string, number>();
  const unknown: { code: string; line: number }[] = [];
  for (const record of records) {
    const code = (record.cells[codeIndex] ?? '').trim();
    if (code === '') {
      return fail('data', 'blank-code', `the ${noun} code is blank`, {
        hint: `Give every row its ${noun} code, like E07000150, or delete the row`,
        location: at(record, codeIndex),
      });
    }
    const amount = readAmount((record.cells[amountIndex] ?? '').trim(), code, noun, at(record, amountIndex));
    if (!amount.ok) return amount;
    const first = lines.get(code);
    if (first !== undefined) {
      return fail('data', 'duplicate-district', `${noun} ${shown(code)} appears twice, on lines ${first} and ${record.line}`, {
        hint: `Keep one row per ${noun}`,
        location: at(record, codeIndex),
      });
    }
    lines.set(code, record.line);
    if (!districts.has(code)) unknown.push({ code, line: record.line });
    amounts.set(code, amount.value);
  }

  const firstUnknown = unknown[0];
  if (firstUnknown !== undefined) {
    const message =
      unknown.length === 1
        ? `${noun} ${shown(firstUnknown.code)} on line ${firstUnknown.line} is not in this run`
        : `${unknown.length} ${noun}s are not in this run: ${firstFew(unknown.map((u) => `${shown(u.code)} (line ${u.line})`))}`;
    const other = options.otherLevel;
    return fail('data', 'unknown-district', message, {
      hint: other !== undefined && unknown.every((u) => other.codes.has(u.code))
        ? other.hint
        : level === 'former-district'
          ? "Use the former district codes of this run (the 2019 district codes, as in last year's --vintage 2019 district table, with the same --area and --data), or delete those rows"
          : 'Use the district codes of this run (the same --area and --data as the previous allocation), or delete those rows',
      location: column(codeIndex, firstUnknown.line),
    });
  }
  const missing = [...districts].filter(([code]) => !amounts.has(code));
  if (missing.length > 0) {
    return fail('data', 'missing-districts', `the previous allocation has no row for ${missing.length === 1 ? noun : `${missing.length} ${noun}s`} ${firstFew(missing.map(([code, name]) => shown(name ? `${code} ${name}` : code)))}`, {
      hint: `Add a row for every ${noun} of this run, with 0 for a ${noun} that had nothing`,
      location: { file },
    });
  }
  return ok(amounts);
}

function findColumns(header: CsvHeader): Result<{ code: number; allocation: number }> {
  const { names, keys, file, line } = header;
  const repeated = repeatedColumn(names, [...PREVIOUS_CODE_COLUMNS, 'allocation'], header);
  if (!repeated.ok) return repeated;
  const [district, former] = PREVIOUS_CODE_COLUMNS.map((column) => keys.indexOf(column)) as [number, number];
  if (district >= 0 && former >= 0) {
    const [one, other] = district < former ? [district, former] : [former, district];
    return fail(
      'data',
      'two-code-columns',
      `the header has both "${shown(names[one] ?? '')}" (column ${one + 1}) and "${shown(names[other] ?? '')}" (column ${other + 1}), so it is not clear which codes the rows are`,
      {
        hint: 'Keep one: district_code for a district table (such as last year\'s --vintage 2019 one), former_district_code for a former-district table',
        location: { file, line, column: other + 1, columnName: shown(names[other] ?? '') },
      },
    );
  }
  // Neither code column: the missing-columns message asks for district_code, the usual one, and the hint
  // names both.
  const required = requireColumns(names, former >= 0 ? ['former_district_code', 'allocation'] : PREVIOUS_REQUIRED_COLUMNS, HEADER_NEEDS, header, { optional: PREVIOUS_CODE_COLUMNS });
  if (!required.ok) return required;
  return ok({ code: former >= 0 ? former : district, allocation: keys.indexOf('allocation') });
}

/** An amount in pounds (optionally £ and thousands separators) as whole pennies. */
function readAmount(raw: string, rawCode: string, noun: string, location: Location): Result<bigint> {
  const code = `${noun} ${shown(rawCode)}`;
  const text = shown(raw);
  if (raw === '') return fail('data', 'bad-previous-amount', `the allocation of ${code} is blank`, { hint: `${AMOUNT_HINT}, or 0`, location });
  const unsigned = raw.replace(/^([+-]?)\s*£\s*/, '$1');
  const oversized = oversizedNumber(unsigned);
  if (oversized !== undefined) {
    return fail('data', 'number-too-long', `allocation "${text}" of ${code} is too long to read: ${oversized}`, { hint: AMOUNT_HINT, location });
  }
  const plain = plainDecimal(unsigned);
  if (plain === undefined) {
    return fail('data', 'bad-previous-amount', `allocation "${text}" of ${code} is not an amount of money`, { hint: AMOUNT_HINT, location });
  }
  const pounds = new Exact(plain);
  if (pounds.isNegative() && !pounds.isZero()) {
    return fail('data', 'negative-previous-amount', `allocation ${text} of ${code} is negative`, { hint: 'An allocation is £0 or more', location });
  }
  const pennies = pounds.times(100);
  if (!pennies.isInteger()) {
    return fail('data', 'bad-previous-amount', `allocation ${text} of ${code} has fractions of a penny`, { hint: AMOUNT_HINT, location });
  }
  return ok(BigInt(pennies.abs().toFixed(0)));
}
