import type { Dataset, Unit } from '../../src/engine/dataset.js';
import type { Formula } from '../../src/engine/formula.js';

/** A small, obviously fake dataset: rows of { code, district, population, ...need values }. */
export function fixtureDataset(rows: readonly { code: string; district: string; population: number; [field: string]: number | string }[]): Dataset {
  const units: Unit[] = rows.map((r) => ({
    code: r.code,
    name: `Fixture ${r.code}`,
    districtCode: `D-${r.district}`,
    districtName: r.district,
    countyCode: '',
    countyName: '',
  }));
  const fieldNames = Object.keys(rows[0] ?? {}).filter((k) => k !== 'code' && k !== 'district');
  const fields = new Map(fieldNames.map((name) => [name, Float64Array.from(rows, (r) => Number(r[name]))]));
  return { kind: 'csv', file: 'fixture.csv', units, fields };
}

/** A formula with one single-source, more-need domain per id. */
export function fixtureFormula(ids: readonly string[]): Formula {
  return {
    id: 'fixture',
    name: 'Fixture formula',
    description: 'one domain per column',
    domains: ids.map((id) => ({ id, label: id, weight: '1', sources: [{ field: id, label: id, higherMeans: 'more-need' as const }] })),
  };
}

/** The README's hand-worked example: five LSOAs, two districts, two domains. */
export const FIVE_LSOAS = [
  { code: 'F01', district: 'North', population: 100, need_a: 10, need_b: 5 },
  { code: 'F02', district: 'North', population: 200, need_a: 30, need_b: 5 },
  { code: 'F03', district: 'South', population: 150, need_a: 20, need_b: 1 },
  { code: 'F04', district: 'South', population: 50, need_a: 40, need_b: 9 },
  { code: 'F05', district: 'South', population: 100, need_a: 20, need_b: 7 },
];
