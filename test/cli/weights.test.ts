import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

async function run(args: string[]) {
  const io = memoryIo({ env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('fairshare weights', () => {
  it('writes each counted domain its nominal and effective weight, each column adding up to 100', async () => {
    const { code, out, err } = await run(['weights', '--exclude', 'young-people,early-years', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.domain)).toEqual(['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults']);
    expect(rows.every((r) => r.nominal_pct === '20.0')).toBe(true);
    const effective = rows.reduce((sum, r) => sum + Number(r.effective_pct), 0);
    expect(Math.abs(effective - 100)).toBeLessThanOrEqual(0.25); // five values each rounded to 0.1
    // Pinned from the shipped 2025 pack: deprivation carries more than its fifth, access to facilities
    // runs against the others.
    expect(Number(rows[0]?.effective_pct)).toBeGreaterThan(30);
    expect(Number(rows[1]?.effective_pct)).toBeLessThan(0);
    expect(err).toContain('fairshare: Deprivation carries');
    expect(err).toContain('tell the same story');
  });

  it('prints the table with a total of 100.0% and the sentences on how to read it', async () => {
    const { code, out } = await run(['weights', '--weight', 'community-safety=2', '--format', 'table']);
    expect(code).toBe(0);
    expect(out).toMatch(/Total\s+100\.0%\s+100\.0%/);
    expect(out).toContain("A domain's effective weight is its share of how much the LSOA figures differ");
    expect(out).toMatch(/community-safety\s+Community Safety\s+2\s+25\.0%/);
  });

  it('gives the pairs that tell the same story in the JSON, and refuses an unknown domain as usage', async () => {
    const json = await run(['weights', '--vintage', '2019', '--area', 'england', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.sameStory.some((p: { a: string; b: string }) => p.a === 'deprivation' && p.b === 'early-years')).toBe(true);
    const bad = await run(['weights', '--exclude', 'youngpeople']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^fairshare: error: unknown domain "youngpeople" in --exclude/);
  });

  it('is a section of the committee report, with the same figures as the command', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fairshare-weights-')), 'report.html');
    expect((await run(['report', '--budget', '12.7m', '--exclude', 'young-people,early-years', '-o', file])).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    const section = html.slice(html.indexOf('<section id="weights">'), html.indexOf('</section>', html.indexOf('<section id="weights">')));
    expect(section).toContain('Which domains drive the result');
    const { out } = await run(['weights', '--exclude', 'young-people,early-years', '--format', 'csv']);
    for (const row of parse(out, { columns: true }) as Record<string, string>[]) {
      expect(section).toContain(`<td>${row.domain}</td>`);
      expect(section).toContain(`${row.effective_pct}%`);
    }
  });
});
