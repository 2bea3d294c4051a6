import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { transition, type TransitionArea } from '../../src/engine/transition.js';

const AREAS: TransitionArea[] = [
  { code: 'A', name: 'Gainer', previous: 100_000n },
  { code: 'B', name: 'Loser', previous: 200_000n },
  { code: 'C', name: 'Steady', previous: 100_000n },
];
/** The formula's target: A up 50%, B down 25%, C level, at the same budget each year. */
const TARGET = [150_000n, 150_000n, 100_000n];

const amounts = (year: { damping: { districts: readonly { amount: bigint }[] } }) => year.damping.districts.map((d) => d.amount);

describe('transition', () => {
  it('at a pace of 100% jumps to the target in the first year and stays there', () => {
    const path = transition(AREAS, [TARGET, TARGET], { pace: { numerator: 1n, denominator: 1n } });
    if (!path.ok) throw new Error(path.error.message);
    expect(path.value.years.map(amounts)).toEqual([TARGET, TARGET]);
    expect(path.value.shortfall).toBe(0n);
  });

  it('at 50% a year closes half the remaining gap, and the final year reaches the target', () => {
    const path = transition(AREAS, [TARGET, TARGET, TARGET], { pace: { numerator: 1n, denominator: 2n } });
    if (!path.ok) throw new Error(path.error.message);
    expect(path.value.years.map(amounts)).toEqual([[125_000n, 175_000n, 100_000n], [137_500n, 162_500n, 100_000n], TARGET]);
  });

  it('holds a loser at its floor each year, paid for by the gainers, and says by how much the last year falls short', () => {
    const path = transition(AREAS, [TARGET, TARGET, TARGET], { pace: { numerator: 1n, denominator: 2n }, floor: new Exact('-0.02') });
    if (!path.ok) throw new Error(path.error.message);
    // B may lose at most 2% a year: 196,000, 192,080, 188,238.40 (up to the penny).
    expect(path.value.years.map((y) => y.damping.districts[1]?.amount)).toEqual([196_000n, 192_080n, 188_239n]);
    expect(path.value.years.every((y) => y.damping.districts[1]?.held === 'floor')).toBe(true);
    for (const year of path.value.years) expect(amounts(year).reduce((s, a) => s + a, 0n)).toBe(year.budget);
    expect(path.value.shortfall).toBe(188_239n - 150_000n);
  });

  it('refuses a floor a year cannot fund, naming the year', () => {
    // The budget falls by half in year 2: nobody can be held at -2%.
    const half = [75_000n, 75_000n, 50_000n];
    const path = transition(AREAS, [TARGET, half], { pace: { numerator: 1n, denominator: 2n }, floor: new Exact('-0.02') });
    expect(path.ok).toBe(false);
    expect(!path.ok && path.error).toMatchObject({ kind: 'usage', message: expect.stringMatching(/^year 2 of 2: /) });
  });

  it('adds up to every year’s budget to the penny, whatever the budgets and pace', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 10n }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 100 }),
        (previous, budgets, pacePct) => {
          const areas = previous.map((p, i) => ({ code: `X${i}`, name: `X${i}`, previous: p }));
          // Targets: each budget shared by weights 1, 2, 3, … (exactly; the remainder to the first).
          const targets = budgets.map((b) => {
            const weights = areas.map((_, i) => BigInt(i + 1));
            const sum = weights.reduce((s, w) => s + w, 0n);
            const parts = weights.map((w) => (b * w) / sum);
            parts[0] = (parts[0] as bigint) + b - parts.reduce((s, p) => s + p, 0n);
            return parts;
          });
          const path = transition(areas, targets, { pace: { numerator: BigInt(pacePct), denominator: 100n } });
          if (!path.ok) throw new Error(path.error.message);
          path.value.years.forEach((y, t) => expect(amounts(y).reduce((s, a) => s + a, 0n)).toBe(budgets[t]));
          expect(amounts(path.value.years.at(-1)!)).toEqual(targets.at(-1));
        },
      ),
    );
  });
});
