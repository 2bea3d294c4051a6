import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

async function report(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-report-'));
  const file = join(dir, 'report.html');
  const io = memoryIo();
  const code = await main(pin2019(['report', ...args, '-o', file]), io);
  return { code, err: io.err(), dir, html: () => readFileSync(file, 'utf8') };
}

describe('fairshare report', () => {
  it('writes one self-contained HTML file: inline CSS and SVG, no scripts, links or remote references', async () => {
    const r = await report(['--budget', '12.7m', '--exclude', 'young-people,early-years']);
    expect(r.code).toBe(0);
    const html = r.html();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('@media print');
    expect(html).toContain('size: A4');
    expect(html.match(/<svg/g)?.length).toBe(1 + 2 + 7); // bar chart, two maps, seven domain maps
  });

  it('names the area, budget, formula, excluded domains and data vintage in the headline', async () => {
    const html = (await report(['--budget', '12.7m', '--exclude', 'young-people,early-years'])).html();
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('Northamptonshire (E10000021): 422 LSOAs, 720,913 people');
    expect(header).toContain('£12,700,000.00');
    expect(header).toContain('deprivation ×1');
    expect(header).toContain('young-people, early-years');
    expect(header).toContain('IoD2019');
  });

  it('records the method, the licence and the SHA-256 of every input', async () => {
    const html = (await report(['--budget', '1m'])).html();
    expect(html).toContain('Open Government Licence v3.0');
    expect(html).toContain('Contains OS data © Crown copyright and database right');
    expect(html).toContain('RANK.AVG');
    for (const input of ['data/england-lsoa-2019.pack', 'data/formulas/northamptonshire.json', 'data/lookups/northamptonshire-divisions-2019.csv']) {
      expect(html).toContain(`<code>${input}</code>`);
    }
    expect(html.match(/class="hash">[0-9a-f]{64}</g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('gives the same bytes on every run', async () => {
    const a = (await report(['--budget', '12.7m'])).html();
    const b = (await report(['--budget', '12.7m'])).html();
    expect(a).toBe(b);
  });

  it('still renders for an area the boundaries do not cover, saying the maps are not available', async () => {
    const r = await report(['--budget', '1m', '--area', 'Rutland']);
    expect(r.code).toBe(0);
    expect(r.html()).toContain('Maps are not available for Rutland');
    expect(r.html()).not.toContain('Allocation by county electoral division');
  });

  it('keeps the 2019 sources and has no ward table or ward map (the 2019 data has no wards)', async () => {
    const html = (await report(['--budget', '1m'])).html();
    const section = html.slice(html.indexOf('<section id="sources">'), html.indexOf('<section id="provenance">'));
    expect([...section.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1])).toEqual([
      'Data: IoD2019 (MHCLG, September 2019); population mid-2015; districts 2019; counties May 2019.',
      'English Indices of Deprivation 2019 (Ministry of Housing, Communities and Local Government): domain and sub-domain ranks, IDACI and IDAOPI numerators (suppressed numerators, fewer than 10, counted as 5); population mid-2015 (ONS estimates as published with the IoD2019).',
      'ONS geography lookups: LSOA (2011) to ward (December 2019); ward to county electoral division (May 2019).',
      'Contains public sector information licensed under the Open Government Licence v3.0.',
      'LSOA (2011) boundaries, generalised (ONS). Contains OS data © Crown copyright and database right.',
    ]);
    expect(html).not.toContain('<section id="wards">');
    expect(html).not.toContain('class="ward"');
    expect(html).not.toContain('ward25_');
  });

  it('refuses a run with neither a budget nor a scenario file, and an output folder that does not exist', async () => {
    const none = await report([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('give a --budget to report on, or a --scenarios file');
    const io = memoryIo();
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-report-'));
    expect(await main(['report', '--budget', '1m', '-o', join(dir, 'missing', 'r.html')], io)).toBe(2);
    expect(io.err()).toMatch(/^fairshare: error: cannot write .*r\.html: the folder .*missing does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
