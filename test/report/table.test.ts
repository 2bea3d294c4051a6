import { describe, expect, it } from 'vitest';
import { damp } from '../../src/engine/damp.js';
import { Exact } from '../../src/engine/exact.js';
import { pounds, type DistrictRow, type DistrictTable } from '../../src/engine/tabulate.js';
import { districtTable, levelTable, withDampingColumns } from '../../src/report/table.js';

const row = (code: string, pennies: bigint, budget = 200000n): DistrictRow => ({
  code,
  name: `District ${code}`,
  lsoas: 1,
  population: new Exact(100),
  allocation: pounds(pennies),
  sharePct: pounds(pennies).dividedBy(pounds(budget)).times(100).toFixed(2),
  perPerson: '',
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
  const table: DistrictTable = { rows: [row('A', 95000n), row('B', 105000n), row('C', 0n)], total: { ...row('', 200000n), name: 'Total' } };

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
    const undamped: DistrictTable = { ...table, rows: [row('A', 80000n), row('B', 120000n), row('C', 0n)] };
    expect(() => withDampingColumns(districtTable(undamped), damping.value)).toThrow(RangeError);
  });
});

describe('levelTable', () => {
  const rows = (level: DistrictTable['level'], derived?: boolean): DistrictTable => {
    const r = derived === undefined ? row('E1', 100000n) : { ...row('E1', 100000n), derived };
    return { ...(level === undefined ? {} : { level }), rows: [r], total: { ...row('', 100000n), name: 'Total' } };
  };

  it('names the code and name columns after the level', () => {
    expect(levelTable(rows('former-district')).columns.map((c) => c.key).slice(0, 2)).toEqual(['former_district_code', 'former_district_name']);
    expect(levelTable(rows('county')).columns.map((c) => c.title).slice(0, 2)).toEqual(['Code', 'County']);
    expect(levelTable(rows('region')).columns.map((c) => c.key)).toEqual(['region_code', 'region_name', 'lsoas', 'population', 'allocation', 'share_pct', 'per_person']);
  });

  it('adds a derived column at the ward level, yes or no, empty on the total row', () => {
    const t = levelTable(rows('ward', true));
    expect(t.columns.map((c) => c.key)).toEqual(['ward_code', 'ward_name', 'lsoas', 'population', 'allocation', 'share_pct', 'per_person', 'derived']);
    expect(t.rows[0]?.at(-1)).toBe('yes');
    expect(levelTable(rows('ward', false)).rows[0]?.at(-1)).toBe('no');
    expect(t.total?.at(-1)).toBe('');
  });

  it('is the district table for a table without a level', () => {
    expect(levelTable(rows(undefined))).toEqual(districtTable(rows(undefined)));
  });
});
