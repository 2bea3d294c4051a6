/**
 * Checks a built pack against its vintage's known answers (counts from the source README): LSOAs,
 * districts, fills and named areas. Pure: returns the lines to print and the first failure.
 */
import type { PackDocumentV2 } from '../src/data/packFormat.js';
import { fail, ok, type Result } from '../src/engine/errors.js';
import { compareCodes, thousands } from './columns.js';
import type { KnownAnswers } from './vintageSpec.js';

/** The lines printed for the check, and the LSOA codes of each named area. */
export interface CheckedPack {
  readonly lines: readonly string[];
  readonly areas: ReadonlyMap<string, readonly string[]>;
}

/**
 * Compares the pack with the known answers; fails naming the first count that differs.
 * @example checkPack(built.value.json, V2025.known) // ok({ lines: ['England: 33,755 LSOAs …'], areas })
 */
export function checkPack(document: PackDocumentV2, known: KnownAnswers): Result<CheckedPack> {
  const columns = [...document.textFields, ...document.fields];
  const at = (field: string): number => {
    const index = columns.indexOf(field);
    if (index < 0) throw new Error(`checkPack: the pack has no ${field} column`);
    return index;
  };
  const lines: string[] = [];
  const problems: string[] = [];
  const expect = (what: string, actual: string, expected: string): void => {
    if (actual !== expected) problems.push(`${what}: expected ${expected}, found ${actual}`);
  };

  const districts = new Set(document.rows.map((row) => row[at('district_code')])).size;
  lines.push(`${thousands(document.rows.length)} LSOAs, ${thousands(districts)} districts`);
  expect('LSOAs', thousands(document.rows.length), thousands(known.lsoas));
  expect('districts', thousands(districts), thousands(known.districts));
  lines.push(
    `fills: ${Object.entries(document.fills)
      .map(([field, n]) => `${field} ${thousands(n)}`)
      .join(', ')}`,
  );
  expect('fills', JSON.stringify(document.fills), JSON.stringify(known.fills));

  const areas = new Map<string, readonly string[]>();
  const code = at('lsoa_code');
  for (const area of known.areas) {
    const rows = document.rows.filter((row) => area.codes.includes(String(row[at(area.field)])));
    areas.set(
      area.name,
      rows.map((row) => String(row[code])),
    );
    const people = rows.reduce((sum, row) => sum + Number(row[at('population')]), 0);
    let line = `${area.name} (${area.codes.join(', ')}): ${thousands(rows.length)} LSOAs, ${thousands(people)} people`;
    expect(`${area.name} LSOAs`, thousands(rows.length), thousands(area.lsoas));
    if (area.population !== undefined) expect(`${area.name} people`, thousands(people), thousands(area.population));
    if (area.distinct !== undefined) {
      const values = [...new Set(rows.map((row) => String(row[at(area.distinct?.field ?? '')])))].sort(compareCodes);
      line += `, ${values.length} ${area.distinct.field} values (${values.join(', ')})`;
      expect(`${area.name} ${area.distinct.field}`, values.join(', '), [...area.distinct.values].sort(compareCodes).join(', '));
    }
    lines.push(line);
  }
  if (problems.length > 0) {
    return fail('data', 'check-failed', `the ${document.vintage} pack fails its known answers: ${problems.join('; ')}`, {
      hint: 'The known answers come from ../shared/data/README.md; check the source files and build/vintages',
    });
  }
  return ok({ lines, areas });
}
