import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

async function run(args: string[]) {
  const io = memoryIo({ env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('fairshare overlap', () => {
  it('writes each pair its own ρ, none of them 1, as the app layer gives them (2019)', async () => {
    const { code, out } = await run(['overlap', '--vintage', '2019', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    const rho = new Map(rows.map((r) => [`${r.within}:${r.a}~${r.b}`, r.rho]));
    // Pinned from the shipped 2019 pack; a domain or source correlated with itself would write 1.0000.
    expect(rho.get('domains:deprivation~access-to-facilities')).toBe('-0.4894');
    expect(rho.get('domains:community-safety~young-people')).toBe('0.5596');
    expect(rho.get('deprivation:income_rank~employment_rank')).toBe('0.9484');
    expect(rho.get('adults:health_rank~idaopi_rate')).toBe('0.7899');
    expect(rows.some((r) => Math.abs(Number(r.rho)) === 1)).toBe(false);
  });

  it('puts the area and its LSOAs in the JSON metadata', async () => {
    const { out } = await run(['overlap', '--vintage', '2019', '--area', 'Corby', '--format', 'json']);
    expect(JSON.parse(out)).toMatchObject({ area: 'E07000150', lsoas: 41 });
  });

  it('reports a bad --format before a bad --replace, and a bad --vintage before a bad --replace', async () => {
    const format = await run(['overlap', '--replace', 'nonsense', '--format', 'bogus']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('unknown format "bogus"');
    const vintage = await run(['overlap', '--replace', 'nonsense', '--vintage', '2031']);
    expect(vintage.code).toBe(2);
    expect(vintage.err).toContain('unknown vintage "2031"');
  });
});
