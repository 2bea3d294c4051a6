import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { memoryIo } from '../helpers/memoryIo.js';

// The committee report as a person sees it: opened from disk in real headless Chromium.
const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');

async function writeReport(args: string[]): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'fairshare-report-')), 'report.html');
  const io = memoryIo();
  // The 2019 vintage's report (its numbers and its 422-LSOA map); the default is 2025.
  expect(await main(['report', ...args, '--vintage', '2019', '-o', file], io)).toBe(0);
  expect(io.err()).toBe('');
  return file;
}

/** Open a file and record console errors and every request other than the file itself. */
async function open(browser: Browser, file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const errors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe.skipIf(!HAS_CHROMIUM)('the committee report in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline with no console errors and no network requests, a map path per LSOA, and totals equal to the budget', async () => {
    const file = await writeReport(['--budget', '12.7m', '--exclude', 'young-people,early-years']);
    const { page, errors, requests } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('#figure-map path.lsoa').count()).toBe(422);
    expect(await page.locator('#per-person-map-map path.lsoa').count()).toBe(422);
    expect(await page.locator('#allocation tfoot td').allInnerTexts()).toContain('£12,700,000.00');
    expect(await page.locator('#divisions tfoot td').allInnerTexts()).toContain('£12,700,000.00');
    expect(await page.locator('#divisions tbody tr').count()).toBe(57);
    expect(await page.locator('.multiples svg').count()).toBe(7);
    expect(await page.locator('#figure-map path.lsoa title').first().textContent()).toMatch(/\(E01\d{6}\): figure [\d,.]+; £[\d,.]+/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: false });
    await page.locator('#maps').screenshot({ path: join(ARTIFACTS, 'report-maps.png') });
    await page.close();
  });

  it('prints to A4 pages', async () => {
    const file = await writeReport(['--budget', '12.7m']);
    const { page } = await open(browser, file);
    const pdf = await page.pdf({ format: 'A4' });
    // One page per section at least: headline + tables, divisions, chart, maps, domains, profile, method,
    // sources, provenance.
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(8);
    await page.close();
  });

  it('shows the comparison and a change chart for a scenario file', async () => {
    const file = await writeReport(['--scenarios', 'examples/directorates-2013.yaml']);
    const { page, errors, requests } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('#scenarios').innerText()).toContain('directorates-2013: change against single-formula');
    expect(await page.locator('#scenarios table').first().locator('tbody tr').count()).toBe(14);
    await page.screenshot({ path: join(ARTIFACTS, 'report-scenarios.png'), fullPage: false });
    await page.close();
  });

  it('renders without maps for an area the boundaries do not cover, and says so', async () => {
    const file = await writeReport(['--budget', '1m', '--area', 'Kingston upon Hull, City of']);
    const { page, errors } = await open(browser, file);
    expect(errors).toEqual([]);
    expect(await page.locator('#maps').innerText()).toContain('Maps are not available for Kingston upon Hull, City of');
    expect(await page.locator('path.lsoa').count()).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('£1,000,000.00');
    await page.close();
  });
});
