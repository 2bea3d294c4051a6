import { describe, expect, it } from 'vitest';
import { damp } from '../../src/engine/damp.js';
import { Exact } from '../../src/engine/exact.js';
import { type DistrictRow, type Tabulation } from '../../src/engine/tabulate.js';
import type { AreaRow, LookupTabulation } from '../../src/engine/tabulateAreas.js';
import { areaTable, districtTable, levelTable, withDampingColumns } from '../../src/report/table.js';
import { pounds } from '../../src/engine/money.js';

const row = (code: string, pennies: bigint, budget = 200000n): DistrictRow => ({
  code,
  name: `District ${code}`,
  lsoas: 1,
  population: new Exact(100),
  allocation: pounds(pennies),
  sharePct: pounds(pennies).dividedBy(pounds(budget)).times(100).toFixed(2),
  perPerson: '',
  needIndex: '',
});

describe('withDampingColumns', () => {
  const damping = damp(
    [
      { code: 'A', name: 'District A', formula: 80000n, previous: 100000n },
      { code: 'B', name: 'District B', formula: 120000n, previous: 100000n },
      { code: 'C', name: 'District C', formula: 0n, previous: 0n },
    ],
    200000n,
    { floor: new Exact('-0.05') },
  );
  if (!damping.ok) throw new Error(damping.error.message);
  const table: Tabulation = { rows: [row('A', 95000n), row('B', 105000n), row('C', 0n)], total: { ...row('', 200000n), name: 'Total' } };

  it('adds previous, change_pct and held after the district columns, keeping them and their order', () => {
    const result = withDampingColumns(districtTable(table), damping.value);
    expect(result.columns.map((c) => c.key)).toEqual([
      'district_code',
      'district_name',
      'lsoas',
      'population',
      'allocation',
      'share_pct',
      'per_person',
      'need_index',
      'previous',
      'change_pct',
      'held',
    ]);
    expect(result.rows.map((r) => r.slice(-3))).toEqual([
      ['1000.00', '-5.00', 'floor'],
      ['1000.00', '5.00', ''],
      ['0.00', '', ''],
    ]);
    expect(result.total?.slice(-3)).toEqual(['2000.00', '0.00', '']);
  });

  it('refuses (as a bug) a table whose allocations are not the damped amounts', () => {
    const undamped: Tabulation = { ...table, rows: [row('A', 80000n), row('B', 120000n), row('C', 0n)] };
    expect(() => withDampingColumns(districtTable(undamped), damping.value)).toThrow(RangeError);
  });
});

describe('levelTable', () => {
  const rows = (level: Tabulation['level'], derived?: boolean): Tabulation => {
    const r = derived === undefined ? row('E1', 100000n) : { ...row('E1', 100000n), derived };
    return { ...(level === undefined ? {} : { level }), rows: [r], total: { ...row('', 100000n), name: 'Total' } };
  };

  it('names the code and name columns after the level', () => {
    expect(
      levelTable(rows('former-district'))
        .columns.map((c) => c.key)
        .slice(0, 2),
    ).toEqual(['former_district_code', 'former_district_name']);
    expect(
      levelTable(rows('county'))
        .columns.map((c) => c.title)
        .slice(0, 2),
    ).toEqual(['Code', 'County']);
    expect(levelTable(rows('region')).columns.map((c) => c.key)).toEqual([
      'region_code',
      'region_name',
      'lsoas',
      'population',
      'allocation',
      'share_pct',
      'per_person',
      'need_index',
    ]);
  });

  it('adds a derived column at the ward level, yes or no, empty on the total row', () => {
    const t = levelTable(rows('ward', true));
    expect(t.columns.map((c) => c.key)).toEqual([
      'ward_code',
      'ward_name',
      'lsoas',
      'population',
      'allocation',
      'share_pct',
      'per_person',
      'need_index',
      'derived',
    ]);
    expect(t.rows[0]?.at(-1)).toBe('yes');
    expect(levelTable(rows('ward', false)).rows[0]?.at(-1)).toBe('no');
    expect(t.total?.at(-1)).toBe('');
  });

  it('leaves the share, £ per person and need index out of the ward total row (they are not sums), keeping LSOAs, people and pounds', () => {
    const t = levelTable({
      level: 'ward',
      rows: [{ ...row('E1', 100000n), derived: true }],
      total: { ...row('', 100000n), name: 'Total', sharePct: '100.00', perPerson: '10.00', needIndex: '1.00' },
    });
    expect(t.total).toEqual(['', 'Total', '1', '100', '1000.00', '', '', '', '']);
    // Other levels keep them.
    const county = levelTable({ ...rows('county'), total: { ...row('', 100000n), name: 'Total', sharePct: '100.00', perPerson: '10.00', needIndex: '1.00' } });
    expect(county.total?.slice(-3)).toEqual(['100.00', '10.00', '1.00']);
  });

  it('is the district table for a table without a level', () => {
    expect(levelTable(rows(undefined))).toEqual(districtTable(rows(undefined)));
  });
});

describe('areaTable', () => {
  const area = (code: string, people: string, pennies: bigint, lsoas = 2, estimated = false): AreaRow => ({
    ...row(code, pennies, 30000n),
    name: `Area ${code}`,
    lsoas,
    population: new Exact(people),
    estimated,
  });
  const third = new Exact(100).dividedBy(3).toString();
  const table = (rows: AreaRow[], people: string): LookupTabulation => ({
    level: 'division',
    rows,
    total: { ...area('', people, 30000n, 3), name: 'Total', sharePct: '100.00', perPerson: '3.00', needIndex: '1.00' },
  });

  it('calls the LSOA count "LSOAs (touching)" and gives the total row only the columns that add up', () => {
    const t = areaTable(table([area('A', third, 10000n, 2, true), area('B', third, 10000n), area('C', third, 10000n)], '100'));
    expect(t.columns.map((c) => c.key)).toEqual([
      'area_code',
      'area_name',
      'lsoas_touching',
      'population',
      'allocation',
      'share_pct',
      'per_person',
      'need_index',
      'estimated',
    ]);
    expect(t.columns[2]?.title).toBe('LSOAs (touching)');
    expect(t.total).toEqual(['', 'Total', '', '100', '300.00', '', '', '', '']);
    expect(t.rows[0]?.at(-1)).toBe('yes');
  });

  it('rounds apportioned people to whole people adding up to the total: three thirds of 100 are 34, 33 and 33 (ties to the lower code)', () => {
    const t = areaTable(table([area('C', third, 10000n), area('A', third, 10000n), area('B', third, 10000n)], '100'));
    expect(t.rows.map((r) => [r[0], r[3]])).toEqual([
      ['C', '33'],
      ['A', '34'],
      ['B', '33'],
    ]);
  });

  it('gives the people left over to the largest remainders, not to the nearest whole number each', () => {
    // 10.6 + 10.6 + 10.8 = 32: half-up would show 11 + 11 + 11 = 33.
    const t = areaTable(table([area('A', '10.6', 10000n), area('B', '10.6', 10000n), area('C', '10.8', 10000n)], '32'));
    expect(t.rows.map((r) => r[3])).toEqual(['11', '10', '11']);
    expect(t.total?.[3]).toBe('32');
  });

  it('keeps the places of a total that is not whole (people from a --data file), and shows no one as 0', () => {
    expect(areaTable(table([area('A', '0.25', 10000n), area('B', '1', 10000n), area('C', '0', 10000n)], '1.25')).rows.map((r) => r[3])).toEqual([
      '0.25',
      '1.00',
      '0.00',
    ]);
    expect(areaTable(table([area('A', '0', 10000n), area('B', '0', 10000n)], '0')).rows.map((r) => r[3])).toEqual(['0', '0']);
  });
});
