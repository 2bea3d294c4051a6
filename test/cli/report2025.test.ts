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

async function wardCodes(area?: string): Promise<string[]> {
  const io = memoryIo();
  expect(await main(['allocate', '--budget', '1m', ...(area ? ['--area', area] : []), '--level', 'ward', '--format', 'csv'], io)).toBe(0);
  return (parse(io.out(), { columns: true }) as Record<string, string>[]).map((r) => r['ward_code'] as string);
}

/** The report's ward section (empty when there is none). */
function wardSection(html: string): string {
  return /<section id="wards">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

/** The ward codes of the ward table's body rows, in order. */
function tableWards(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(wardSection(html))?.[1] ?? '';
  return [...body.matchAll(/<tr><td[^>]*>(E05\d+)<\/td>/g)].map((m) => m[1] as string);
}

/** The items of the "Data sources and licence" list, as text. */
function sources(html: string): string[] {
  const section = /<section id="sources">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    (m[1] as string)
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

describe('fairshare report on the 2025 vintage: wards and sources', () => {
  it("has Northamptonshire's 66 wards (31 North, 35 West) in a ward table marked derived, with a note saying so", async () => {
    const r = await report(['--budget', '12.7m']);
    expect(r.code).toBe(0);
    const expected = await wardCodes();
    expect(expected).toHaveLength(66);
    expect(await wardCodes('North Northamptonshire')).toHaveLength(31);
    expect(await wardCodes('West Northamptonshire')).toHaveLength(35);
    const section = wardSection(r.html);
    expect(section).toContain('<h2>Allocation by ward</h2>');
    expect(tableWards(r.html)).toEqual(expected);
    expect(section).toContain('<th scope="col">Derived</th>');
    expect(section.match(/<td>yes<\/td>/g)).toHaveLength(66);
    expect(section).toContain(
      'All 66 wards are marked derived &quot;yes&quot;: the wards of North and West Northamptonshire are the May 2025 wards, derived by area (each LSOA goes to the ward holding the largest share of its area), not an ONS product.',
    );
    expect(section).toContain('£12,700,000.00');
    // After the district table, as the 2019 report's division table is.
    expect(r.html.indexOf('<section id="wards">')).toBeGreaterThan(r.html.indexOf('<section id="allocation"'));
    expect(r.html.indexOf('<section id="wards">')).toBeLessThan(r.html.indexOf('<section id="per-person">'));
  });

  it('maps £ per person by ward: exactly the ward codes of the table, once each, with a legend and a title naming ward, code and £', async () => {
    const r = await report(['--budget', '12.7m']);
    const section = wardSection(r.html);
    const drawn = [...r.html.matchAll(/<path class="ward" data-code="([^"]+)"/g)].map((m) => m[1] as string);
    expect(drawn).toEqual(tableWards(r.html));
    expect(new Set(drawn).size).toBe(66);
    expect(section).toContain('id="ward-map-legend"');
    expect(section).toMatch(/\(13 wards\)/);
    expect(section).toMatch(
      /<path class="ward" data-code="E05015977" [^>]*><title>Billing \(E05015977\): £\d+\.\d\d per person \(£[\d,]+\.\d\d for 11,917 people\)<\/title>/,
    );
    expect(section).not.toContain('No ward map');
    // The LSOA maps are as before: every path of theirs is an LSOA.
    expect(r.html.match(/<path class="lsoa" data-code="E01/g)?.length).toBe(442 * (2 + 7));
    // The ward files are inputs, with their SHA-256, and attributed.
    for (const file of ['ward25_E06000061_north_northamptonshire.geojson', 'ward25_E06000062_west_northamptonshire.geojson']) {
      expect(r.html).toMatch(new RegExp(`<td>boundaries</td><td><code>data/boundaries/${file}</code></td><td class="hash">[0-9a-f]{64}</td>`));
    }
    expect(sources(r.html)).toContain(
      'Ward (May 2025) boundaries of North and West Northamptonshire, generalised (ONS). Contains OS data © Crown copyright and database right.',
    );
  });

  it('draws only the wards of the area: West Northamptonshire alone gets its 35 wards and only its ward file', async () => {
    const r = await report(['--budget', '1m', '--area', 'West Northamptonshire']);
    expect(r.code).toBe(0);
    const drawn = [...r.html.matchAll(/<path class="ward" data-code="([^"]+)"/g)].map((m) => m[1] as string);
    expect(drawn).toEqual(await wardCodes('West Northamptonshire'));
    expect(r.html).not.toContain('ward25_E06000061');
    expect(sources(r.html)).toContain(
      'Ward (May 2025) boundaries of West Northamptonshire, generalised (ONS). Contains OS data © Crown copyright and database right.',
    );
  });

  it('names IoD2025, Census 2021 and the 2021 lookups and derived wards as its sources, and not IoD2019', async () => {
    const r = await report(['--budget', '12.7m']);
    const list = sources(r.html);
    expect(list.join('\n')).not.toMatch(/IoD2019|Indices of Deprivation 2019|mid-2015|2011/);
    expect(list).toContain(
      'English Indices of Deprivation 2025 (Ministry of Housing, Communities and Local Government, October 2025): domain and sub-domain ranks, IDACI and IDAOPI numerators (rounded to 5; suppressed numerators, fewer than 10, counted as 5).',
    );
    const census = list.find((s) => s.startsWith('Census 2021'));
    expect(census).toContain('usual residents by age (TS007a)');
    expect(census).toContain('(TS040)');
    expect(census).toContain('(TS039)');
    expect(list).toContain('ONS geography lookups: LSOA (2021) to local authority district (2024), upper tier (2023) and region (2024).');
    expect(list).toContain(
      'Wards of North and West Northamptonshire: the May 2025 wards, derived by area (each LSOA goes to the ward holding the largest share of its area), not an ONS product.',
    );
    expect(list).toContain('Contains public sector information licensed under the Open Government Licence v3.0.');
  });

  it('names the disability and unpaid care tables only when the formula uses them', async () => {
    const r = await report(['--budget', '12.7m', '--formula', 'northamptonshire-2025-like-2019']);
    expect(r.code).toBe(0);
    const census = sources(r.html).find((s) => s.startsWith('Census 2021'));
    expect(census).toContain('(TS007a)');
    expect(census).not.toMatch(/TS040|TS039/);
  });

  it('gives Leicestershire its ward table (138 wards, ONS best fit, none derived) but no ward map, saying why in one sentence', async () => {
    const r = await report(['--budget', '1m', '--area', 'Leicestershire']);
    expect(r.code).toBe(0);
    const expected = await wardCodes('Leicestershire');
    expect(expected.length).toBeLessThanOrEqual(200);
    expect(tableWards(r.html)).toEqual(expected);
    const section = wardSection(r.html);
    expect(section).not.toContain('<td>yes</td>');
    expect(section).not.toContain('derived by area');
    expect(section).not.toContain('<path class="ward"');
    expect(section.match(/No ward map/g)).toHaveLength(1);
    expect(section).toContain('No ward map: fairshare ships ward boundaries only for North and West Northamptonshire (their May 2025 wards).');
    expect(r.html).not.toContain('ward25_');
    expect(sources(r.html)).toContain(
      'ONS geography lookups: LSOA (2021) to local authority district (2024), upper tier (2023) and region (2024); LSOA (2021) to ward (2024), best fit.',
    );
    expect(sources(r.html).join('\n')).not.toContain('Wards of North and West Northamptonshire');
  });

  it("leaves England's ward table out, saying why", async () => {
    const r = await report(['--budget', '1m', '--area', 'england']);
    expect(r.code).toBe(0);
    const section = wardSection(r.html);
    expect(section).toMatch(/No ward table or ward map: England has [\d,]+ wards, too many for a committee paper \(the report lists at most 200\)/);
    expect(section).not.toContain('<table');
  });

  it('claims no shipped source for a --data file, nor the Open Government Licence', async () => {
    const r = await report(['--budget', '1m', '--data', join(import.meta.dirname, '..', 'fixtures', 'data', 'five-lsoas.csv')]);
    expect(r.code).toBe(0);
    expect(sources(r.html)).toEqual([expect.stringMatching(/^Data: your own file \(five-lsoas\.csv\); fairshare's shipped data was not used\.$/)]);
    expect(r.html).not.toContain('Open Government Licence');
    expect(wardSection(r.html)).toBe('');
  });
});

describe('fairshare report on the 2025 vintage: former districts', () => {
  const formerSection = (html: string): string => /<section id="former-districts">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  it("has Northamptonshire's seven former districts, each equal to allocate --level former-district", async () => {
    const r = await report(['--budget', '12.7m', '--exclude', 'young-people,early-years']);
    expect(r.code).toBe(0);
    const section = formerSection(r.html);
    expect(section).toContain('<h2>Allocation by former district</h2>');
    const io = memoryIo();
    expect(await main(['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years', '--level', 'former-district', '--format', 'csv'], io)).toBe(0);
    const rows = parse(io.out(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const amount = `£${Number(row['allocation']).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
      expect(section).toMatch(
        new RegExp(`<td[^>]*>${row['former_district_code']}</td><td[^>]*>${row['former_district_name']}</td>.*?${amount.replace(/[.$]/g, '\\$&')}`),
      );
    }
    expect(section).toContain('fairshare compare-vintages explains the change');
  });

  it('has none where no council was reorganised (Leicestershire)', async () => {
    const r = await report(['--budget', '1m', '--area', 'Leicestershire']);
    expect(r.code).toBe(0);
    expect(formerSection(r.html)).toBe('');
  });
});

describe('fairshare report wording for one council and for areas that are not counties', () => {
  it('says "area average", not "County average", for a unitary, and no "1 districts"', async () => {
    const r = await report(['--budget', '1m', '--area', 'Camden']);
    expect(r.code).toBe(0);
    expect(r.html).not.toContain('1 districts');
    expect(r.html).toContain('shared across the LSOAs of Camden');
    expect(r.html).toContain('Area average: £');
    expect(r.html).not.toContain('County average');
  });

  it('keeps "County average" for a county', async () => {
    const r = await report(['--budget', '1m', '--area', 'Leicestershire']);
    expect(r.html).toContain('County average: £');
  });
});
