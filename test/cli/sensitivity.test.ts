import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];

async function run(args: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(options);
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

describe('fairshare sensitivity', () => {
  it('prints bands for the seven districts from 10,000 draws, the same on every run', async () => {
    const args = ['sensitivity', ...ADULTS, '--draws', '10000', '--seed', '1'];
    const a = await run(args);
    const b = await run(args);
    expect(a.code).toBe(0);
    expect(a.err).toBe('');
    expect(a.out).toBe(b.out);
    const rows = parse(a.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.district_name)).toEqual([
      'Corby',
      'Daventry',
      'East Northamptonshire',
      'Kettering',
      'Northampton',
      'South Northamptonshire',
      'Wellingborough',
    ]);
    for (const r of rows) {
      expect(Number(r.allocation_p5)).toBeLessThanOrEqual(Number(r.allocation_median));
      expect(Number(r.allocation_median)).toBeLessThanOrEqual(Number(r.allocation_p95));
      expect(Number(r.rank_changed_pct)).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(rows[0]!)).toContain('without_community-safety');
    expect(Object.keys(rows[0]!)).not.toContain('without_early-years');
  });

  it('keeps the unperturbed allocation equal to allocate’s, and the leave-one-out changes summing to zero', async () => {
    const bands = parse((await run(['sensitivity', ...ADULTS, '--draws', '50'])).out, { columns: true }) as Record<string, string>[];
    const allocate = parse((await run(['allocate', ...ADULTS])).out, { columns: true }) as Record<string, string>[];
    expect(bands.map((r) => r.allocation)).toEqual(allocate.map((r) => r.allocation));
    const pennies = (column: string) => bands.reduce((s, r) => s + BigInt(r[column]!.replace('.', '')), 0n);
    expect(pennies('without_adults')).toBe(0n);
    expect(pennies('without_deprivation')).toBe(0n);
  });

  it('gives a different answer for another seed and draws Dirichlet weights on request', async () => {
    const one = await run(['sensitivity', ...ADULTS, '--draws', '500', '--seed', '1']);
    const two = await run(['sensitivity', ...ADULTS, '--draws', '500', '--seed', '2']);
    expect(one.out).not.toBe(two.out);
    expect((await run(['sensitivity', ...ADULTS, '--draws', '500', '--method', 'dirichlet'])).code).toBe(0);
  });

  it('draws Dirichlet weights when asked: other bands than uniform’s at the same seed, set by --concentration and not --spread', async () => {
    const bands = async (args: string[]) => {
      const result = await run(['sensitivity', ...ADULTS, '--draws', '500', '--seed', '1', '--format', 'csv', ...args]);
      expect(result.code).toBe(0);
      return parse(result.out, { columns: true }) as Record<string, string>[];
    };
    const width = (rows: Record<string, string>[]) => rows.map((r) => Number(r.allocation_p95) - Number(r.allocation_p5));
    const uniform = await bands([]);
    const dirichlet = await bands(['--method', 'dirichlet']);
    // The same unperturbed pennies and leave-one-out changes; only the draws differ.
    expect(dirichlet.map((r) => [r.allocation, r['without_community-safety']])).toEqual(uniform.map((r) => [r.allocation, r['without_community-safety']]));
    expect(dirichlet.map((r) => r.allocation_p5)).not.toEqual(uniform.map((r) => r.allocation_p5));
    // --spread is of uniform draws only; --concentration is of Dirichlet draws only.
    expect(await bands(['--method', 'dirichlet', '--spread', '0.9'])).toEqual(dirichlet);
    expect(await bands(['--spread', '0.9'])).not.toEqual(uniform);
    const loose = width(await bands(['--method', 'dirichlet', '--concentration', '5']));
    const tight = width(await bands(['--method', 'dirichlet', '--concentration', '5000']));
    loose.forEach((w, i) => expect(w).toBeGreaterThan(tight[i] as number));
    const json = JSON.parse((await run(['sensitivity', ...ADULTS, '--draws', '10', '--method', 'dirichlet', '--format', 'json'])).out) as {
      method: string;
      concentration: number;
    };
    expect(json).toMatchObject({ method: 'dirichlet', concentration: 50 });
  });

  it('draws a progress bar on a terminal only, and tables of bands and leave-one-out changes', async () => {
    const tty = await run(['sensitivity', ...ADULTS, '--draws', '2000'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.err).toContain('draws');
    expect(tty.out).toContain('2,000 draws (seed 1)');
    expect(tty.out).toContain('Change when each domain alone is left out');
    const piped = await run(['sensitivity', ...ADULTS, '--draws', '2000']);
    expect(piped.err).toBe('');
  });

  describe('bad input: one line, exit 2, nothing written', () => {
    it.each([
      [['--draws', '0'], /--draws must be a whole number of 1 or more/],
      [['--draws', '2.5'], /--draws must be a whole number/],
      [['--draws', '5000000'], /more than the 1,000,000 allowed/],
      [['--spread', '1'], /--spread must be between 0 and 1/],
      [['--spread', '-0.1'], /--spread must be between 0 and 1/],
      [['--seed', 'x'], /--seed must be a whole number/],
      [['--method', 'normal'], /unknown --method "normal"/],
      [['--concentration', '0', '--method', 'dirichlet'], /--concentration must be a number above 0/],
    ])('%j', async (args, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'fairshare-sens-'));
      const result = await run(['sensitivity', ...ADULTS, ...args, '-o', join(dir, 'bands.csv')]);
      expect(result.code).toBe(2);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  describe('--level', () => {
    it('bands the seven former districts of the 2025 vintage, each unperturbed amount equal to allocate’s', async () => {
      const bands = parse((await run(['sensitivity', ...ADULTS, '--vintage', '2025', '--level', 'former-district', '--draws', '200'])).out, {
        columns: true,
      }) as Record<string, string>[];
      const allocate = parse((await run(['allocate', ...ADULTS, '--vintage', '2025', '--level', 'former-district'])).out, { columns: true }) as Record<
        string,
        string
      >[];
      expect(Object.keys(bands[0] ?? {}).slice(0, 2)).toEqual(['former_district_code', 'former_district_name']);
      expect(bands.map((r) => r.former_district_code)).toEqual(allocate.map((r) => r.former_district_code));
      expect(bands.map((r) => r.allocation)).toEqual(allocate.map((r) => r.allocation));
      for (const r of bands) {
        expect(Number(r.allocation_p5)).toBeLessThanOrEqual(Number(r.allocation_p95));
      }
      // Leaving a domain out moves money between the areas, never in or out of the total.
      const pennies = (pounds: string) => BigInt(pounds.replace('.', ''));
      expect(bands.reduce((sum, r) => sum + pennies(r['without_community-safety'] as string), 0n)).toBe(0n);
    });

    it('refuses wards shared out through a lookup (the 2019 vintage), exit 2 in one line', async () => {
      const result = await run(['sensitivity', ...ADULTS, '--level', 'ward', '--draws', '10']);
      expect(result.code).toBe(2);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toContain('the 2019 vintage has no such wards');
      expect(result.out).toBe('');
    });
  });
});
