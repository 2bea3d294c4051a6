import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { groupThousands } from '../../src/engine/wording.js';
import { memoryIo } from '../helpers/memoryIo.js';

// fairshare report --previous FILE --floor --ceiling: the report damps the district (or former-district)
// table exactly as allocate does, shows the one damping line, and lists the previous allocation among its
// sources and inputs. Last year's table is made by allocate itself from the shipped data.

const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
const BAND = ['--floor', '-2%', '--ceiling', '+2%'];

async function run(args: readonly string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main([...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A folder holding last year's 2019 district table, `last-year.csv`, written by allocate. */
async function lastYear(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-report-damping-'));
  const made = await run(['allocate', '--vintage', '2019', ...ADULTS, '-o', 'last-year.csv'], dir);
  expect(made.code, made.err).toBe(0);
  return dir;
}

const decode = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The report's section with this id (empty when there is none). */
function section(html: string, id: string): string {
  return new RegExp(`<section id="${id}"[^>]*>[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
}

/** A section's table: its column titles, and each body row's cells by title, as shown. */
function table(part: string): { titles: string[]; rows: Record<string, string>[] } {
  const cells = (row: string): string[] => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => decode(m[1] ?? ''));
  const titles = cells(/<thead>([\s\S]*?)<\/thead>/.exec(part)?.[1] ?? '');
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(part)?.[1] ?? '';
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => Object.fromEntries(cells(m[1] ?? '').map((c, i) => [titles[i] ?? '', c])));
  return { titles, rows };
}

/** The paragraphs of a section that are the damping line. */
function dampingLines(html: string): string[] {
  return [...html.matchAll(/<p class="note damping">(.*?)<\/p>/g)].map((m) => decode(m[1] ?? ''));
}

/** A CSV money cell as the report shows it: `£1,455,182.47`. */
const shown = (money: string): string => (money.startsWith('-') ? `-£${groupThousands(money.slice(1))}` : `£${groupThousands(money)}`);

describe('fairshare report --previous', () => {
  it("damps the district table to allocate's damped amounts, penny for penny, with previous, change and held", async () => {
    const dir = await lastYear();
    const args = ['--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', ...BAND];
    const allocated = await run(['allocate', ...args, '-f', 'csv'], dir);
    expect(allocated.code, allocated.err).toBe(0);
    const expected = parse(allocated.out, { columns: true }) as Record<string, string>[];
    const reported = await run(['report', ...args, '-o', 'report.html'], dir);
    expect(reported.code, reported.err).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');

    const districts = table(section(html, 'allocation'));
    expect(districts.titles).toEqual([
      'Code',
      'District',
      'LSOAs',
      'Population',
      'Allocation',
      '% of total',
      '£ per person',
      'Need index',
      'Previous',
      'Change %',
      'Held',
    ]);
    expect(districts.rows.map((r) => [r['Code'], r['Allocation'], r['Previous'], r['Change %'], r['Held']])).toEqual(
      expected.map((r) => [r['district_code'], shown(r['allocation'] as string), shown(r['previous'] as string), `${r['change_pct']}%`, r['held']]),
    );
    // The damping moved money: the amounts are not the formula's.
    const formula = parse((await run(['allocate', '--vintage', '2019', '--budget', '12.7m', '-f', 'csv'], dir)).out, { columns: true }) as Record<
      string,
      string
    >[];
    expect(districts.rows.map((r) => r['Allocation'])).not.toEqual(formula.map((r) => shown(r['allocation'] as string)));
    expect(expected.map((r) => r['held'])).toContain('floor');
    // The chart of £ per person by district is of the damped amounts.
    const chart = section(html, 'per-person');
    for (const r of expected) expect(chart).toContain(`£${r['per_person']}`);
  });

  it('shows the one damping line allocate prints, above the damped table, and names the band in the headline', async () => {
    const dir = await lastYear();
    const args = ['--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', ...BAND];
    const allocated = await run(['allocate', ...args, '-f', 'csv'], dir);
    const line = allocated.err.replace(/^fairshare: /, '').trimEnd();
    expect(line).toMatch(/^Damped against last-year\.csv \(floor -2%, ceiling \+2%\): held at the floor: South Northamptonshire; /);
    await run(['report', ...args, '-o', 'report.html'], dir);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(dampingLines(html)).toEqual([line]);
    expect(html.match(/Damped against/g)).toHaveLength(1);
    const allocation = section(html, 'allocation');
    expect(allocation.indexOf('class="note damping"')).toBeLessThan(allocation.indexOf('<table'));
    expect(decode(/<dl class="facts">[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '')).toContain(
      '<dt>Damping</dt><dd>floor -2%, ceiling +2% against last-year.csv, by district</dd>',
    );
  });

  it('lists the previous allocation among its sources and inputs, with its SHA-256', async () => {
    const dir = await lastYear();
    const sha = createHash('sha256')
      .update(readFileSync(join(dir, 'last-year.csv')))
      .digest('hex');
    expect((await run(['report', '--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', ...BAND, '-o', 'report.html'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(section(html, 'sources')).toContain('<li>Previous allocation, for damping: last-year.csv (your own file).</li>');
    expect(section(html, 'provenance')).toContain(`<tr><td>previous allocation</td><td><code>last-year.csv</code></td><td class="hash">${sha}</td></tr>`);
    expect(section(html, 'method')).toContain('Damping: each district&#39;s change against its previous allocation is kept within the floor and the ceiling');
  });

  it('says the division table and the maps are the formula amounts, before damping, and leaves their totals as they were', async () => {
    const dir = await lastYear();
    await run(['report', '--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', ...BAND, '-o', 'damped.html'], dir);
    await run(['report', '--vintage', '2019', '--budget', '12.7m', '-o', 'plain.html'], dir);
    const damped = readFileSync(join(dir, 'damped.html'), 'utf8');
    const plain = readFileSync(join(dir, 'plain.html'), 'utf8');
    expect(section(damped, 'divisions')).toContain('These are the formula amounts, before damping.');
    expect(section(damped, 'maps')).toContain('The maps show the formula amounts of the LSOAs, before damping (damping applies to the district table).');
    expect(table(section(damped, 'divisions')).rows).toEqual(table(section(plain, 'divisions')).rows);
    expect(plain).not.toContain('before damping');
    expect(dampingLines(plain)).toEqual([]);
  });

  it("damps the 2025 former districts against last year's 2019 district table as allocate --level former-district does", async () => {
    const dir = await lastYear();
    const args = ['--vintage', '2025', ...ADULTS, '--level', 'former-district', '--previous', 'last-year.csv', '--floor', '-5%', '--ceiling', '+5%'];
    const allocated = await run(['allocate', ...args, '-f', 'csv'], dir);
    expect(allocated.code, allocated.err).toBe(0);
    const expected = parse(allocated.out, { columns: true }) as Record<string, string>[];
    const reported = await run(['report', ...args, '-o', 'report.html'], dir);
    expect(reported.code, reported.err).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const former = table(section(html, 'former-districts'));
    expect(former.rows.map((r) => [r['Code'], r['Allocation'], r['Previous'], r['Held']])).toEqual(
      expected.map((r) => [r['former_district_code'], shown(r['allocation'] as string), shown(r['previous'] as string), r['held']]),
    );
    expect(dampingLines(section(html, 'former-districts'))).toEqual([allocated.err.replace(/^fairshare: /, '').trimEnd()]);
    // The two councils' table keeps its formula amounts, and says so.
    expect(table(section(html, 'allocation')).titles).not.toContain('Previous');
    expect(section(html, 'allocation')).toContain(
      'These are the formula amounts, before damping: the damped amounts are those of the former districts, below.',
    );
  });

  it('shows 2019 former districts damped as the district table, since each is its own district', async () => {
    const dir = await lastYear();
    const args = ['--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', ...BAND];
    await run(['report', ...args, '--level', 'former-district', '-o', 'former.html'], dir);
    await run(['report', ...args, '-o', 'district.html'], dir);
    const former = readFileSync(join(dir, 'former.html'), 'utf8');
    expect(section(former, 'former-districts')).toBe('');
    expect(table(section(former, 'allocation')).rows).toEqual(table(section(readFileSync(join(dir, 'district.html'), 'utf8'), 'allocation')).rows);
  });

  describe('refuses, with exit 2 and nothing written', () => {
    it.each([
      [
        '--floor without --previous',
        ['--vintage', '2019', '--budget', '12.7m', '--floor', '-2%'],
        /--floor limits the change against a previous allocation, but there is no --previous/,
      ],
      ['an unsigned floor', ['--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', '--floor', '2%'], /--floor/],
      [
        '--level without --previous',
        ['--vintage', '2019', '--budget', '12.7m', '--level', 'former-district'],
        /--level in a report says which table --previous damps, but there is no --previous/,
      ],
      [
        '--previous at the ward level',
        ['--vintage', '2019', '--budget', '12.7m', '--previous', 'last-year.csv', '--level', 'ward'],
        /--previous damps district or former-district allocations, not wards/,
      ],
      [
        '--previous with --scenarios',
        ['--scenarios', 'examples/directorates-2013.yaml', '--previous', 'last-year.csv'],
        /--previous damps a --budget report, not a --scenarios one/,
      ],
      [
        'a floor the budget cannot fund',
        ['--vintage', '2019', '--budget', '10m', '--previous', 'last-year.csv', '--floor', '-5%'],
        /the floor -5% cannot be funded/,
      ],
    ])('%s', async (_name, args, message) => {
      const dir = await lastYear();
      const result = await run(['report', ...args.map((a) => (a.startsWith('examples/') ? join(process.cwd(), a) : a)), '-o', 'report.html'], dir);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^fairshare: error: /);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
      expect(readdirSync(dir)).toEqual(['last-year.csv']);
    });
  });
});
