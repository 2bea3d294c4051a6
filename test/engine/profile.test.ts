import { describe, expect, it } from 'vitest';
import { districtMemberships, groupMemberships, profile } from '../../src/engine/profile.js';
import { rankDomains } from '../../src/engine/rankDomains.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula, fixturePack2025 } from '../helpers/fixtureDataset.js';

const dataset = fixtureDataset(FIVE_LSOAS);
const ranked = rankDomains(dataset, fixtureFormula(['need_a', 'need_b']).domains);
if (!ranked.ok) throw new Error(ranked.error.message);
const rankings = ranked.value;
const populations = dataset.fields.get('population')!;
const byDistrict = dataset.units.map((u, unit) => ({ unit, areaCode: u.districtCode, areaName: u.districtName, fraction: 1 }));

describe('profile', () => {
  it('gives each area the population-weighted mean need rank per domain', () => {
    const p = profile(rankings, populations, byDistrict);
    // North: F01 (100 people, need_a rank 1) and F02 (200, rank 4): (100×1 + 200×4) / 300 = 3.
    // South: F03 (150, 2.5), F04 (50, 5), F05 (100, 2.5): (375 + 250 + 250) / 300 = 2.9166…
    expect(p.rows.map((r) => r.name)).toEqual(['North', 'South']);
    expect(p.rows[0]!.meanRanks[0]).toBeCloseTo(3, 12);
    expect(p.rows[1]!.meanRanks[0]).toBeCloseTo(875 / 300, 12);
    expect(p.rows[0]!.population).toBe(300);
    expect(p.rows[0]!.lsoas).toBe(2);
  });

  it("counts the people in the area's most-in-need fifth (need rank above 0.8 × N)", () => {
    // N = 5, so only rank 5 (> 4) is in the top fifth: F04 in both domains (50 of South's 300 people).
    const p = profile(rankings, populations, byDistrict);
    expect(p.rows[0]!.topFifthPct).toEqual([0, 0]);
    expect(p.rows[1]!.topFifthPct[0]).toBeCloseTo((100 * 50) / 300, 12);
  });

  it('names the domains with the highest mean need rank first, ties in formula order', () => {
    const p = profile(rankings, populations, byDistrict);
    // North need_b: (100×2.5 + 200×2.5)/300 = 2.5 < 3 → need_a first. South need_b: (150×1 + 50×5 +
    // 100×4)/300 = 2.67 < 2.92.
    expect(p.rows[0]!.top).toEqual(['need_a', 'need_b']);
    expect(p.rows[1]!.top).toEqual(['need_a', 'need_b']);
  });

  it('splits an LSOA between areas by its fractions', () => {
    const split = [
      { unit: 0, areaCode: 'X', areaName: 'X', fraction: 0.5 },
      { unit: 0, areaCode: 'Y', areaName: 'Y', fraction: 0.5 },
      { unit: 1, areaCode: 'Y', areaName: 'Y', fraction: 1 },
    ];
    const p = profile(rankings, populations, split);
    expect(p.rows.map((r) => [r.code, r.population, r.lsoas])).toEqual([
      ['X', 50, 1],
      ['Y', 250, 2],
    ]);
    // Y: 50 people at rank 1 and 200 at rank 4 → 850/250 = 3.4.
    expect(p.rows[1]!.meanRanks[0]).toBeCloseTo(3.4, 12);
  });
});

describe('groupMemberships', () => {
  it('puts each unit wholly in its area of the level', () => {
    const pack = fixturePack2025();
    expect(groupMemberships(pack, 'former-district').slice(3, 5)).toEqual([
      { unit: 3, areaCode: 'E07000903', areaName: 'Southtown', fraction: 1 },
      { unit: 4, areaCode: 'E07000903', areaName: 'Southtown', fraction: 1 },
    ]);
    expect(new Set(groupMemberships(pack, 'region').map((m) => m.areaCode))).toEqual(new Set(['E12000901', 'E12000902']));
  });

  it('is districtMemberships at the district level', () => {
    expect(groupMemberships(dataset, 'district')).toEqual(districtMemberships(dataset));
  });

  it('throws (a bug) for a unit without an area at the level', () => {
    expect(() => groupMemberships(dataset, 'ward')).toThrow('groupMemberships: unit F01 has no ward');
  });
});
