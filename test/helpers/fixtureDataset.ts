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

/**
 * A made-up dataset shaped like the 2025 pack: units with regions, former districts and wards, and a
 * `ward_derived` field. Fakeshire (a made-up former county, see FIXTURE_FORMER_COUNTIES) was replaced by
 * North Fakeshire and West Fakeshire; one LSOA of its former Southtown (F05) now lies in Borderdale, a
 * two-tier district of Othershire. Portcity is written the ONS way, "Portcity, City of".
 */
export function fixturePack2025(): Dataset {
  const unit = (
    code: string,
    district: [string, string],
    county: [string, string],
    region: [string, string],
    former: [string, string],
    ward: [string, string],
  ): Unit => ({
    code,
    name: `Fixture ${code}`,
    districtCode: district[0],
    districtName: district[1],
    countyCode: county[0],
    countyName: county[1],
    regionCode: region[0],
    regionName: region[1],
    formerDistrictCode: former[0],
    formerDistrictName: former[1],
    wardCode: ward[0],
    wardName: ward[1],
  });
  const north: [string, string] = ['E06000901', 'North Fakeshire'];
  const west: [string, string] = ['E06000902', 'West Fakeshire'];
  const border: [string, string] = ['E07000904', 'Borderdale'];
  const far: [string, string] = ['E07000905', 'Farfield'];
  const port: [string, string] = ['E06000903', 'Portcity, City of'];
  const river: [string, string] = ['E09000901', 'Riverside'];
  const other: [string, string] = ['E10000902', 'Othershire'];
  const mid: [string, string] = ['E12000901', 'Midlandia'];
  const south: [string, string] = ['E12000902', 'Southlands'];
  const units = [
    unit('F01', north, north, mid, ['E07000901', 'Oldtown'], ['E05000901', 'Oldtown Central']),
    unit('F02', north, north, mid, ['E07000901', 'Oldtown'], ['E05000901', 'Oldtown Central']),
    unit('F03', north, north, mid, ['E07000902', 'Newtown'], ['E05000902', 'Newtown East']),
    unit('F04', west, west, mid, ['E07000903', 'Southtown'], ['E05000903', 'Southtown Vale']),
    unit('F05', border, other, mid, ['E07000903', 'Southtown'], ['E05000904', 'Border Hills']),
    unit('F06', far, other, mid, far, ['E05000905', 'Farfield Town']),
    unit('F07', port, port, south, port, ['E05000906', 'Harbour']),
    unit('F08', river, river, south, river, ['E05000907', 'Bankside']),
  ];
  const fields = new Map<string, Float64Array>([
    ['population', Float64Array.from([100, 200, 150, 50, 100, 120, 80, 90])],
    ['need_a', Float64Array.from([10, 30, 20, 40, 20, 5, 25, 15])],
    ['need_b', Float64Array.from([5, 5, 1, 9, 7, 2, 6, 3])],
    ['ward_derived', Float64Array.from([1, 1, 1, 1, 0, 0, 0, 0])],
  ]);
  return { kind: 'pack', file: 'fixture-pack-2025.json.gz', units, fields };
}

/**
 * The former-county table for {@link fixturePack2025}: made-up Fakeshire, replaced by North and West
 * Fakeshire.
 */
export const FIXTURE_FORMER_COUNTIES = [{ code: 'E10000901', name: 'Fakeshire', replaced: 2021, councils: ['E06000901', 'E06000902'] }] as const;
