/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { display } from '../../src/report/display.js';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { memoryIo } from '../helpers/memoryIo.js';

// The explorer as an officer uses it: the page opened from disk in real headless Chromium, its controls
// moved, and after each move its table read and compared, to the penny, with fairshare allocate's.
const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const BASELINE = ['--budget', '12.7m', '--exclude', 'young-people,early-years', '--vintage', '2019'];

async function cli(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The rows of allocate's CSV as the page shows them: code, then allocation, share and £ per person. */
async function allocateRows(args: string[]): Promise<string[][]> {
  const done = await cli(['allocate', ...args, '--format', 'csv']);
  expect(done.code, done.err).toBe(0);
  const [header, ...lines] = done.out.trim().split('\n');
  const columns = (header ?? '').split(',');
  const at = (name: string): number => columns.findIndex((c) => c === name);
  return lines.map((line) => {
    const cells = line.split(',');
    const code = cells[0] ?? '';
    const cell = (name: string): string => cells[at(name)] ?? '';
    return [code, display(cell('allocation'), 'money'), display(cell('share_pct'), 'pct'), display(cell('per_person'), 'money')];
  });
}

async function pageRows(page: Page): Promise<string[][]> {
  return page.locator('table#allocation tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = (field: string): string => row.querySelector(`[data-field="${field}"]`)?.textContent ?? '';
      return [(row as HTMLElement).dataset['code'] ?? '', cell('allocation'), cell('share'), cell('per-person')];
    }),
  );
}

/** Move a domain's slider to `value`, as a pointer or the arrow keys would, and let the page update. */
async function slide(page: Page, domain: string, value: string): Promise<void> {
  await page.locator(`input[type=range][data-domain="${domain}"]`).evaluate((slider, v) => {
    (slider as HTMLInputElement).value = v;
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function open(browser: Browser, url: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1500 }, acceptDownloads: true });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    // The page itself and the downloads it makes (blob: URLs of its own text) are not the network.
    if (!r.url().startsWith('file:') && !r.url().startsWith('blob:')) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('table#allocation tbody tr').first().waitFor();
  return { page, errors, requests };
}

describe.skipIf(!HAS_CHROMIUM)('the explorer in a real browser', () => {
  let browser: Browser;
  let dir = '';
  let file = '';
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'fairshare-explore-'));
    file = join(dir, 'explore.html');
    const made = await cli(['explore', ...BASELINE, '-o', file]);
    expect(made.code, made.err).toBe(0);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives allocate’s pennies after every change of weight, domain and budget, offline and without errors', async () => {
    const { page, errors, requests } = await open(browser, pathToFileURL(file).href);
    expect(await pageRows(page)).toEqual(await allocateRows(BASELINE));
    expect(await page.locator('#total').textContent()).toBe('£12,700,000.00');

    await slide(page, 'community-safety', '2');
    const weighted = [...BASELINE, '--weight', 'community-safety=2'];
    expect(await pageRows(page)).toEqual(await allocateRows(weighted));

    await page.locator('input[type=checkbox][data-include="deprivation"]').uncheck();
    const fewer = ['--budget', '12.7m', '--exclude', 'young-people,early-years,deprivation', '--weight', 'community-safety=2', '--vintage', '2019'];
    expect(await pageRows(page)).toEqual(await allocateRows(fewer));

    await page.locator('#budget').fill('£9,512,345.67');
    const budget = ['--budget', '9512345.67', ...fewer.slice(2)];
    expect(await pageRows(page)).toEqual(await allocateRows(budget));
    expect(await page.locator('#total').textContent()).toBe('£9,512,345.67');

    // The number box moves the slider and the money alike.
    await page.locator('input[data-weight-box="communities"]').fill('0.35');
    expect(await page.locator('input[type=range][data-domain="communities"]').inputValue()).toBe('0.35');
    expect(await pageRows(page)).toEqual(await allocateRows([...budget, '--weight', 'communities=0.35']));

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('exports a scenario file that scenarios run turns into the page’s own table, byte for byte', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    await slide(page, 'community-safety', '1.5');
    await page.locator('input[type=checkbox][data-include="communities"]').uncheck();
    await page.locator('#budget').fill('10m');

    const [yaml] = await Promise.all([page.waitForEvent('download'), page.locator('#export-yaml').click()]);
    const scenarioFile = join(dir, 'scenarios.yaml');
    await yaml.saveAs(scenarioFile);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const tableFile = join(dir, 'table.csv');
    await csv.saveAs(tableFile);

    const results = join(dir, 'results');
    const ran = await cli(['scenarios', 'run', scenarioFile, '-o', results], dir);
    expect(ran.code, ran.err).toBe(0);
    expect(readFileSync(join(results, 'current.csv'), 'utf8')).toBe(readFileSync(tableFile, 'utf8'));
    const allocated = await cli([
      'allocate',
      '--budget',
      '10m',
      '--exclude',
      'communities,young-people,early-years',
      '--weight',
      'community-safety=1.5',
      '--vintage',
      '2019',
      '--format',
      'csv',
    ]);
    expect(readFileSync(tableFile, 'utf8')).toBe(allocated.out);
    expect(readFileSync(join(results, 'baseline.csv'), 'utf8')).toBe((await cli(['allocate', ...BASELINE, '--format', 'csv'])).out);
  });

  it('keeps the settings in the address, so a link reopens them', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    await slide(page, 'deprivation', '2.5');
    await page.locator('#budget').fill('5m');
    const rows = await pageRows(page);
    const url = page.url();
    expect(url).toContain('#');
    const reopened = await open(browser, url);
    expect(await pageRows(reopened.page)).toEqual(rows);
    expect(await reopened.page.locator('#budget').inputValue()).toBe('5m');
    await reopened.page.locator('#reset').click();
    expect(await pageRows(reopened.page)).toEqual(await allocateRows(BASELINE));
  });

  it('ignores what it does not know in the address: unknown domains and levels, __proto__, markup', async () => {
    const hostile = '#budget=12.7m&level=%3Cimg%20src%3Dx%3E&w.__proto__=5&w.constructor=2&exclude=__proto__,young-people,early-years';
    const { page, errors } = await open(browser, `${pathToFileURL(file).href}${hostile}`);
    expect(await pageRows(page)).toEqual(await allocateRows(BASELINE));
    expect(await page.locator('select#level').inputValue()).toBe('district');
    expect(errors).toEqual([]);
  });

  it('switches to the LSOA table, with allocate --level lsoa’s pennies', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    await page.locator('select#level').selectOption('lsoa');
    expect(await page.locator('table#allocation tbody tr').count()).toBe(422);
    const done = await cli(['allocate', ...BASELINE, '--level', 'lsoa', '--format', 'csv']);
    const [header, ...lines] = done.out.trim().split('\n');
    const allocation = (header ?? '').split(',').indexOf('allocation');
    const expected = lines.map((line) => [line.split(',')[0], display(line.split(',')[allocation] ?? '', 'money')]);
    expect((await pageRows(page)).map(([code, money]) => [code, money])).toEqual(expected);
  });

  it('names an LSOA of the map, with its need ranks, when it is focused from the keyboard', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    expect(await page.locator('svg path.lsoa').count()).toBe(422);
    const first = page.locator('svg path.lsoa').first();
    const code = await first.getAttribute('data-code');
    await first.focus();
    const info = await page.locator('#lsoa-info').textContent();
    expect(info).toContain(`(${code})`);
    expect(info).toMatch(/Need ranks \(1 = least need\): Deprivation [\d,]+ of 422/);
    // Every control has a label a screen reader reads.
    const unlabelled = await page
      .locator('input, select')
      .evaluateAll((controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0 && !c.getAttribute('aria-label')).map((c) => c.outerHTML));
    expect(unlabelled).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await slide(page, 'community-safety', '2');
    await page.screenshot({ path: join(ARTIFACTS, 'explore.png'), fullPage: true });
  });

  it('prints the current table and map on A4, without the controls', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    await slide(page, 'community-safety', '2');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form#controls').isVisible()).toBe(false);
    expect(await page.locator('#export-csv').isVisible()).toBe(false);
    expect(await page.locator('table#allocation').isVisible()).toBe(true);
    expect(await page.locator('svg path.lsoa').first().isVisible()).toBe(true);
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });

  it('has text that passes WCAG AA contrast (4.5:1) against what is behind it', async () => {
    const { page } = await open(browser, pathToFileURL(file).href);
    await slide(page, 'community-safety', '2');
    const failures = await page.evaluate(() => {
      const rgb = (text: string): number[] => (text.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
        const channel = (v: number): number => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] !== 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const bad: string[] = [];
      for (const el of document.querySelectorAll('h1, p, label, legend, th, td, button, option, figcaption, li, strong, code')) {
        if (!(el.textContent ?? '').trim()) continue;
        const fg = luminance(rgb(getComputedStyle(el).color));
        const bg = luminance(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) bad.push(`${el.tagName} ${el.className} "${(el.textContent ?? '').slice(0, 30)}": ${ratio.toFixed(2)}`);
      }
      return bad;
    });
    expect(failures).toEqual([]);
  });

  it('opens the default page (2025, Northamptonshire) with allocate’s pennies', async () => {
    const page2025 = join(dir, 'explore-2025.html');
    const made = await cli(['explore', '-o', page2025]);
    expect(made.code, made.err).toBe(0);
    const { page, errors } = await open(browser, pathToFileURL(page2025).href);
    expect(await pageRows(page)).toEqual(await allocateRows(['--budget', '12.7m']));
    await page.locator('select#level').selectOption('former-district');
    expect(await pageRows(page)).toEqual(await allocateRows(['--budget', '12.7m', '--level', 'former-district']));
    expect(errors).toEqual([]);
  });
});
