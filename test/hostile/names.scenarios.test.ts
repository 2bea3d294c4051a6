/**
 * Issue #9, scenario files: names are plain keys. Scenario, pot, domain and weight names like
 * `constructor`, `toString`, `prototype` work as ordinary names; `__proto__` is refused by the name
 * rule (a file name starts with a letter or digit) or as an unknown domain, and never silently dropped.
 * Keys that collide once read (1 and "1") and names that would collide as files (Adults and adults, CON)
 * are refused with the lines. Bin cases run on test/fixtures/hostile/scenarios/; the property test runs
 * the library (parse, plan, run) on random files with adversarial names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { planScenarios, type LoadedRefs } from '../../src/scenario/planScenarios.js';
import { runScenarios } from '../../src/scenario/runScenarios.js';
import { fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';
import { expectRefused, runUntouched, scratch } from './harness.js';

type ScenariosOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const check = (file: string): string[] => ['scenarios', 'check', `scenarios/${file}`];

describe('scenario, pot and weight names like Object properties', () => {
  it('checks and runs a file whose every name is an Object property, writing every file with exact totals', () => {
    const dir = scratch();
    const checked = runUntouched(check('object-names.yaml'), dir);
    expect(checked.err).toBe('');
    expect(checked.out).toBe('scenarios/object-names.yaml: OK, 3 scenarios: constructor (2 pots), hasOwnProperty, valueOf; baseline: constructor\n');

    const ran = runUntouched(['scenarios', 'run', 'scenarios/object-names.yaml', '-o', 'out'], dir);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    const read = (name: string): string => readFileSync(join(dir, 'out', name), 'utf8');
    const pennies = (csv: string): bigint =>
      csv
        .trim()
        .split('\n')
        .slice(1)
        .reduce((sum, line) => sum + BigInt((line.split(',')[4] as string).replace('.', '')), 0n);
    expect(pennies(read('constructor.toString.csv'))).toBe(99999999999998n);
    expect(pennies(read('constructor.prototype.csv'))).toBe(1n);
    expect(pennies(read('constructor.csv'))).toBe(99999999999999n);
    expect(pennies(read('hasOwnProperty.csv'))).toBe(1n);
    expect(pennies(read('valueOf.csv'))).toBe(1270000000n);
    const manifest = JSON.parse(read('manifest.json')) as {
      scenarios: { name: string; budget: string; pots: { name: string; formula: { domains: { id: string; weight: string }[] } }[] }[];
    };
    expect(manifest.scenarios.map((s) => [s.name, s.budget, s.pots.map((p) => p.name)])).toEqual([
      ['constructor', '999999999999.99', ['toString', 'prototype']],
      ['hasOwnProperty', '0.01', ['hasOwnProperty']],
      ['valueOf', '12700000.00', ['valueOf']],
    ]);
    expect(manifest.scenarios[2]?.pots[0]?.formula.domains.map((d) => [d.id, d.weight])).toEqual([
      ['constructor', '0.5'],
      ['tostring', '3'],
      ['need_a', '1'],
    ]);
  });

  it('refuses a scenario named __proto__ instead of dropping it (exit 1)', () => {
    expectRefused(runUntouched(check('proto-scenario.yaml'), scratch()), {
      code: 1,
      message: /^fairshare: error: scenarios\/proto-scenario\.yaml:7:3: scenario name "__proto__" cannot be used as a file name\. Start with a letter or digit/,
    });
  });

  it('refuses a pot named __proto__ instead of dropping it from the total (exit 1)', () => {
    expectRefused(runUntouched(check('proto-pot.yaml'), scratch()), {
      code: 1,
      message: /^fairshare: error: scenarios\/proto-pot\.yaml:7:7: pot name "__proto__" cannot be used as a file name/,
    });
  });

  it('refuses a weight for __proto__ as an unknown domain (exit 1)', () => {
    expectRefused(runUntouched(check('proto-weight.yaml'), scratch()), {
      code: 1,
      message:
        /^fairshare: error: scenarios\/proto-weight\.yaml:7:5: scenario "a": unknown domain "__proto__" in weights\. Domains: constructor, tostring, need_a\n$/,
    });
  });

  it.each(['__proto__', 'prototype', 'hasOwnProperty'])('refuses --weight %s=2 on the command line as an unknown domain (exit 2)', (id) => {
    expectRefused(runUntouched(['allocate', '--budget', '1m', '--data', 'scenarios/areas.csv', '--weight', `${id}=2`], scratch()), {
      code: 2,
      message: new RegExp(`^fairshare: error: unknown domain "${id}" in --weight\\.`),
    });
  });

  it('uses --weight constructor=2 for a domain called constructor', () => {
    const dir = scratch();
    const plain = runUntouched(['allocate', '--budget', '1000', '--data', 'scenarios/areas.csv', '-f', 'csv'], dir);
    const weighted = runUntouched(['allocate', '--budget', '1000', '--data', 'scenarios/areas.csv', '-f', 'csv', '--weight', 'constructor=2'], dir);
    expect(plain.code).toBe(0);
    expect(weighted.code).toBe(0);
    expect(weighted.out).not.toBe(plain.out);
  });

  it('refuses one domain weighted twice on the command line (exit 2)', () => {
    expectRefused(
      runUntouched(['allocate', '--budget', '1m', '--data', 'scenarios/areas.csv', '--weight', 'constructor=2', '--weight', 'constructor=3'], scratch()),
      {
        code: 2,
        message: /^fairshare: error: --weight gives domain "constructor" a weight twice\. Give each domain one --weight\n$/,
      },
    );
  });
});

describe('names that collide once read or as files', () => {
  it('refuses 1 and "1" with both line numbers (exit 1)', () => {
    expectRefused(runUntouched(check('one-and-quoted-one.yaml'), scratch()), {
      code: 1,
      message: /^fairshare: error: scenarios\/one-and-quoted-one\.yaml:6:3: "1" appears twice at the same level, on lines 5 and 6\./,
    });
  });

  it('refuses Adults and adults with both line numbers and the reason (exit 1)', () => {
    expectRefused(runUntouched(check('case-names.yaml'), scratch()), {
      code: 1,
      message:
        /^fairshare: error: scenarios\/case-names\.yaml:7:3: scenario names "Adults" \(line 5\) and "adults" \(line 7\) differ only in case, so their files would be one file on Windows and macOS\. Rename one of them\n$/,
    });
  });

  it.each(['CON', 'nul', 'Aux', 'PRN', 'com1', 'LPT9'])('refuses the Windows device name %s as a scenario name, saying so (exit 1)', (name) => {
    const dir = scratch({ 'device.yaml': `defaults:\n  data: scenarios/areas.csv\nscenarios:\n  ${name}: {budget: 1m}\n` });
    expectRefused(runUntouched(['scenarios', 'check', 'device.yaml'], dir), {
      code: 1,
      message: new RegExp(
        `^fairshare: error: device\\.yaml:4:3: scenario name "${name}" is a device name on Windows \\(CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9, in any case\\)`,
      ),
    });
  });
});

describe('property: adversarial names are kept or refused, never dropped, and pots add up', () => {
  const SCENARIO_NAMES = ['constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf', '__proto__', 'Adults', 'adults', 'a', 'CON', 'Comparison', '1'];
  const POT_NAMES = ['constructor', 'toString', 'prototype', '__proto__', 'x', 'X', 'lsoa', 'nul'];
  const DOMAINS = ['constructor', 'tostring', 'need_a'];
  const WEIGHT_KEYS = [...DOMAINS, '__proto__', 'hasOwnProperty'];
  const rows = [
    { code: 'F01', district: 'North', population: 100, constructor: 10, tostring: 5, need_a: 1 },
    { code: 'F02', district: 'North', population: 200, constructor: 30, tostring: 5, need_a: 2 },
    { code: 'F03', district: 'South', population: 150, constructor: 20, tostring: 1, need_a: 3 },
  ];
  const load = (): LoadedRefs => ({ dataset: fixtureDataset(rows), formula: fixtureFormula(DOMAINS), dataWords: 'fixture' });

  const validName = (name: string, reserved: readonly string[]): boolean =>
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) && !/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i.test(name) && !reserved.includes(name.toLowerCase());
  const caseUnique = (names: readonly string[]): boolean => new Set(names.map((n) => n.toLowerCase())).size === names.length;

  const pennies = fc.bigInt({ min: 1n, max: 10n ** 12n });
  const weights = fc.uniqueArray(fc.tuple(fc.constantFrom(...WEIGHT_KEYS), fc.constantFrom('0.5', '1', '2', '3')), { selector: ([k]) => k, maxLength: 3 });
  const pot = fc.record({ name: fc.constantFrom(...POT_NAMES), pennies, weights });
  const scenario = fc.record({
    name: fc.constantFrom(...SCENARIO_NAMES),
    pennies,
    weights,
    pots: fc.option(fc.uniqueArray(pot, { selector: (p) => p.name, minLength: 1, maxLength: 4 }), { nil: undefined }),
  });
  const file = fc.uniqueArray(scenario, { selector: (s) => s.name, minLength: 1, maxLength: 5 });

  const money = (p: bigint): string => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
  const weightsYaml = (w: readonly (readonly [string, string])[]): string => `{${w.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  const toYaml = (scenarios: ScenariosOf<typeof file>): string => {
    const lines = ['scenarios:'];
    for (const s of scenarios) {
      lines.push(`  ${s.name}:`);
      if (s.pots === undefined) {
        lines.push(`    budget: ${money(s.pennies)}`, `    weights: ${weightsYaml(s.weights)}`);
      } else {
        lines.push('    pots:');
        for (const p of s.pots) lines.push(`      ${p.name}: {budget: ${money(p.pennies)}, weights: ${weightsYaml(p.weights)}}`);
      }
    }
    return `${lines.join('\n')}\n`;
  };

  it('every scenario and pot appears in the plan and the result, and the pots sum to the scenario total, or the file is refused', () => {
    fc.assert(
      fc.property(file, (scenarios) => {
        const names = scenarios.map((s) => s.name);
        const namesOk = caseUnique(names) && names.every((n) => validName(n, ['comparison', 'manifest', 'scenarios']));
        const potsOk = scenarios.every(
          (s) => s.pots === undefined || (caseUnique(s.pots.map((p) => p.name)) && s.pots.every((p) => validName(p.name, ['lsoa']))),
        );
        const weightsOk = scenarios.every((s) =>
          (s.pots === undefined ? [s.weights] : s.pots.map((p) => p.weights)).every((w) => w.every(([k]) => DOMAINS.includes(k))),
        );
        const parsed = parseScenarioFile(toYaml(scenarios), 'property.yaml');
        if (!(namesOk && potsOk)) {
          expect(parsed.ok).toBe(false);
          return;
        }
        if (!parsed.ok) throw new Error(parsed.error.message);
        expect(parsed.value.scenarios.map((s) => s.name)).toEqual(names);
        const plans = planScenarios(parsed.value, load);
        if (!weightsOk) {
          expect(plans.ok).toBe(false);
          if (!plans.ok) expect(plans.error.code).toBe('unknown-domain');
          return;
        }
        if (!plans.ok) throw new Error(plans.error.message);
        const results = runScenarios(plans.value);
        if (!results.ok) throw new Error(results.error.message);
        expect(results.value.map((r) => r.plan.name)).toEqual(names);
        results.value.forEach((result, i) => {
          const spec = scenarios[i] as (typeof scenarios)[number];
          const expectedPots = spec.pots ?? [{ name: spec.name, pennies: spec.pennies }];
          expect(result.pots.map((p) => p.plan.name)).toEqual(expectedPots.map((p) => p.name));
          const total = expectedPots.reduce((sum, p) => sum + p.pennies, 0n);
          result.pots.forEach((p, j) => {
            expect(p.allocation.pennies.reduce((a, b) => a + b, 0n)).toBe((expectedPots[j] as { pennies: bigint }).pennies);
          });
          expect(result.plan.budget.times(100).toFixed(0)).toBe(total.toString());
          expect(result.table.rows.reduce((sum, row) => sum + BigInt(row.allocation.times(100).toFixed(0)), 0n)).toBe(total);
        });
      }),
      { numRuns: 200 },
    );
  });
});
