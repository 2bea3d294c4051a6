import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damp, type DampInput, type Damping, type DampOptions } from '../../src/engine/damp.js';
import type { FairshareError } from '../../src/engine/errors.js';
import { Exact } from '../../src/engine/exact.js';

const pct = (text: string) => new Exact(text).dividedBy(100);
const district = (code: string, formula: bigint, previous: bigint): DampInput => ({ code, name: `District ${code}`, formula, previous });

function damped(districts: readonly DampInput[], budget: bigint, options: DampOptions = {}): Damping {
  const result = damp(districts, budget, options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(districts: readonly DampInput[], budget: bigint, options: DampOptions = {}): FairshareError {
  const result = damp(districts, budget, options);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** code → [amount, held], for compact expectations. */
const outcome = (d: Damping) => Object.fromEntries(d.districts.map((x) => [x.code, [x.amount, x.held]]));
const total = (d: Damping) => d.districts.reduce((sum, x) => sum + x.amount, 0n);

/** The percentage in a hint such as "The tightest floor this budget can fund is -10.10%", as a fraction. */
function suggested(error: FairshareError): Exact {
  const match = /is ([+-]?\d+\.\d\d)%/.exec(error.hint ?? '');
  if (!match) throw new Error(`no percentage in "${error.hint ?? ''}"`);
  return pct(match[1] as string);
}

describe('damp', () => {
  describe('hand-worked cases', () => {
    it('holds a district at its floor and takes the cost from the district that is not held', () => {
      // Floors: 1000 × 0.95 = 950 each. A's formula 800 is below it; B gets the other 1050 (t = 0.875).
      const result = damped([district('A', 800n, 1000n), district('B', 1200n, 1000n)], 2000n, { floor: pct('-5') });
      expect(outcome(result)).toEqual({ A: [950n, 'floor'], B: [1050n, ''] });
      expect(result.floorCost).toBe(150n);
      expect(result.ceilingsFreed).toBe(0n);
      expect(result.scale).toEqual({ numerator: 7n, denominator: 8n });
    });

    it('holds a district at its ceiling and gives what it frees to the district that is not held', () => {
      // Ceilings: 1000 × 1.1 = 1100. A's formula 1300 is above it; B gets the other 900 (t = 9/7).
      const result = damped([district('A', 1300n, 1000n), district('B', 700n, 1000n)], 2000n, { ceiling: pct('10') });
      expect(outcome(result)).toEqual({ A: [1100n, 'ceiling'], B: [900n, ''] });
      expect(result.ceilingsFreed).toBe(200n);
      expect(result.scale).toEqual({ numerator: 9n, denominator: 7n });
    });

    it('holds a floor and a ceiling at once, the district between them taking the difference', () => {
      // Band [900, 1100] for all. A (500) is held at 900, B (1600) at 1100, so C gets 1000 = 10/9 × 900.
      const result = damped([district('A', 500n, 1000n), district('B', 1600n, 1000n), district('C', 900n, 1000n)], 3000n, {
        floor: pct('-10'),
        ceiling: pct('10'),
      });
      expect(outcome(result)).toEqual({ A: [900n, 'floor'], B: [1100n, 'ceiling'], C: [1000n, ''] });
      expect(result.floorCost).toBe(400n);
      expect(result.ceilingsFreed).toBe(500n);
      expect(result.scale).toEqual({ numerator: 10n, denominator: 9n });
    });

    it('holds a second floor when paying for the first pushes that district below its own', () => {
      // Floors 950. A (600) is held; B and C share 2050 as 960:1440, so B would get 820 < 950 and is held
      // too; C gets the rest, 1100. B is at its floor yet 10p below its formula amount: it pays a little.
      const result = damped([district('A', 600n, 1000n), district('B', 960n, 1000n), district('C', 1440n, 1000n)], 3000n, { floor: pct('-5') });
      expect(outcome(result)).toEqual({ A: [950n, 'floor'], B: [950n, 'floor'], C: [1100n, ''] });
      expect(result.floorCost).toBe(340n);
      expect(total(result)).toBe(3000n);
    });

    it('releases a district that a first pass would hold at its ceiling once the floors are paid for', () => {
      // At the formula amounts A (800) is below its floor 950 and B (1200) above its ceiling 1100. Paying
      // for A's floor takes B back to 1050, inside its band, so B is not held.
      const result = damped([district('A', 800n, 1000n), district('B', 1200n, 1000n)], 2000n, { floor: pct('-5'), ceiling: pct('10') });
      expect(outcome(result)).toEqual({ A: [950n, 'floor'], B: [1050n, ''] });
      expect(result.ceilingsFreed).toBe(0n);
    });

    it('rounds each band inwards to whole pennies', () => {
      // 1001p × 0.97 = 970.97p and × 1.03 = 1031.03p: the band is [971, 1031].
      const result = damped([district('A', 100n, 1001n), district('B', 5000n, 1001n)], 2002n, { floor: pct('-3'), ceiling: pct('3') });
      const [a] = result.districts;
      expect([a?.lo, a?.hi]).toEqual([971n, 1031n]);
      expect(outcome(result)).toEqual({ A: [971n, 'floor'], B: [1031n, 'ceiling'] });
    });

    it('shares the free districts\u2019 pennies by largest remainder, ties to the lower code, adding up exactly', () => {
      // A is held at 950; the 2051p left are shared 1:1:1 by C, B, D (683.67p each, above their floors of
      // 570p): 684, 684, 683, the two leftover pennies going to B and C (equal remainders, lower codes).
      const result = damped([district('A', 0n, 1000n), district('C', 1000n, 600n), district('B', 1000n, 600n), district('D', 1000n, 600n)], 3001n, {
        floor: pct('-5'),
      });
      expect(outcome(result)).toEqual({ A: [950n, 'floor'], C: [684n, ''], B: [684n, ''], D: [683n, ''] });
      expect(total(result)).toBe(3001n);
    });

    it('gives every district its formula amount when none reaches its floor or ceiling', () => {
      const districts = [district('A', 1010n, 1000n), district('B', 990n, 1000n)];
      const result = damped(districts, 2000n, { floor: pct('-5'), ceiling: pct('5') });
      expect(outcome(result)).toEqual({ A: [1010n, ''], B: [990n, ''] });
      expect(result.scale).toEqual({ numerator: 1n, denominator: 1n });
    });

    it('gives exactly the previous allocations with a floor and ceiling of 0 when they add up to the budget', () => {
      const districts = [district('A', 5000n, 1234n), district('B', 1n, 4321n), district('C', 1000n, 445n)];
      const result = damped(districts, 6000n, { floor: pct('0'), ceiling: pct('0') });
      expect(result.districts.map((d) => d.amount)).toEqual([1234n, 4321n, 445n]);
      // Every amount is fixed, so each is labelled by how its formula amount compares with its band.
      expect(result.districts.map((d) => d.held)).toEqual(['ceiling', 'floor', 'ceiling']);
    });

    it('keeps the districts in the order given', () => {
      const result = damped([district('B', 1n, 1n), district('A', 1n, 1n)], 2n);
      expect(result.districts.map((d) => d.code)).toEqual(['B', 'A']);
    });
  });

  describe('districts with nothing', () => {
    it('applies no band to a district whose previous allocation was 0: it takes its share at the common scale', () => {
      // A had nothing, so ±5% of nothing would pin it at £0 for ever; it is not damped. B's ceiling is 1050.
      const result = damped([district('A', 500n, 0n), district('B', 1500n, 1000n)], 2000n, { floor: pct('-5'), ceiling: pct('5') });
      expect(outcome(result)).toEqual({ A: [950n, ''], B: [1050n, 'ceiling'] });
      expect(result.districts[0]).toMatchObject({ damped: false, lo: 0n, hi: undefined });
      expect(result.districts[1]).toMatchObject({ damped: true, lo: 950n, hi: 1050n });
    });

    it('holds a district with no formula amount at its floor', () => {
      const result = damped([district('A', 0n, 1000n), district('B', 2000n, 1000n)], 2000n, { floor: pct('-5') });
      expect(outcome(result)).toEqual({ A: [950n, 'floor'], B: [1050n, ''] });
    });

    it('gives £0 to a district with no formula amount and no floor', () => {
      const result = damped([district('A', 0n, 1000n), district('B', 2000n, 1000n)], 2000n, { ceiling: pct('200') });
      expect(outcome(result)).toEqual({ A: [0n, ''], B: [2000n, ''] });
    });

    it('shares a budget of 0 as all zeros when nothing is floored', () => {
      const result = damped([district('A', 0n, 10n), district('B', 0n, 0n)], 0n, { floor: pct('-100'), ceiling: pct('5') });
      expect(result.districts.map((d) => d.amount)).toEqual([0n, 0n]);
    });
  });

  describe('settings that cannot be met', () => {
    it('refuses a floor the budget cannot fund, naming the tightest floor it can', () => {
      // Floors of -5% need 1900p of a 1800p budget; -10% needs exactly 1800p.
      const districts = [district('A', 900n, 1000n), district('B', 900n, 1000n)];
      const error = failure(districts, 1800n, { floor: pct('-5') });
      expect(error).toMatchObject({ kind: 'usage', code: 'infeasible-floor' });
      expect(error.message).toBe('the floor -5% cannot be funded: it needs £19.00, more than the budget of £18.00');
      expect(error.hint).toBe('The tightest floor this budget can fund is -10.00%; give that or lower, or a larger budget');
      expect(total(damped(districts, 1800n, { floor: suggested(error) }))).toBe(1800n);
    });

    it('rounds the tightest floor down to 0.01 percentage point, and that floor works where 0.01 more does not', () => {
      // ⌈333(1 + f)⌉ + ⌈667(1 + f)⌉: at -10.04% it is 300 + ⌈600.0332⌉ = 901; at -10.05%, 300 + ⌈599.9665⌉ =
      // 900.
      const districts = [district('A', 290n, 333n), district('B', 610n, 667n)];
      const error = failure(districts, 900n, { floor: pct('-5'), ceiling: pct('5') });
      const floor = suggested(error);
      expect(floor.toString()).toBe('-0.1005');
      const result = damped(districts, 900n, { floor, ceiling: pct('5') });
      expect(total(result)).toBe(900n);
      expect(result.districts.every((d) => d.held === 'floor')).toBe(true);
      expect(failure(districts, 900n, { floor: floor.plus('0.0001'), ceiling: pct('5') }).code).toBe('infeasible-floor');
    });

    it('refuses a ceiling that cannot spend the budget, naming the lowest ceiling that can', () => {
      const districts = [district('A', 1150n, 1000n), district('B', 1150n, 1000n)];
      const error = failure(districts, 2300n, { ceiling: pct('10') });
      expect(error).toMatchObject({ kind: 'usage', code: 'infeasible-ceiling' });
      expect(error.hint).toContain('+15.00%');
      expect(total(damped(districts, 2300n, { ceiling: suggested(error) }))).toBe(2300n);
    });

    it('refuses a budget when no district has a formula amount to take it', () => {
      expect(failure([district('A', 0n, 100n)], 500n, { floor: pct('-5') }).code).toBe('no-formula-amounts');
    });

    it('refuses a floor above the ceiling', () => {
      expect(failure([district('A', 1n, 1n)], 1n, { floor: pct('5'), ceiling: pct('2') })).toMatchObject({ kind: 'usage', code: 'floor-above-ceiling' });
    });

    it('refuses a floor or a ceiling below -100%', () => {
      expect(failure([district('A', 1n, 1n)], 1n, { floor: pct('-101') }).code).toBe('bad-floor');
      expect(failure([district('A', 1n, 1n)], 1n, { ceiling: pct('-150') }).code).toBe('bad-ceiling');
    });

    it('refuses a band that holds no whole penny for a district', () => {
      // 1001p × 1.03 = 1031.03p: a band of exactly +3% has no whole penny in it.
      const error = failure([district('A', 1031n, 1001n)], 1031n, { floor: pct('3'), ceiling: pct('3') });
      expect(error).toMatchObject({ kind: 'usage', code: 'empty-band' });
      expect(error.message).toContain('District A');
    });
  });

  describe('properties', () => {
    const districtsArb = fc
      .array(
        fc.record({
          formula: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 9n })),
          previous: fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 9n }) }),
        }),
        { minLength: 1, maxLength: 12 },
      )
      .filter((ds) => ds.some((d) => d.formula > 0n))
      .map((ds) => ds.map((d, i) => district(`E${String(i).padStart(2, '0')}`, d.formula, d.previous)));
    /**
     * A band in basis points: floor from -100% to +20%, ceiling from the floor to +60%; either may be absent.
     */
    const bandArb = fc
      .tuple(fc.integer({ min: -10_000, max: 2_000 }), fc.integer({ min: 0, max: 4_000 }), fc.boolean(), fc.boolean())
      .map(([floor, width, hasFloor, hasCeiling]): DampOptions => ({
        ...(hasFloor ? { floor: new Exact(floor).dividedBy(10_000) } : {}),
        ...(hasCeiling ? { ceiling: new Exact(hasFloor ? floor + width : width - 2_000).dividedBy(10_000) } : {}),
      }));
    /** The budget: the formula total (as allocate gives it), or that total moved by up to ±30%. */
    const budgetFor = (districts: readonly DampInput[], move: number): bigint => {
      const sum = districts.reduce((s, d) => s + d.formula, 0n);
      return (sum * BigInt(1000 + move)) / 1000n;
    };

    /** The band of each district, worked out independently with Decimal. */
    const bounds = (d: DampInput, options: DampOptions): { lo: bigint; hi: bigint | undefined } => {
      if (d.previous === 0n) return { lo: 0n, hi: undefined };
      const p = new Exact(d.previous.toString());
      return {
        lo: options.floor === undefined ? 0n : BigInt(p.times(options.floor.plus(1)).ceil().toFixed(0)),
        hi: options.ceiling === undefined ? undefined : BigInt(p.times(options.ceiling.plus(1)).floor().toFixed(0)),
      };
    };

    it('adds up exactly to the budget with every district inside its band, or says why it cannot', () => {
      fc.assert(
        fc.property(districtsArb, bandArb, fc.integer({ min: -300, max: 300 }), (districts, options, move) => {
          const budget = budgetFor(districts, move);
          const result = damp(districts, budget, options);
          const bands = districts.map((d) => bounds(d, options));
          const sumLo = bands.reduce((s, b) => s + b.lo, 0n);
          if (!result.ok) {
            const { code } = result.error;
            if (code === 'infeasible-floor') expect(sumLo > budget).toBe(true);
            else if (code === 'empty-band') expect(bands.some((b) => b.hi !== undefined && b.lo > b.hi)).toBe(true);
            else expect(code).toBe('infeasible-ceiling');
            return;
          }
          expect(total(result.value)).toBe(budget);
          result.value.districts.forEach((d, i) => {
            const band = bands[i] as { lo: bigint; hi: bigint | undefined };
            expect(d.amount >= band.lo).toBe(true);
            if (band.hi !== undefined) expect(d.amount <= band.hi).toBe(true);
            if (d.held === 'floor') expect(d.amount).toBe(band.lo);
            if (d.held === 'ceiling') expect(d.amount).toBe(band.hi);
          });
        }),
        { numRuns: 500 },
      );
    });

    it('gives every district that is not held t × its formula amount, within a penny, for one common t', () => {
      fc.assert(
        fc.property(districtsArb, bandArb, fc.integer({ min: -300, max: 300 }), (districts, options, move) => {
          const result = damp(districts, budgetFor(districts, move), options);
          fc.pre(result.ok);
          if (!result.ok) return;
          const { numerator, denominator } = result.value.scale;
          for (const d of result.value.districts) {
            // Exact share at the common scale, times the denominator: compare without rounding.
            const exact = numerator * d.formula;
            const scaled = d.amount * denominator;
            if (d.held === '') expect(scaled - exact < denominator && exact - scaled < denominator).toBe(true);
            if (d.held === 'floor') expect(exact < d.lo * denominator).toBe(true);
            if (d.held === 'ceiling') expect(exact > (d.hi as bigint) * denominator).toBe(true);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('names a tightest floor that the budget can fund, where 0.01 percentage point more cannot be', () => {
      fc.assert(
        fc.property(districtsArb, fc.integer({ min: -3_000, max: 1_000 }), fc.integer({ min: -300, max: -1 }), (districts, floorSteps, move) => {
          const budget = budgetFor(districts, move);
          const floor = new Exact(floorSteps).dividedBy(10_000);
          const result = damp(districts, budget, { floor });
          fc.pre(!result.ok);
          if (result.ok) return;
          expect(result.error.code).toBe('infeasible-floor');
          const tightest = suggested(result.error);
          expect(tightest.lt(floor)).toBe(true);
          expect(damp(districts, budget, { floor: tightest }).ok).toBe(true);
          expect(damp(districts, budget, { floor: tightest.plus('0.0001') }).ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });

    it('does not depend on the order of the districts', () => {
      fc.assert(
        fc.property(districtsArb, bandArb, fc.integer({ min: -300, max: 300 }), (districts, options, move) => {
          const budget = budgetFor(districts, move);
          const forward = damp(districts, budget, options);
          const backward = damp([...districts].reverse(), budget, options);
          expect(backward.ok).toBe(forward.ok);
          if (!forward.ok || !backward.ok) return;
          expect(outcome(backward.value)).toEqual(outcome(forward.value));
        }),
        { numRuns: 300 },
      );
    });
  });
});
