import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

async function run(args: string[]) {
  const io = memoryIo({ env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('fairshare profile', () => {
  it('reads --level whatever its case, and writes its key in the JSON', async () => {
    const { code, out } = await run(['profile', '--level', ' Former-District ', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ area: 'E10000021', level: 'former-district', ranked: 442 });
    expect(json.rows[0]).toMatchObject({ area_code: 'E07000150', area_name: 'Corby', lsoas: 45 });
  });

  it("writes Corby's mean need ranks as the 2019 pack gives them", async () => {
    const { out } = await run(['profile', '--vintage', '2019', '--format', 'csv']);
    expect(out.split('\n')[1]).toMatch(/^E07000150,Corby,41,66887,274\.7,228\.5,269\.0,212\.6,289\.3,274\.3,276\.1,34\.4,/);
  });

  it('refuses an unknown level (and lsoa) before looking at --format, --vintage or --replace', async () => {
    for (const level of ['parish', 'lsoa']) {
      const { code, err } = await run(['profile', '--level', level, '--format', 'bogus', '--vintage', '2031', '--replace', 'nonsense']);
      expect(code).toBe(2);
      expect(err).toBe(`fairshare: error: unknown level "${level}". Use --level district, former-district, county, region, ward, division\n`);
    }
  });

  it('reports a bad --format, then a bad --vintage, before a bad --replace', async () => {
    expect((await run(['profile', '--format', 'bogus', '--vintage', '2031', '--replace', 'nonsense'])).err).toContain('unknown format "bogus"');
    expect((await run(['profile', '--vintage', '2031', '--replace', 'nonsense'])).err).toContain('unknown vintage "2031"');
    expect((await run(['profile', '--replace', 'nonsense'])).err).toContain('--replace "nonsense" is not of the form SOURCE=FILE');
  });
});
