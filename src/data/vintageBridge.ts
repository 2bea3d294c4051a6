/**
 * The bridge between the 2019 vintage (LSOAs of 2011, districts of 2019) and the 2025 vintage (LSOAs of
 * 2021, councils of 2024), for `compare-vintages`: which LSOAs are the same small area in both, which
 * 2011 LSOAs each 2021 LSOA came from, and so which district of 2019 each 2021 LSOA is counted in. Built
 * from the ONS LSOA 2011 → 2021 lookup as shipped (`data/lookups/lsoa-2011-2021-changes.csv`, see
 * lsoaChanges.ts): a code not in it is unchanged (ONS change code U). Pure.
 */
import type { Area } from './area.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import type { VintageRowKey } from '../engine/compareVintages.js';
import type { LsoaChange } from './lsoaChanges.js';

export interface VintageBridge {
  /**
   * The group of an LSOA of either geography: LSOAs of the two with the same group cover the same ground
   * (an unchanged LSOA alone; a split 2011 LSOA with the 2021 LSOAs it became; the LSOAs a merge or a
   * redesign joined). See engine/compareVintages.ts.
   */
  group(code: string, geography: '2011' | '2021'): string;
  /** The 2011 LSOAs a 2021 LSOA was made from: itself when unchanged. */
  predecessors(code: string): readonly string[];
  /** The district of 2019 (the older vintage's district) a unit of the newer vintage is counted in. */
  olderDistrict(unit: Unit): VintageRowKey;
  /**
   * The units of the older dataset that the area's units of the newer one were made from, as an area of the
   * older data.
   */
  olderArea(area: Area, newer: Dataset): Area;
}

/**
 * Make the bridge from the changes file and the older vintage's whole dataset. A 2021 LSOA made from 2011
 * LSOAs of two districts (three in England, listed in data/README.md) is counted in the one that is its
 * former district in the newer data, as the pack places it; an unknown code is a bug of the packs and throws.
 *
 * @example vintageBridge(changes, pack2019).olderDistrict(unitOf('E01035404')) // => { code: 'E07000151', name: 'Daventry' }
 */
export function vintageBridge(changes: readonly LsoaChange[], older: Dataset): VintageBridge {
  const from = new Map<string, string[]>();
  // Union-find over the changes: each 2011 and 2021 LSOA of a change ends in one set per piece of ground.
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let top = node;
    while (parent.has(top) && parent.get(top) !== top) top = parent.get(top) as string;
    parent.set(node, top);
    return top;
  };
  for (const c of changes) {
    const a = root(`2011:${c.lsoa11}`);
    const b = root(`2021:${c.lsoa21}`);
    if (a !== b) parent.set(b, a);
    const list = from.get(c.lsoa21) ?? [];
    if (!list.includes(c.lsoa11)) list.push(c.lsoa11);
    from.set(c.lsoa21, list);
  }
  const olderIndex = new Map(older.units.map((u, i) => [u.code, i]));
  const predecessors = (code: string): readonly string[] => from.get(code) ?? [code];
  const olderUnit = (code: string, of: string): Unit => {
    const i = olderIndex.get(code);
    if (i === undefined) throw new RangeError(`vintageBridge: ${of} was made from ${code}, which the older data does not have`);
    return older.units[i] as Unit;
  };
  return {
    group(code, geography) {
      const node = `${geography}:${code}`;
      return parent.has(node) ? root(node) : code;
    },
    predecessors,
    olderDistrict(unit) {
      const districts = predecessors(unit.code).map((code) => olderUnit(code, unit.code));
      const chosen = districts.find((d) => d.districtCode === unit.formerDistrictCode) ?? districts[0];
      if (chosen === undefined) throw new RangeError(`vintageBridge: ${unit.code} has no 2011 LSOA`);
      return { code: chosen.districtCode, name: chosen.districtName };
    },
    olderArea(area, newer) {
      const indices = new Set<number>();
      for (const i of area.indices) {
        const unit = newer.units[i] as Unit;
        for (const code of predecessors(unit.code)) indices.add(olderIndex.get(olderUnit(code, unit.code).code) as number);
      }
      return { kind: area.kind, code: area.code, name: area.name, indices: [...indices].sort((a, b) => a - b) };
    },
  };
}
