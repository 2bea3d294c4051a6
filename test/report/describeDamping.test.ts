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
  it('says what the floor cost, what the ceilings freed and who paid the difference, in one line', () => {
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
      'Damped against prev.csv (floor -10%, ceiling +10%): the floor cost £400.00 (Ashby +£400.00); ceilings freed £500.00 (Brill -£500.00); ' +
        'the other districts received the net £100.00 in proportion to their formula amounts (Cole +£100.00).',
    );
  });

  it('says the other districts paid when the floors cost more than the ceilings freed', () => {
    const result = damped(
      [
        { code: 'A', name: 'Ashby', formula: 80000n, previous: 100000n },
        { code: 'B', name: 'Brill', formula: 120000n, previous: 100000n },
      ],
      200000n,
      { floor: pct('-5') },
    );
    expect(describeDamping(result, 'prev.csv')).toBe(
      'Damped against prev.csv (floor -5%): the floor cost £150.00 (Ashby +£150.00); the other districts paid the net £150.00 in proportion to their formula amounts (Brill -£150.00).',
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
      'Damped against last-year-2019.csv (floor -5%): the floor cost £150.00 (Corby +£150.00); the other former districts paid the net £150.00 in proportion to their formula amounts (Daventry -£150.00).',
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
