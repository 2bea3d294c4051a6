import { describe, expect, it } from 'vitest';
import { damp, type DampInput, type Damping, type DampOptions } from '../../src/engine/damp.js';
import { Exact } from '../../src/engine/exact.js';
import { dampingMeta, describeDamping } from '../../src/report/describeDamping.js';

const pct = (text: string) => new Exact(text).dividedBy(100);

function damped(districts: readonly DampInput[], budget: bigint, options: DampOptions): Damping {
  const result = damp(districts, budget, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('describeDamping', () => {
  it('names who the band held, and how much moved from whom to whom against the formula amounts, in one line', () => {
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 50000n, previous: 100000n },
        { code: 'B', name: 'Brill', formula: 160000n, previous: 100000n },
        { code: 'C', name: 'Cole', formula: 90000n, previous: 100000n },
      ],
      300000n,
      { floor: pct('-10'), ceiling: pct('10') },
    );
    expect(describeDamping(result, 'prev.csv')).toBe(
      'Damped against prev.csv (floor -10%, ceiling +10%): held at the floor: Ashby; held at the ceiling: Brill; ' +
        'against their formula amounts, £500.00 moved from Brill (-£500.00) to Ashby (+£400.00) and Cole (+£100.00).',
    );
  });

  it('says the others paid when only a floor held', () => {
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 80000n, previous: 100000n },
        { code: 'B', name: 'Brill', formula: 120000n, previous: 100000n },
      ],
      200000n,
      { floor: pct('-5') },
    );
    expect(describeDamping(result, 'prev.csv')).toBe(
      'Damped against prev.csv (floor -5%): held at the floor: Ashby; against their formula amounts, £150.00 moved from Brill (-£150.00) to Ashby (+£150.00).',
    );
  });

  it('never says a district held at its floor paid for it: one held below its formula amount is among those it came from', () => {
    // Ashby and Brill are held at the floor, £950 each; Cole (no previous allocation, so no band) pays
    // for both, and the common scale leaves Ashby's floor below its formula amount of £1,000.
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 100000n, previous: 100000n },
        { code: 'B', name: 'Brill', formula: 10000n, previous: 100000n },
        { code: 'C', name: 'Cole', formula: 100000n, previous: 0n },
      ],
      210000n,
      { floor: pct('-5') },
    );
    expect(result.districts.map((d) => [d.held, d.amount])).toEqual([
      ['floor', 95000n],
      ['floor', 95000n],
      ['', 20000n],
    ]);
    expect(describeDamping(result, 'prev.csv')).toBe(
      'Damped against prev.csv (floor -5%): held at the floor: Ashby, Brill; against their formula amounts, £850.00 moved from Ashby (-£50.00) and Cole (-£800.00) to Brill (+£850.00); ' +
        'Cole had no previous allocation, so no band applies to it.',
    );
  });

  it('says when no district reached its band, and names a district with no previous allocation', () => {
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 100000n, previous: 100000n },
        { code: 'N', name: 'Newtown', formula: 5000n, previous: 0n },
      ],
      105000n,
      { ceiling: pct('5') },
    );
    expect(describeDamping(result, 'prev.csv')).toBe(
      'Damped against prev.csv (ceiling +5%): no district reached its floor or ceiling, so every district gets its formula amount; Newtown had no previous allocation, so no band applies to it.',
    );
  });

  it('says former districts when the former districts were damped, in the line and in the JSON summary', () => {
    const result = damped(
      [
        { code: 'E07000150', name: 'Corby', formula: 80000n, previous: 100000n },
        { code: 'E07000151', name: 'Daventry', formula: 120000n, previous: 100000n },
      ],
      200000n,
      { floor: pct('-5') },
    );
    const line = describeDamping(result, 'last-year-2019.csv', { level: 'former-district' });
    expect(line).toBe(
      'Damped against last-year-2019.csv (floor -5%): held at the floor: Corby; against their formula amounts, £150.00 moved from Daventry (-£150.00) to Corby (+£150.00).',
    );
    expect(dampingMeta(result, 'last-year-2019.csv', { level: 'former-district' })).toMatchObject({ damping: { summary: line } });
    const calm = damped([{ code: 'E07000150', name: 'Corby', formula: 100000n, previous: 100000n }], 100000n, { ceiling: pct('5') });
    expect(describeDamping(calm, 'prev.csv', { level: 'former-district' })).toBe(
      'Damped against prev.csv (ceiling +5%): no former district reached its floor or ceiling, so every former district gets its formula amount.',
    );
  });

  it('gives the same as data for JSON', () => {
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 80000n, previous: 100000n },
        { code: 'B', name: 'Brill', formula: 120000n, previous: 100000n },
      ],
      200000n,
      { floor: pct('-5') },
    );
    expect(dampingMeta(result, 'prev.csv')).toEqual({
      damping: {
        previous: 'prev.csv',
        floor_pct: -5,
        ceiling_pct: null,
        floor_cost: '150.00',
        ceilings_freed: '0.00',
        held_at_floor: ['A'],
        held_at_ceiling: [],
        summary: describeDamping(result, 'prev.csv'),
      },
    });
  });
});
