import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// The committee report on the 2025 vintage: maps of any English area from the 2021 boundaries, and only
// of that area's LSOAs.
async function report(args: string[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'fairshare-report2025-')), 'r.html');
  const io = memoryIo();
  const code = await main(['report', ...args, '-o', file], io);
  return { code, err: io.err(), html: code === 0 ? readFileSync(file, 'utf8') : '' };
}

async function lsoaCodes(area: string): Promise<string[]> {
  const io = memoryIo();
  expect(await main(['allocate', '--budget', '1m', '--area', area, '--level', 'lsoa', '--format', 'csv'], io)).toBe(0);
  return (parse(io.out(), { columns: true }) as Record<string, string>[]).map((r) => r['lsoa_code'] as string);
}

/** The LSOA codes drawn in the report's first map (each map draws every LSOA once). */
function mapped(html: string): string[] {
  const codes = [...html.matchAll(/<path class="lsoa" data-code="(E01\d+)"/g)].map((m) => m[1] as string);
  const first = codes.indexOf(codes[0] as string, 1);
  return codes.slice(0, first === -1 ? codes.length : first).sort();
}

describe('fairshare report on the 2025 vintage', () => {
  it('maps Leicestershire from the England 2021 boundaries: exactly its own LSOAs', async () => {
    const r = await report(['--budget', '1m', '--area', 'Leicestershire']);
    expect(r.code).toBe(0);
    expect(mapped(r.html)).toEqual((await lsoaCodes('Leicestershire')).sort());
    expect(r.html).toContain('LSOA (2021) boundaries, super generalised (ONS)');
    expect(r.html).not.toContain('Maps are not available');
  });

  it('maps Northamptonshire (North and West) from the finer 2021 file, with no division table', async () => {
    const r = await report(['--budget', '12.7m', '--exclude', 'young-people,early-years']);
    expect(r.code).toBe(0);
    const codes = mapped(r.html);
    expect(codes).toHaveLength(442);
    expect(codes).not.toContain('E01027305');
    expect(r.html).toContain('LSOA (2021) boundaries, generalised (ONS)');
  });

  it('leaves the maps out for all of England, saying why', async () => {
    const r = await report(['--budget', '1m', '--area', 'england']);
    expect(r.code).toBe(0);
    expect(r.html).toContain('Maps are not available for England: the area has 33,755 LSOAs, too many to map legibly on a page.');
    expect(mapped(r.html)).toEqual([]);
  });
});
