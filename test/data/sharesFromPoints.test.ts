import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatShare, sharesFromPoints, type PointsLookup } from '../../src/data/sharesFromPoints.js';
import { parsePoints, type Point } from '../../src/data/parsePoints.js';
import type { FairshareError } from '../../src/engine/errors.js';
import { Exact } from '../../src/engine/exact.js';
import { lookupCsv } from '../../src/report/lookupTable.js';

const KNOWN = new Set(['FAKE-A', 'FAKE-B', 'FAKE-C', 'FAKE-D', 'FAKE-E', 'FAKE-F']);

function points(name: string): Point[] {
  const result = parsePoints(readFileSync(new URL(`../fixtures/points/${name}`, import.meta.url), 'utf8'), name, KNOWN);
  if (!result.ok) throw new Error(`fixture ${name} failed: ${result.error.message}`);
  return result.value;
}

/** The lookup, with the CSV file it is written as (src/report/lookupTable.ts). */
function built(input: readonly Point[]): PointsLookup & { csv: string } {
  const result = sharesFromPoints(input, { file: 'points.csv' });
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return { ...result.value, csv: lookupCsv(result.value.rows) };
}

function failure(input: readonly Point[]): FairshareError {
  const result = sharesFromPoints(input, { file: 'points.csv' });
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const point = (lsoaCode: string, areaCode: string, weight: string, line = 2, areaName = `Area ${areaCode}`): Point => ({ lsoaCode, areaCode, areaName, weight, line });

/** LSOA:area=share for each row. */
const shares = (lookup: PointsLookup): string[] => lookup.rows.map((r) => `${r.lsoaCode}:${r.areaCode}=${r.share}`);

describe('sharesFromPoints', () => {
  it('splits an LSOA by its count of points: 3 in X and 1 in Y give 0.75 and 0.25', () => {
    const lookup = built(points('fake-points.csv'));
    expect(shares(lookup)).toEqual(['FAKE-A:FAKE-X=0.75', 'FAKE-A:FAKE-Y=0.25', 'FAKE-B:FAKE-Y=1']);
    expect(lookup.csv).toBe(
      'lsoa_code,area_code,area_name,share,estimated\nFAKE-A,FAKE-X,Exton,0.75,no\nFAKE-A,FAKE-Y,Wyeford,0.25,no\nFAKE-B,FAKE-Y,Wyeford,1,no\n',
    );
    expect(lookup).toMatchObject({ points: 5, lsoas: 2, areas: 2 });
  });

  it('splits by weight, rounds half-up to 12 places, keeps zero shares and sorts by LSOA then area', () => {
    const lookup = built(points('fake-weighted.csv'));
    expect(shares(lookup)).toEqual([
      // 1 point of weight 1 in each of X, Y, Z: a third each.
      'FAKE-C:FAKE-X=0.333333333333',
      'FAKE-C:FAKE-Y=0.333333333333',
      'FAKE-C:FAKE-Z=0.333333333333',
      // 2.5 of 10 in X, 7.5 of 10 in Y.
      'FAKE-D:FAKE-X=0.25',
      'FAKE-D:FAKE-Y=0.75',
      // Y has only a point of weight 0.
      'FAKE-E:FAKE-X=1',
      'FAKE-E:FAKE-Y=0',
      // 2 of 3 in X: 0.6666…67 rounds up in the 12th place.
      'FAKE-F:FAKE-X=0.666666666667',
      'FAKE-F:FAKE-Y=0.333333333333',
    ]);
    expect(lookup.rows[0]).toEqual({ lsoaCode: 'FAKE-C', areaCode: 'FAKE-X', areaName: 'Exton', share: '0.333333333333', estimated: false });
    expect(lookup).toMatchObject({ points: 9, lsoas: 4, areas: 3 });
  });

  it('sorts codes by code point, not by locale', () => {
    const lookup = built([point('b', 'y', '1'), point('B', 'z', '1'), point('B', 'Y', '1'), point('a', 'x', '1')]);
    expect(shares(lookup)).toEqual(['B:Y=0.5', 'B:z=0.5', 'a:x=1', 'b:y=1']);
  });

  it('computes exactly: no float noise in 0.1 + 0.2', () => {
    const lookup = built([point('A', 'X', '0.1'), point('A', 'X', '0.2'), point('A', 'Y', '0.3')]);
    expect(shares(lookup)).toEqual(['A:X=0.5', 'A:Y=0.5']);
  });

  it('writes shares with trailing zeros trimmed', () => {
    expect(formatShare(new Exact(1))).toBe('1');
    expect(formatShare(new Exact('0.5'))).toBe('0.5');
    expect(formatShare(new Exact(1).dividedBy(3))).toBe('0.333333333333');
    expect(formatShare(new Exact('0.0000000000005'))).toBe('0.000000000001');
    expect(formatShare(new Exact('0.0000000000004'))).toBe('0');
  });

  it('defuses text cells a spreadsheet would run as a formula', () => {
    const lookup = built([point('A', '=X', '1', 2, '@SUM(1)')]);
    expect(lookup.csv.split('\n')[1]).toBe("A,'=X,'@SUM(1),1,no");
    expect(lookup.rows[0]?.areaCode).toBe('=X');
  });

  it('refuses an area code with two names, naming both lines', () => {
    const error = failure([point('A', 'X', '1', 2, 'Exton'), point('B', 'Y', '1', 3, 'Wyeford'), point('B', 'X', '1', 4, 'Ecks')]);
    expect(error).toMatchObject({ kind: 'data', code: 'conflicting-name', location: { file: 'points.csv', line: 4 } });
    expect(error.message).toBe('area "X" is called "Exton" on line 2 but "Ecks" on line 4');
  });

  it('refuses LSOAs whose points all weigh 0, naming them', () => {
    const error = failure([point('A', 'X', '0', 2), point('A', 'Y', '0', 3), point('B', 'X', '1', 4), point('C', 'X', '0', 5)]);
    expect(error).toMatchObject({ kind: 'data', code: 'zero-weight-lsoa', location: { line: 2 } });
    expect(error.message).toBe('2 LSOAs have only points of weight 0, so their shares would be 0/0: A (lines 2, 3), C (line 5)');
  });

  it('refuses no points', () => {
    expect(failure([]).code).toBe('no-rows');
  });

  describe('invariants', () => {
    const pointsArb = fc.array(
      fc.record({
        lsoaCode: fc.constantFrom('A', 'B', 'C'),
        areaCode: fc.constantFrom('X', 'Y', 'Z', 'W'),
        weight: fc.integer({ min: 1, max: 1000 }).map(String),
      }),
      { minLength: 1, maxLength: 30 },
    );
    const withLines = (raw: readonly { lsoaCode: string; areaCode: string; weight: string }[]): Point[] =>
      raw.map((p, i) => ({ ...p, areaName: `Area ${p.areaCode}`, line: i + 2 }));

    it("gives each LSOA shares that add up to 1 within the rounding (half a unit in the 12th place per row)", () => {
      fc.assert(
        fc.property(pointsArb, (raw) => {
          const lookup = built(withLines(raw));
          const rows = parse(lookup.csv, { columns: true }) as { lsoa_code: string; share: string }[];
          for (const code of new Set(rows.map((r) => r.lsoa_code))) {
            const own = rows.filter((r) => r.lsoa_code === code);
            const sum = own.reduce((s, r) => s.plus(r.share), new Exact(0));
            expect(sum.minus(1).abs().lte(new Exact('0.5e-12').times(own.length))).toBe(true);
          }
        }),
      );
    });

    it('does not depend on the order of the points', () => {
      fc.assert(
        fc.property(
          pointsArb.chain((raw) => fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw, { minLength: raw.length, maxLength: raw.length }))),
          ([raw, shuffled]) => {
          expect(built(withLines(shuffled)).csv).toBe(built(withLines(raw)).csv);
        },
        ),
      );
    });

    // Scaled by factor / 8, so the scaled weights are exact decimals too.
    it('does not change when every weight is scaled', () => {
      fc.assert(
        fc.property(pointsArb, fc.integer({ min: 2, max: 1000 }), (raw, factor) => {
          const scaled = raw.map((p) => ({ ...p, weight: new Exact(p.weight).times(factor).dividedBy(8).toFixed() }));
          expect(built(withLines(scaled)).csv).toBe(built(withLines(raw)).csv);
        }),
      );
    });
  });
});
