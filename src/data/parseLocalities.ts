/**
 * Reading a localities file (`--localities FILE`): a council's own grouping of small areas into
 * localities (Local Area Partnerships, primary care networks, hub areas), which are not wards or
 * districts. Columns `lsoa_code,locality` or `ward_code,locality`, and an optional `share` for a code
 * split between localities. Pure: the CLI reads the file and passes its text in.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import { shown } from '../engine/shown.js';
import { firstFew } from '../engine/wording.js';
import { badSums, checkShare } from './parseLookup.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { repeatedColumn } from './requireColumns.js';

/** How far a code's shares may be from 1 before the file is refused; within it, they are scaled to 1. */
export const LOCALITY_SHARE_TOLERANCE = '0.001';

/** One row of a localities file. */
export interface LocalityRow {
  /** An LSOA code or a ward code, as the file's code column says. */
  readonly code: string;
  readonly locality: string;
  /** The code's share in the locality, as written (`1` when the file has no share column). */
  readonly share: string;
  /** The line of the file the row starts on (from 1). */
  readonly line: number;
}

/** A localities file, read and checked on its own (its codes are checked against the data later). */
export interface Localities {
  readonly file: string;
  /** What the codes are: LSOAs or wards. */
  readonly by: 'lsoa' | 'ward';
  readonly rows: readonly LocalityRow[];
  /** Where a row's code and locality cells are, for messages about the data. */
  readonly codeColumn: { readonly name: string; readonly number: number };
}

const HEADER_NEEDS = 'the header needs lsoa_code (or ward_code) and locality, and may have share';

/**
 * Parse and check the text of a localities file: exactly one of `lsoa_code` and `ward_code`, and
 * `locality`, matched ignoring case; `share` is optional. Every row needs a code and a locality; a code
 * and locality pair may appear once; a code in several localities needs a share in each, and its shares
 * must add up to 1 within {@link LOCALITY_SHARE_TOLERANCE} (they are then taken relative to their sum, so
 * exactly). Problems come back as `data` failures naming the file, the line and the column.
 *
 * @example parseLocalities('ward_code,locality\nE05015979,Brackley\n', 'localities.csv') // => ok({ by: 'ward', rows: [{ code: 'E05015979', locality: 'Brackley', share: '1', line: 2 }], … })
 */
export function parseLocalities(text: string, file: string): Result<Localities> {
  const table = readCsvTable(text, file, {
    csv: { commaExample: '"Brackley, Towcester and villages"' },
    empty: { message: 'the file is empty', hint: `${HEADER_NEEDS.charAt(0).toUpperCase()}${HEADER_NEEDS.slice(1)}, then one row per code` },
    columns: findColumns,
    noRows: { message: 'the file has a header row but no rows of data', hint: 'Add one row per LSOA (or ward) and its locality under the header' },
  });
  if (!table.ok) return table;
  const { records, at, column } = table.value;
  const { code, locality, share, by } = table.value.columns;
  const noun = by === 'lsoa' ? 'LSOA' : 'ward';

  const rows: LocalityRow[] = [];
  const pairs = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const record of records) {
    const cell = (index: number): string => (record.cells[index] ?? '').trim();
    const codeText = cell(code);
    const name = cell(locality);
    if (codeText === '') {
      return fail('data', 'blank-code', `the ${noun} code is blank`, { hint: `Give every row its ${noun} code, or delete the row`, location: at(record, code) });
    }
    if (name === '') {
      return fail('data', 'blank-name', `the locality of ${noun} ${shown(codeText)} is blank`, {
        hint: 'Give every row the name of its locality, or delete the row',
        location: at(record, locality),
      });
    }
    const shareText = share === undefined ? '1' : cell(share);
    if (share !== undefined) {
      const checked = checkShare(shareText, codeText, at(record, share), noun);
      if (!checked.ok) return checked;
    }
    const pair = `${codeText}\u0000${name}`;
    const first = pairs.get(pair);
    if (first !== undefined) {
      return fail('data', 'duplicate-row', `${noun} ${shown(codeText)} and locality ${shown(name)} appear together twice, on lines ${first} and ${record.line}`, {
        hint: 'Keep one row for the pair, with the two shares added together',
        location: at(record, code),
      });
    }
    pairs.set(pair, record.line);
    const before = codes.get(codeText);
    if (before !== undefined && share === undefined) {
      return fail('data', 'duplicate-code', `${noun} ${shown(codeText)} is in two localities, on lines ${before} and ${record.line}`, {
        hint: `Put each ${noun} in one locality, or add a share column saying how much of it each locality has`,
        location: at(record, code),
      });
    }
    if (before === undefined) codes.set(codeText, record.line);
    rows.push({ code: codeText, locality: name, share: shareText, line: record.line });
  }

  const sums = badSums(
    rows.map((r) => ({ lsoaCode: r.code, share: r.share, line: r.line })),
    LOCALITY_SHARE_TOLERANCE,
  );
  if (sums.length > 0 && share !== undefined) {
    const firstBad = sums[0] as (typeof sums)[number];
    const message =
      sums.length === 1
        ? `the shares of ${noun} ${shown(firstBad.lsoaCode)} add up to ${shown(firstBad.sum)}, not 1`
        : `the shares of ${sums.length} ${noun}s do not add up to 1: ${firstFew(sums.map((s) => `${shown(s.lsoaCode)} (${shown(s.sum)})`))}`;
    return fail('data', 'shares-not-one', message, {
      hint: `Each ${noun}'s shares must add up to 1 (within ${new Exact(LOCALITY_SHARE_TOLERANCE).toFixed()}, then they are scaled to add up exactly); correct the shares or add the ${noun}'s missing rows`,
      location: column(share, firstBad.line),
    });
  }
  return ok({ file, by, rows, codeColumn: { name: by === 'lsoa' ? 'lsoa_code' : 'ward_code', number: code + 1 } });
}

interface LocalityColumns {
  readonly code: number;
  readonly locality: number;
  readonly share: number | undefined;
  readonly by: 'lsoa' | 'ward';
}

function findColumns(header: CsvHeader): Result<LocalityColumns> {
  const { keys } = header;
  const repeated = repeatedColumn(header.names, ['lsoa_code', 'ward_code', 'locality', 'share'], header);
  if (!repeated.ok) return repeated;
  const lsoa = keys.indexOf('lsoa_code');
  const ward = keys.indexOf('ward_code');
  const locality = keys.indexOf('locality');
  const location = { file: header.file, line: header.line };
  if (lsoa >= 0 && ward >= 0) {
    return fail('data', 'two-code-columns', 'the header has both lsoa_code and ward_code', {
      hint: 'Group either LSOAs or wards into localities: keep one of the two columns',
      location: { ...location, column: Math.max(lsoa, ward) + 1 },
    });
  }
  if ((lsoa < 0 && ward < 0) || locality < 0) {
    const missing = [...(lsoa < 0 && ward < 0 ? ['lsoa_code (or ward_code)'] : []), ...(locality < 0 ? ['locality'] : [])];
    return fail('data', 'missing-columns', `the header has no ${missing.join(' and no ')} column`, {
      hint: `${HEADER_NEEDS.charAt(0).toUpperCase()}${HEADER_NEEDS.slice(1)}; it has ${header.names.map((n) => shown(n)).join(', ')}`,
      location,
    });
  }
  const share = keys.indexOf('share');
  return ok({ code: lsoa >= 0 ? lsoa : ward, locality, share: share >= 0 ? share : undefined, by: lsoa >= 0 ? 'lsoa' : 'ward' });
}
