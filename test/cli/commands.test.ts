import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

async function run(args: string[]) {
  const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

describe('fairshare domains', () => {
  it('lists the seven domain ids with labels, sources and default weights', async () => {
    const { code, out } = await run(['domains']);
    expect(code).toBe(0);
    for (const id of ['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years']) {
      expect(out).toMatch(new RegExp(`^${id}\\s`, 'm'));
    }
    expect(out).toContain('Income domain rank [income_rank; higher = less need]');
    expect(out).toContain('1 = least need, 422 = most need');
  });

  it('ranks within the area asked for', async () => {
    expect((await run(['domains', '--area', 'Corby'])).out).toContain('1 = least need, 41 = most need');
  });

  it('lists the columns of a --data file as its domains', async () => {
    const { out } = await run(['domains', '--data', 'test/fixtures/data/five-lsoas.csv', '--format', 'csv']);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['id', 'need_a', 'need_b']);
  });
});

describe('fairshare areas', () => {
  it('lists England, counties and districts with LSOA counts and population', async () => {
    const { out } = await run(['areas', '--format', 'csv']);
    expect(out).toContain('england,England,england,32844,');
    expect(out).toContain('E10000021,Northamptonshire,county,422,720913');
    expect(out).toContain('E07000153,Kettering,district,57,97605');
  });

  it('filters by --search on name or code', async () => {
    const { out } = await run(['areas', '--search', 'northampton', '--format', 'csv']);
    expect(
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    ).toEqual(['Northamptonshire', 'East Northamptonshire', 'Northampton', 'South Northamptonshire']);
  });
});

describe('fairshare explain', () => {
  it("writes out one LSOA's ranks, figure, share and pennies, agreeing with allocate", async () => {
    const args = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
    const { code, out } = await run(['explain', 'E01027013', ...args]);
    expect(code).toBe(0);
    expect(out).toContain('Daventry 008D – E01027013');
    expect(out).toContain('young-people]: need rank');
    expect(out).toContain('excluded (weight 0)');
    const figure = /= ([\d,.]+)\n/.exec(out.split('2. LSOA figure')[1] ?? '')?.[1];
    const amount = /Allocation: £([\d,.]+)/.exec(out)?.[1];
    const lsoas = await run(['allocate', ...args, '--level', 'lsoa', '--format', 'csv']);
    const row = lsoas.out
      .split('\n')
      .find((l) => l.startsWith('E01027013,'))
      ?.split(',');
    expect(figure?.replace(/,/g, '')).toBe(row?.at(-3));
    expect(amount?.replace(/,/g, '')).toBe(row?.at(-2));
  });

  it('explains the hand-worked example: F04 gets one of the three leftover pennies', async () => {
    const { out } = await run(['explain', 'F04', '--budget', '1000', '--data', 'test/fixtures/data/five-lsoas.csv']);
    expect(out).toContain('1 × 5 + 1 × 5 = 10');
    expect(out).toContain('figure × population = 10 × 50 = 500');
    expect(out).toContain('Σ figure × population over the 5 LSOAs = 3,325');
    expect(out).toContain('floored to £150.37');
    expect(out).toContain('left 3 pennies');
    expect(out).toContain('this LSOA got one.');
    expect(out).toContain('Allocation: £150.38');
  });

  it('refuses an LSOA outside the selected area, naming where it is', async () => {
    const { code, err } = await run(['explain', 'E01027013', '--budget', '1m', '--area', 'Corby']);
    expect(code).toBe(2);
    expect(err).toContain('E01027013 (Daventry 008D) is in Daventry, outside the selected area Corby');
  });

  it('refuses an unknown LSOA code', async () => {
    const { code, err } = await run(['explain', 'E0102701X', '--budget', '1m']);
    expect(code).toBe(2);
    expect(err).toContain('unknown LSOA code "E0102701X"');
  });
});
