/**
 * Issue #9, scenario files and budgets: absurd numbers and sizes. Money is read from the text written,
 * never through a JavaScript number; the largest budget is £1 trillion and every budget up to it is
 * shared exactly; alias bombs, deep nesting and files over 10 MB are refused in one line; an unknown key
 * in a large file is found in time linear in its size. Large inputs are generated in a scratch folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CHARS } from '../../src/engine/parseAmount.js';
import { MAX_SCENARIO_FILE_CHARS, parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { expectRefused, runUntouched, scratch } from './harness.js';

const scenarioFile = (...lines: string[]): string => `defaults:\n  data: scenarios/areas.csv\nscenarios:\n${lines.join('\n')}\n`;
const checkIn = (dir: string, file = 'case.yaml') => runUntouched(['scenarios', 'check', file], dir);

/** A scenario file of about `size` characters: many one-line scenarios, and a typo in the last one. */
function largeFile(size: number): { text: string; typoLine: number } {
  const lines = ['scenarios:'];
  let length = lines[0]?.length ?? 0;
  for (let i = 0; length < size; i++) {
    const line = `  s${i}: {budget: 1m, weights: {need_a: 1}}`;
    lines.push(line);
    length += line.length + 1;
  }
  lines.push('  last:', '    budgte: 1m');
  return { text: `${lines.join('\n')}\n`, typoLine: lines.length };
}

describe('budgets in scenario files are read as written', () => {
  it.each([
    ['0x10', 'is not an amount of money'],
    ['0o17', 'is not an amount of money'],
    ['1.27e7', 'is not an amount of money'],
    ['.inf', 'is not an amount of money'],
    ['.NaN', 'is not an amount of money'],
    ['9007199254740993', 'is more than £1,000,000,000,000\\.00 \\(£1 trillion\\), the largest budget fairshare shares'],
    ['123456789012345678901234567890', 'is more than £1,000,000,000,000\\.00'],
  ])('refuses budget: %s quoting it as written (exit 1)', (budget, why) => {
    const dir = scratch({ 'case.yaml': scenarioFile('  a:', `    budget: ${budget}`) });
    expectRefused(checkIn(dir), {
      code: 1,
      message: new RegExp(`^fairshare: error: case\\.yaml:5:5: scenario "a": budget "${budget.replace(/\./g, '\\.')}" ${why}`),
    });
  });

  it('refuses a number-looking budget with the accepted forms, e.g. 12.7m', () => {
    const dir = scratch({ 'case.yaml': scenarioFile('  a:', '    budget: 1.27e7') });
    expectRefused(checkIn(dir), { code: 1, message: /Write it like 12\.7m, £12\.7m, 12,700,000, 12700000\.50/ });
  });

  it('reads 12700000, 12700000.50 and 12.7m exactly, and a pot of £999,999,999,999.99 beside one of 1p', () => {
    const dir = scratch({
      'case.yaml': scenarioFile(
        '  a: {budget: 12700000}',
        '  b: {budget: 12700000.50}',
        '  c: {budget: 12.7m}',
        '  d:',
        '    pots:',
        '      big: {budget: 999999999999.98}',
        '      penny: {budget: 0.01}',
      ),
    });
    const result = runUntouched(['scenarios', 'run', 'case.yaml', '-o', 'out'], dir);
    expect(result.err).toBe('');
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { scenarios: { name: string; budget: string }[] };
    expect(manifest.scenarios.map((s) => [s.name, s.budget])).toEqual([
      ['a', '12700000.00'],
      ['b', '12700000.50'],
      ['c', '12700000.00'],
      ['d', '999999999999.99'],
    ]);
    const json = runUntouched(['scenarios', 'run', 'case.yaml', '-o', 'json', '--format', 'json'], dir);
    expect(json.err).toBe('');
    const doc = JSON.parse(readFileSync(join(dir, 'json', 'scenarios.json'), 'utf8')) as {
      scenarios: { name: string; budget: unknown; pots?: { budget: unknown }[] }[];
    };
    expect(doc.scenarios.map((s) => [s.name, s.budget])).toEqual([
      ['a', '12700000.00'],
      ['b', '12700000.50'],
      ['c', '12700000.00'],
      ['d', '999999999999.99'],
    ]);
    expect(doc.scenarios[3]?.pots?.map((p) => p.budget)).toEqual(['999999999999.98', '0.01']);
  });

  it('refuses a .inf weight saying what was written (exit 1)', () => {
    const dir = scratch({ 'case.yaml': scenarioFile('  a:', '    budget: 1m', '    weights:', '      need_a: .inf') });
    expectRefused(checkIn(dir), {
      code: 1,
      message: /^fairshare: error: case\.yaml:6:5: scenario "a": weight for "need_a" must be a number of 0 or more, got "\.inf"\./,
    });
  });
});

describe('the largest budget', () => {
  it('refuses --budget 99999999999999999999999999m naming the limit (exit 2)', () => {
    expectRefused(runUntouched(['allocate', '--budget', '99999999999999999999999999m'], scratch()), {
      code: 2,
      message:
        /^fairshare: error: budget "99999999999999999999999999m" is more than £1,000,000,000,000\.00 \(£1 trillion\), the largest budget fairshare shares\. /,
    });
  });

  it('refuses a 100,000-digit --budget at once, quoting at most 60 characters (exit 2)', () => {
    const result = runUntouched(['allocate', '--budget', '9'.repeat(100_000)], scratch());
    expectRefused(result, {
      code: 2,
      message: new RegExp(`^fairshare: error: budget "9{59}…" is too long to be an amount of money \\(100000 characters; at most ${MAX_AMOUNT_CHARS}\\)\\. `),
    });
    expect(result.err.length).toBeLessThan(250);
  });

  it('shares £999,999,999,999.99 and 1p across England exactly to the penny', () => {
    const dir = scratch();
    for (const [budget, pennies] of [
      ['999,999,999,999.99', 99999999999999n],
      ['0.01', 1n],
      ['£1,000,000,000,000', 100000000000000n],
    ] as const) {
      const result = runUntouched(['allocate', '--budget', budget, '--area', 'england', '-f', 'csv'], dir);
      expect(result.code, result.err).toBe(0);
      const rows = parse(result.out, { columns: true }) as { allocation: string }[];
      const total = rows.reduce((sum, row) => sum + BigInt(row.allocation.replace('.', '')), 0n);
      expect(rows.length).toBeGreaterThan(250);
      expect(total).toBe(pennies);
    }
  });
});

describe('aliases, nesting and size', () => {
  it('refuses an alias bomb in one line naming the limit and the alias (exit 1)', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    const dir = scratch({ 'case.yaml': `${lines.join('\n')}\nscenarios:\n  a: {budget: 1m}\n` });
    const started = performance.now();
    expectRefused(checkIn(dir), {
      code: 1,
      message: /^fairshare: error: case\.yaml:\d+:\d+: too many aliases \(limit 10,000 values copied\): \*a\d takes the file past the limit\. /,
    });
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('still reads a file that shares a setting with an anchor and aliases', () => {
    const dir = scratch({ 'case.yaml': scenarioFile('  a: {budget: &b 1m, weights: &w {need_a: 2}}', '  b: {budget: *b, weights: *w}') });
    const result = checkIn(dir);
    expect(result.err).toBe('');
    expect(result.out).toBe('case.yaml: OK, 2 scenarios: a, b; baseline: a\n');
  });

  it('refuses brackets nested 100,000 deep before the YAML parser runs out of memory (exit 1)', () => {
    const dir = scratch({ 'case.yaml': scenarioFile('  a:', `    description: ${'['.repeat(100_000)}`) });
    expectRefused(checkIn(dir), { code: 1, message: /^fairshare: error: case\.yaml:5:\d+: the file is nested more than 100 levels deep\. / });
  });

  it('refuses a scenario file over 10 MB naming the limit (exit 1)', () => {
    const dir = scratch({ 'case.yaml': `scenarios:\n  a: {budget: 1m}\n${'# padding\n'.repeat(MAX_SCENARIO_FILE_CHARS / 10 + 1)}` });
    expectRefused(checkIn(dir), {
      code: 1,
      message: /^fairshare: error: case\.yaml: the scenario file is 10,000,0\d\d characters long, more than the limit of 10,000,000 \(about 10 MB\)\. /,
    });
  });

  it('finds an unknown key near the end of a 750 KB file, at its line', () => {
    const { text, typoLine } = largeFile(750_000);
    const dir = scratch({ 'case.yaml': text });
    expectRefused(checkIn(dir), {
      code: 1,
      message: new RegExp(`^fairshare: error: case\\.yaml:${typoLine}:5: scenarios\\.last: unknown key "budgte"\\. Did you mean "budget"\\?`),
    });
  });

  it('takes time linear in the size of the file to find it (four times the file, well under sixteen times the time)', () => {
    const time = (text: string): number => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const result = parseScenarioFile(text, 'large.yaml');
        best = Math.min(best, performance.now() - started);
        expect(result.ok).toBe(false);
      }
      return best;
    };
    // Short scenarios, so the file has many keys: 8,000 and 32,000 of them.
    const file = (count: number): string => `scenarios:\n${Array.from({ length: count }, (_, i) => `  s${i}: {}\n`).join('')}  last:\n    budgte: 1m\n`;
    const small = time(file(8_000));
    const large = time(file(32_000));
    // Linear: about 4×; the quadratic duplicate-key check this replaces took about 12× here (and 16× in the
    // limit).
    expect(large / small).toBeLessThan(7);
  });
});
