import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ExploreModel } from '../../src/report/explore/exploreModel.js';
import { scenarioYaml } from '../../src/report/explore/scenarioYaml.js';
import { memoryIo } from '../helpers/memoryIo.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function run(args: string[], cwd = ROOT) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fairshare-explore-cli-'));
}

/** The page's model, read back from its JSON data block as the page's script reads it. */
function modelOf(html: string): ExploreModel {
  const block = /<script type="application\/json" id="explore-data">([\s\S]*?)<\/script>/.exec(html);
  if (!block) throw new Error('no data block');
  return JSON.parse(block[1] ?? '') as ExploreModel;
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('fairshare explore', () => {
  it('writes one page whose policy allows only its own inline script and style, by hash, and nothing from the network', async () => {
    const file = join(tempDir(), 'explore.html');
    const done = await run(['explore', '--budget', '12.7m', '--vintage', '2019', '-o', file]);
    expect(done.code, done.err).toBe(0);
    expect(done.err).toContain('wrote the explorer of Northamptonshire (422 LSOAs, with its LSOA map)');
    const html = readFileSync(file, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(scripts[0] ?? '')}`);
    expect(csp).toContain(`style-src ${hash(styles[0] ?? '')}`);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/ style="/);
    expect(Buffer.byteLength(html)).toBeLessThan(5_000_000);
  });

  it('holds the baseline it was made with and the area’s LSOAs, and keeps a 2025 county page under 5 MB', async () => {
    const file = join(tempDir(), 'explore.html');
    const done = await run(['explore', '--budget', '4m', '--exclude', 'young-people', '--weight', 'community-safety=2', '-o', file]);
    expect(done.code, done.err).toBe(0);
    const html = readFileSync(file, 'utf8');
    const model = modelOf(html);
    expect(model.baseline).toMatchObject({ budget: '4m', exclude: ['young-people'], level: 'district' });
    expect(new Map(model.baseline.weights).get('community-safety')).toBe('2');
    expect(model.units).toHaveLength(model.area.lsoas);
    expect(model.levels.map((l) => l.id)).toEqual(['district', 'former-district', 'ward', 'lsoa']);
    expect(Buffer.byteLength(html)).toBeLessThan(5_000_000);
  });

  it('starts at the level asked for, and refuses one the data does not have (exit 2)', async () => {
    const dir = tempDir();
    const ward = await run(['explore', '--level', 'ward', '-o', join(dir, 'w.html')]);
    expect(ward.code, ward.err).toBe(0);
    expect(modelOf(readFileSync(join(dir, 'w.html'), 'utf8')).levels[0]?.id).toBe('ward');
    const none = await run(['explore', '--vintage', '2019', '--level', 'region', '-o', join(dir, 'r.html')]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/the explorer has no level "region" for Northamptonshire.*Use --level district, lsoa/s);
  });

  it('refuses an output that is not an HTML page, and a bad budget, writing nothing (exit 2)', async () => {
    const dir = tempDir();
    const csv = await run(['explore', '-o', join(dir, 'explore.csv')]);
    expect(csv.code).toBe(2);
    expect(csv.err).toContain('Give -o FILE.html');
    const budget = await run(['explore', '--budget', 'lots', '-o', join(dir, 'explore.html')]);
    expect(budget.code).toBe(2);
    expect(() => readFileSync(join(dir, 'explore.html'))).toThrow();
  });

  it('escapes names from the data: no tag of theirs reaches the page, and the model gives them back as written', async () => {
    const dir = tempDir();
    const hostile = '</script><script>alert(1)</script>';
    writeFileSync(
      join(dir, 'hostile.csv'),
      [
        'code,name,district,population,need_a',
        `F01,"${hostile}",North,100,10`,
        'F02,"<img src=x onerror=alert(1)>",South,100,20',
        'F03,Plain,South,100,5',
      ].join('\n'),
    );
    const done = await run(['explore', '--budget', '1000', '--data', 'hostile.csv', '-o', 'page.html'], dir);
    expect(done.code, done.err).toBe(0);
    expect(done.err).toContain('without a map');
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(modelOf(html).units.map((u) => u.name)).toEqual([hostile, '<img src=x onerror=alert(1)>', 'Plain']);
    expect(modelOf(html).scenario).toMatchObject({ data: 'hostile.csv' });
  });
});

describe('the explorer’s scenario file', () => {
  it('is two scenarios, every value quoted, weights only of the domains counted', () => {
    const model = {
      tool: { name: 'fairshare', version: '9.9.9' },
      area: { kind: 'county', code: 'E10000021', name: 'North: "quoted" #1', lsoas: 3 },
      scenario: { area: 'E10000021', vintage: '2019', population: 'total', replace: [['__proto__', 'a: b.csv']] },
    } as unknown as ExploreModel;
    const baseline = {
      budget: '12.7m',
      exclude: [],
      weights: [
        ['a', '1'],
        ['__proto__', '2'],
      ],
      level: 'district',
    } as const;
    const current = {
      budget: '£1,000',
      exclude: ['a'],
      weights: [
        ['a', '3'],
        ['__proto__', '0.5'],
      ],
      level: 'district',
    } as const;
    const doc = parse(scenarioYaml(model, baseline, current), { mapAsMap: true }) as Map<string, unknown>;
    expect(doc.get('description')).toBe('Explorer: North: "quoted" #1');
    const defaults = doc.get('defaults') as Map<string, unknown>;
    expect(defaults.get('area')).toBe('E10000021');
    expect([...(defaults.get('replace') as Map<string, string>)]).toEqual([['__proto__', 'a: b.csv']]);
    const scenarios = doc.get('scenarios') as Map<string, Map<string, unknown>>;
    expect([...scenarios.keys()]).toEqual(['baseline', 'current']);
    expect(scenarios.get('current')?.get('budget')).toBe('£1,000');
    expect(scenarios.get('current')?.get('exclude')).toEqual(['a']);
    expect([...(scenarios.get('current')?.get('weights') as Map<string, string>)]).toEqual([['__proto__', '0.5']]);
  });
});
