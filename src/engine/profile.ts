import { shareFractions } from './apportion.js';
import { coveredShares } from './coveredShares.js';
import type { Dataset } from './dataset.js';
import { ok, type Result } from './errors.js';
import type { Domain } from './formula.js';
import type { Lookup } from './lookup.js';
import type { Ranked } from './rankDomains.js';
import { unitGroup, type GroupLevel } from './tabulate.js';
import { compareText } from './compareText.js';

/** One unit's (part-)membership of an area: a district holds its LSOAs whole; a lookup may split them. */
export interface Membership {
  readonly unit: number;
  readonly areaCode: string;
  readonly areaName: string;
  /** The fraction of the unit's people in the area (1 for a district). */
  readonly fraction: number;
}

/** One area's need profile. Arrays are in the formula's domain order. */
export interface ProfileRow {
  readonly code: string;
  readonly name: string;
  /** Units with a fraction above 0 in the area. */
  readonly lsoas: number;
  readonly population: number;
  /** Population-weighted mean need rank in each domain (1 = least need, N = most need). */
  readonly meanRanks: readonly number[];
  /** % of the area's people living in the area's most-in-need fifth of LSOAs for each domain. */
  readonly topFifthPct: readonly number[];
  /** The ids of the (up to) three domains with the highest mean need rank, highest first. */
  readonly top: readonly string[];
}

export interface Profile {
  /** N: the number of LSOAs ranked (the selected area). */
  readonly ranked: number;
  readonly domains: readonly Domain[];
  readonly rows: readonly ProfileRow[];
}

/**
 * The need profile of each area: for every domain, the population-weighted mean need rank of its
 * LSOAs, and the share of its people who live in the selected area's most-in-need fifth of LSOAs for
 * that domain (need rank above 0.8 × N). Each area's top three domains are those with the highest mean
 * need rank (ties: formula order). Areas come out sorted by code.
 *
 * @example profile(rankings, populations, districtMemberships) // one row per district
 */
export function profile(rankings: readonly Ranked[], populations: ArrayLike<number>, memberships: readonly Membership[]): Profile {
  const n = populations.length;
  const threshold = 0.8 * n;
  const d = rankings.length;
  const areas = new Map<string, { name: string; units: Set<number>; people: number; rankSums: Float64Array; topPeople: Float64Array }>();
  for (const m of memberships) {
    const area = areas.get(m.areaCode) ?? {
      name: m.areaName,
      units: new Set<number>(),
      people: 0,
      rankSums: new Float64Array(d),
      topPeople: new Float64Array(d),
    };
    const people = (populations[m.unit] as number) * m.fraction;
    if (m.fraction > 0) area.units.add(m.unit);
    area.people += people;
    rankings.forEach((r, k) => {
      const rank = r.ranks[m.unit] as number;
      area.rankSums[k] = (area.rankSums[k] as number) + people * rank;
      if (rank > threshold) area.topPeople[k] = (area.topPeople[k] as number) + people;
    });
    areas.set(m.areaCode, area);
  }
  const rows = [...areas.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([code, a]): ProfileRow => {
      const meanRanks = Array.from(a.rankSums, (s) => (a.people > 0 ? s / a.people : Number.NaN));
      const topFifthPct = Array.from(a.topPeople, (p) => (a.people > 0 ? (100 * p) / a.people : Number.NaN));
      const top = rankings
        .map((r, k) => ({ id: r.domain.id, mean: meanRanks[k] as number, k }))
        .filter((x) => !Number.isNaN(x.mean))
        .sort((x, y) => y.mean - x.mean || x.k - y.k)
        .slice(0, 3)
        .map((x) => x.id);
      return { code, name: a.name, lsoas: a.units.size, population: a.people, meanRanks, topFifthPct, top };
    });
  return { ranked: n, domains: rankings.map((r) => r.domain), rows };
}

/** Every unit wholly in its district (districts keyed by code, or by name when the data has no codes). */
export function districtMemberships(dataset: Dataset): Membership[] {
  return dataset.units.map((u, unit) => ({ unit, areaCode: u.districtCode || u.districtName, areaName: u.districtName, fraction: 1 }));
}

/**
 * Every unit wholly in its area of a level made of whole LSOAs (see `unitGroup`): districts as
 * {@link districtMemberships}, former districts, counties, regions, or the wards the data gives. Throws
 * a RangeError when a unit has no area at the level (check with `hasLevel` first).
 *
 * @example groupMemberships(pack2025, 'former-district')[0] // => { unit: 0, areaCode: 'E07000150', areaName: 'Corby', fraction: 1 }
 */
export function groupMemberships(dataset: Dataset, level: GroupLevel): Membership[] {
  if (level === 'district') return districtMemberships(dataset);
  return dataset.units.map((u, unit) => {
    const area = unitGroup(u, level);
    if (area === undefined) throw new RangeError(`groupMemberships: unit ${u.code} has no ${level}`);
    return { unit, areaCode: area.code, areaName: area.name, fraction: 1 };
  });
}

/** Every unit split between areas by a share lookup, which must cover every unit (see coveredShares). */
export function lookupMemberships(dataset: Dataset, lookup: Lookup): Result<Membership[]> {
  const covered = coveredShares(dataset, lookup);
  if (!covered.ok) return covered;
  const { rows, shares } = covered.value;
  const fractions = shareFractions(shares);
  return ok(rows.map((r, i) => ({ unit: shares[i]?.unit ?? -1, areaCode: r.areaCode, areaName: r.areaName, fraction: fractions[i]?.toNumber() ?? 0 })));
}
