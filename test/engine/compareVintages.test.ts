import { describe, expect, it } from 'vitest';
import { compareVintages, type VintageSide } from '../../src/engine/compareVintages.js';
import { Exact } from '../../src/engine/exact.js';

/**
 * A made-up run, worked by hand: each unit's figure, people, pennies, row and group. The pennies are the
 * exact shares B × figure × people / Σ(figure × people), which are whole in these examples.
 */
function side(budget: string, units: readonly { code: string; row: string; people: number; figure: number; pennies: number; group?: string }[]): VintageSide {
  const totalWeighted = units.reduce((sum, u) => sum.plus(new Exact(u.figure).times(u.people)), new Exact(0));
  return {
    allocation: {
      dataset: {
        kind: 'csv',
        file: 'fixture.csv',
        units: units.map((u) => ({ code: u.code, name: `Fixture ${u.code}`, districtCode: u.row, districtName: u.row, countyCode: '', countyName: '' })),
        fields: new Map(),
      },
      budget: new Exact(budget),
      pennies: units.map((u) => BigInt(u.pennies)),
      populations: Float64Array.from(units, (u) => u.people),
      figures: units.map((u) => new Exact(u.figure)),
      totalWeighted,
    },
    rows: units.map((u) => ({ code: u.row, name: `Row ${u.row}` })),
    groups: units.map((u) => u.group ?? u.code),
  };
}

// £300 shared by two LSOAs of 100 people, figures 2 and 1: Σ = 300, so A gets 20,000p and B 10,000p.
const BEFORE = side('300', [
  { code: 'A', row: 'R1', people: 100, figure: 2, pennies: 20000 },
  { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 10000 },
]);

const cells = (r: { code: string; before: bigint; after: bigint; change: bigint; population: bigint; boundaries: bigint; data: bigint; sources: bigint }) => [
  r.code,
  r.before,
  r.after,
  r.change,
  r.population,
  r.boundaries,
  r.data,
  r.sources,
];

describe('compareVintages', () => {
  it('splits the change of unchanged LSOAs into population (share of people at the old need) and data, worked by hand', () => {
    // A doubles its people: Σ = 400 + 100 = 500, so A gets 24,000p and B 6,000p.
    const bridge = side('300', [
      { code: 'A', row: 'R1', people: 200, figure: 2, pennies: 24000 },
      { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 6000 },
    ]);
    const change = compareVintages(BEFORE, bridge);
    // A: share of people 1/2 → 2/3, need index (2/1)/(300/200) = 4/3: population 30,000 × 1/6 × 4/3 =
    // 6,666.67p → 6,667p.
    // B: 1/2 → 1/3, need index 2/3: 30,000 × (−1/6) × 2/3 = −3,333.33p → −3,333p. Data is the rest.
    expect(change.rows.map(cells)).toEqual([
      ['R1', 20000n, 24000n, 4000n, 6667n, 0n, -2667n, 0n],
      ['R2', 10000n, 6000n, -4000n, -3333n, 0n, -667n, 0n],
    ]);
    expect(change.rows.map((r) => [r.changedBefore, r.changedAfter])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(change.sources).toBe(false);
  });

  it('puts the rest of the change of a split LSOA under boundaries, and its growth under population', () => {
    // A is split into A1 and A2 (one group), each of 100 people; ranked apart, their figures are 3 and 2.
    // Σ = 300 + 200 + 100 = 600: A1 15,000p, A2 10,000p, B 5,000p.
    const bridge = side('300', [
      { code: 'A1', row: 'R1', people: 100, figure: 3, pennies: 15000, group: 'A' },
      { code: 'A2', row: 'R1', people: 100, figure: 2, pennies: 10000, group: 'A' },
      { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 5000 },
    ]);
    const change = compareVintages(BEFORE, bridge);
    // Group A: share of people 1/2 → 2/3 at need index 4/3: population 6,666.67p; its exact share goes from
    // 20,000p to 25,000p, so boundaries = 5,000 − 6,666.67 = −1,666.67p. B: population −3,333.33p.
    expect(change.rows.map(cells)).toEqual([
      ['R1', 20000n, 25000n, 5000n, 6667n, -1667n, 0n, 0n],
      ['R2', 10000n, 5000n, -5000n, -3333n, 0n, -1667n, 0n],
    ]);
    expect(change.rows.map((r) => [r.lsoasBefore, r.lsoasAfter, r.changedBefore, r.changedAfter])).toEqual([
      [1, 2, 1, 2],
      [1, 1, 0, 0],
    ]);
  });

  it('counts all the money of an LSOA that left the area under boundaries', () => {
    const before = side('300', [
      { code: 'A', row: 'R1', people: 100, figure: 2, pennies: 20000 },
      { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 10000 },
      { code: 'C', row: 'R2', people: 0, figure: 3, pennies: 0 },
    ]);
    const gone = side('300', [
      { code: 'A', row: 'R1', people: 100, figure: 2, pennies: 20000 },
      { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 10000 },
    ]);
    const moved = side('300', [
      { code: 'A', row: 'R1', people: 100, figure: 1, pennies: 15000 },
      { code: 'D', row: 'R2', people: 100, figure: 1, pennies: 15000 },
    ]);
    // C had no one, so nothing changes; B leaving takes its 10,000p out of R2 and D brings 15,000p in.
    expect(compareVintages(before, gone).rows.map(cells)).toEqual([
      ['R1', 20000n, 20000n, 0n, 0n, 0n, 0n, 0n],
      ['R2', 10000n, 10000n, 0n, 0n, 0n, 0n, 0n],
    ]);
    const change = compareVintages(BEFORE, moved);
    expect(change.rows.map(cells)[1]).toEqual(['R2', 10000n, 15000n, 5000n, 0n, 5000n, 0n, 0n]);
  });

  it('counts a group whose LSOAs were in two rows under boundaries, out of one row and into the other', () => {
    // A (R1) and B (R2) are merged into AB, counted in R1.
    const bridge = side('300', [{ code: 'AB', row: 'R1', people: 200, figure: 1, pennies: 30000, group: 'M' }]);
    const before = { ...BEFORE, groups: ['M', 'M'] };
    expect(compareVintages(before, bridge).rows.map(cells)).toEqual([
      ['R1', 20000n, 30000n, 10000n, 0n, 10000n, 0n, 0n],
      ['R2', 10000n, 0n, -10000n, 0n, -10000n, 0n, 0n],
    ]);
  });

  it('splits out what the new sources change, from the bridge run to the after run, in whole pennies', () => {
    const bridge = side('300', [
      { code: 'A', row: 'R1', people: 200, figure: 2, pennies: 24000 },
      { code: 'B', row: 'R2', people: 100, figure: 1, pennies: 6000 },
    ]);
    const after = { dataset: bridge.allocation.dataset, pennies: [23000n, 7000n] };
    const change = compareVintages(BEFORE, bridge, { after });
    expect(change.rows.map(cells)).toEqual([
      ['R1', 20000n, 23000n, 3000n, 6667n, 0n, -2667n, -1000n],
      ['R2', 10000n, 7000n, -3000n, -3333n, 0n, -667n, 1000n],
    ]);
    expect(change.sources).toBe(true);
    expect(change.total.before).toBe(30000n);
    expect(change.total.after).toBe(30000n);
    expect(change.total.change).toBe(0n);
  });

  it('finds no change at all between a run and itself', () => {
    const change = compareVintages(BEFORE, BEFORE);
    for (const row of change.rows) expect(cells(row).slice(3)).toEqual([0n, 0n, 0n, 0n, 0n]);
  });

  it('always adds the parts up to the change, row by row', () => {
    const bridge = side('300', [
      { code: 'A1', row: 'R1', people: 37, figure: 3, pennies: 11100 },
      { code: 'A2', row: 'R2', people: 61, figure: 2, pennies: 12200 },
      { code: 'B', row: 'R2', people: 67, figure: 1, pennies: 6700 },
    ]);
    const change = compareVintages({ ...BEFORE, groups: ['A', 'B'] }, { ...bridge, groups: ['A', 'A', 'B'] });
    for (const r of [...change.rows, change.total]) expect(r.population + r.boundaries + r.data + r.sources).toBe(r.change);
  });

  it('refuses an after run on other units than the bridge (a bug of the caller)', () => {
    expect(() => compareVintages(BEFORE, BEFORE, { after: { dataset: { ...BEFORE.allocation.dataset, units: [] }, pennies: [] } })).toThrow(RangeError);
  });
});
