/**
 * The named transforms of a VintageSpec: computations that read more than one row of one file (see
 * TransformSpec in build/vintageSpec.ts). Pure. Each gives every LSOA, in the builder's code order, a
 * value for each of its parts.
 */
import { fail, ok, type Result } from '../src/engine/errors.js';
import { compareCodes, thousands } from './columns.js';
import { cellLocation, cellText, type Row, type Table } from './readTable.js';
import type { Header, TransformSpec } from './vintageSpec.js';

/** What a transform may read: the sources, their columns and the text fields built before it. */
export interface TransformContext {
  /** The pack's LSOA codes, sorted. */
  readonly codes: readonly string[];
  readonly table: (source: string) => Table;
  /** An LSOA's row in a per-LSOA source, if it has one. */
  readonly row: (source: string, code: string) => Row | undefined;
  readonly column: (source: string, header: Header) => Result<number>;
  /** An earlier text field's values, one per code. */
  readonly text: (field: string) => readonly string[];
}

/** Each part's values, one per code; lines for the build log. */
export interface TransformResult {
  readonly parts: Readonly<Record<string, readonly (string | number)[]>>;
  readonly summary: readonly string[];
}

/**
 * Runs one named transform.
 * @example runTransform(V2025.transforms.ward, context) // ok({ parts: { code, name, derived }, summary })
 */
export function runTransform(spec: TransformSpec, context: TransformContext): Result<TransformResult> {
  switch (spec.kind) {
    case 'twoTierCounty':
      return twoTierCounty(spec, context);
    case 'formerDistrict':
      return formerDistrict(spec, context);
    case 'wardWithOverride':
      return wardWithOverride(spec, context);
  }
}

type Spec<K extends TransformSpec['kind']> = Extract<TransformSpec, { kind: K }>;

function columns<K extends string>(context: TransformContext, source: string, headers: Record<K, Header>): Result<Record<K, number>> {
  const found = {} as Record<K, number>;
  for (const key of Object.keys(headers) as K[]) {
    const index = context.column(source, headers[key]);
    if (!index.ok) return index;
    found[key] = index.value;
  }
  return ok(found);
}

// ---------------------------------------------------------------------------------------------------

/**
 * The two-tier county of each district; a district not in the lookup (unitary, metropolitan, London) is its
 * own.
 */
function twoTierCounty(spec: Spec<'twoTierCounty'>, context: TransformContext): Result<TransformResult> {
  const table = context.table(spec.source);
  const cols = columns(context, spec.source, { district: spec.district, code: spec.code, name: spec.name });
  if (!cols.ok) return cols;
  const districts = context.text(spec.districtField);
  const districtNames = context.text(spec.districtNameField);
  const known = new Set(districts);
  const counties = new Map<string, { readonly code: string; readonly name: string }>();
  // A ward split between county electoral divisions appears once per division: same county, so fine.
  for (const row of table.rows) {
    const district = cellText(row, cols.value.district);
    const code = cellText(row, cols.value.code);
    const name = cellText(row, cols.value.name);
    // ONS lookups mark "no county" with a blank or the E99999999 pseudo-code.
    if (code === '' || code === 'E99999999') continue;
    if (!known.has(district)) {
      return fail('data', 'unknown-district', `district ${district} is not in the pack's districts`, {
        hint: 'Use the county lookup of the same year as the districts',
        location: cellLocation(table, row, cols.value.district),
      });
    }
    const earlier = counties.get(district);
    if (earlier !== undefined && (earlier.code !== code || earlier.name !== name)) {
      return fail('data', 'inconsistent-source', `district ${district} is in county ${earlier.code} on an earlier line and ${code} here`, {
        location: cellLocation(table, row, cols.value.code),
      });
    }
    counties.set(district, { code, name });
  }
  const code = districts.map((district) => counties.get(district)?.code ?? district);
  const name = districts.map((district, i) => counties.get(district)?.name ?? (districtNames[i] as string));
  const twoTier = new Set([...counties.values()].map((county) => county.code)).size;
  return ok({ parts: { code, name }, summary: [`counties: ${thousands(twoTier)} two-tier; every other district is its own county`] });
}

// ---------------------------------------------------------------------------------------------------

interface District {
  readonly code: string;
  readonly name: string;
}

/** The district an LSOA was in before any reorganisation, from its 2011 LSOA name's district name. */
function formerDistrict(spec: Spec<'formerDistrict'>, context: TransformContext): Result<TransformResult> {
  const vintages = context.table(spec.vintages);
  const year = (yy: string): Result<{ code: number; name: number }> =>
    columns(context, spec.vintages, { code: `${spec.prefix}${yy}_code`, name: `${spec.prefix}${yy}_name` });
  const forward = year(spec.forward);
  if (!forward.ok) return forward;

  // Name → code in the latest year it appears; code → its name that year; code → today's districts.
  const byName = new Map<string, { code: string; year: string; line: number }>();
  const nameOf = new Map<string, string>();
  const forwardOf = new Map<string, Set<string>>();
  for (const yy of spec.years) {
    const cols = year(yy);
    if (!cols.ok) return cols;
    const seenThisYear = new Map<string, { code: string; line: number }>();
    for (const row of vintages.rows) {
      const code = cellText(row, cols.value.code);
      const name = cellText(row, cols.value.name);
      // English districts only (the table also holds Scotland and Wales).
      if (!code.startsWith('E')) continue;
      const earlier = seenThisYear.get(name);
      if (earlier !== undefined && earlier.code !== code) {
        return fail('data', 'inconsistent-source', `district name "${name}" has codes ${earlier.code} (line ${earlier.line}) and ${code} in 20${yy}`, {
          location: cellLocation(vintages, row, cols.value.name),
        });
      }
      seenThisYear.set(name, { code, line: row.line });
      byName.set(name, { code, year: yy, line: row.line });
      nameOf.set(code, name);
      const today = cellText(row, forward.value.code);
      forwardOf.set(code, (forwardOf.get(code) ?? new Set<string>()).add(today));
    }
  }

  const source = spec.from.source;
  const column = context.column(source, spec.from.column);
  if (!column.ok) return column;
  const table = context.table(source);
  const districts = context.text(spec.districtField);
  const code: string[] = [];
  const name: string[] = [];
  const straddling: string[] = [];
  const notForward: string[] = [];
  for (let i = 0; i < context.codes.length; i++) {
    const lsoa = context.codes[i] as string;
    const row = context.row(source, lsoa) as Row;
    const written = cellText(row, column.value);
    const candidates: District[] = [];
    for (const part of written.split(';').map((s) => s.trim())) {
      const found = byName.get(spec.aliases[part] ?? part);
      if (found === undefined) {
        return fail(
          'data',
          'unknown-district',
          `LSOA ${lsoa}: former district "${part}" is not a district name of 20${spec.years[0] ?? ''}–20${spec.years.at(-1) ?? ''} in ${vintages.file}`,
          {
            hint: 'Add the name as the vintages table writes it to the spec’s aliases (build/vintages)',
            location: cellLocation(table, row, column.value),
          },
        );
      }
      candidates.push({ code: found.code, name: nameOf.get(found.code) ?? part });
    }
    let chosen = candidates[0] as District;
    const today = districts[i] as string;
    if (candidates.length > 1) {
      // An LSOA straddling two former districts goes to the one that became its district today.
      const matching = candidates.filter((c) => forwardOf.get(c.code)?.has(today) === true);
      if (matching.length !== 1) {
        return fail(
          'data',
          'inconsistent-source',
          `LSOA ${lsoa} straddles ${written}, and ${matching.length === 0 ? 'neither' : 'both'} became its district ${today}`,
          {
            location: cellLocation(table, row, column.value),
          },
        );
      }
      chosen = matching[0] as District;
      straddling.push(`${lsoa} (${written}) → ${chosen.name} ${chosen.code}`);
    } else if (forwardOf.get(chosen.code)?.has(today) !== true) {
      notForward.push(`${lsoa} (${chosen.name} ${chosen.code}, now in ${today})`);
    }
    code.push(chosen.code);
    name.push(chosen.name);
  }
  const summary = [
    `former districts: ${thousands(new Set(code).size)}; ${straddling.length} LSOAs straddle two: ${straddling.join('; ') || 'none'}`,
    `former district not a predecessor of today's district: ${notForward.length} LSOAs ${notForward.sort(compareCodes).join('; ')}`,
  ];
  return ok({ parts: { code, name }, summary });
}

// ---------------------------------------------------------------------------------------------------

/** The best-fit ward of each LSOA, or in the override districts the derived one. */
function wardWithOverride(spec: Spec<'wardWithOverride'>, context: TransformContext): Result<TransformResult> {
  const main = columns(context, spec.ward.source, { code: spec.ward.code, name: spec.ward.name });
  if (!main.ok) return main;
  const other = columns(context, spec.override.source, { code: spec.override.code, name: spec.override.name });
  if (!other.ok) return other;
  const districts = context.text(spec.districtField);
  const overridden = new Set(spec.districts);
  const code: string[] = [];
  const name: string[] = [];
  const derived: number[] = [];
  const used = new Set<string>();
  for (let i = 0; i < context.codes.length; i++) {
    const lsoa = context.codes[i] as string;
    const derive = overridden.has(districts[i] as string);
    const source = derive ? spec.override.source : spec.ward.source;
    const cols = derive ? other.value : main.value;
    const row = context.row(source, lsoa);
    if (row === undefined) {
      return fail('data', 'lsoa-without-ward', `LSOA ${lsoa} of district ${districts[i] ?? ''} has no ward in this file`, {
        hint: 'Every LSOA of the districts whose wards are derived must be in the derived lookup',
        location: { file: context.table(source).file },
      });
    }
    const wardCode = cellText(row, cols.code);
    if (wardCode === '') {
      return fail('data', 'lsoa-without-ward', `LSOA ${lsoa} has a blank ward code`, { location: cellLocation(context.table(source), row, cols.code) });
    }
    if (derive) used.add(lsoa);
    code.push(wardCode);
    name.push(cellText(row, cols.name));
    derived.push(derive ? 1 : 0);
  }
  const unused = context.codes.filter((lsoa) => !used.has(lsoa) && context.row(spec.override.source, lsoa) !== undefined);
  const derivedWards = new Set(code.filter((_, i) => derived[i] === 1)).size;
  const summary = [
    `wards: ${thousands(new Set(code).size)}; ${thousands(used.size)} LSOAs of ${spec.districts.join(', ')} in ${derivedWards} derived wards` +
      (unused.length > 0 ? `; derived rows not used (LSOA in another district): ${unused.join(', ')}` : ''),
  ];
  return ok({ parts: { code, name, derived }, summary });
}
