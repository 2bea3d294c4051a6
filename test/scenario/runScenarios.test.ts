import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FairshareError } from '../../src/engine/errors.js';
import { damp } from '../../src/engine/damp.js';
import { Exact } from '../../src/engine/exact.js';
import { fairShare } from '../../src/engine/fairShare.js';
import { tabulate, type Tabulation } from '../../src/engine/tabulate.js';
import { weigh, type WeighOptions } from '../../src/engine/weigh.js';
import { parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { planScenarios, type LoadedRefs } from '../../src/scenario/planScenarios.js';
import { runScenarios, type ScenarioResult, type ScenarioTable } from '../../src/scenario/runScenarios.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The five-LSOA example with a children's population as well, for population bases. */
const ROWS = FIVE_LSOAS.map((row, i) => ({ ...row, population_0_15: [20, 60, 30, 5, 25][i] as number }));
const dataset = fixtureDataset(ROWS);
const formula = fixtureFormula(['need_a', 'need_b']);
const load = (): LoadedRefs => ({ dataset, formula, dataWords: 'the five-LSOA fixture' });

function run(text: string) {
  const file = parseScenarioFile(text, 'run.yaml');
  if (!file.ok) throw new Error(`fixture file does not parse: ${file.error.message}`);
  const plans = planScenarios(file.value, load);
  if (!plans.ok) throw new Error(`fixture file does not plan: ${plans.error.message}`);
  return runScenarios(plans.value);
}

function results(text: string): ScenarioResult[] {
  const result = run(text);
  if (!result.ok) throw new Error(`expected a run, got: ${result.error.message}`);
  return result.value;
}

function refused(text: string): FairshareError {
  const result = run(text);
  if (result.ok) throw new Error('expected the run to be refused');
  return result.error;
}

/** The engine run directly, as `fairshare allocate` would: the reference a scenario must agree with. */
function direct(budget: string, options: WeighOptions, populationField = 'population'): Tabulation {
  const weighted = weigh(formula, options);
  if (!weighted.ok) throw new Error(weighted.error.message);
  const allocation = fairShare(dataset, weighted.value, new Exact(budget), { populationField });
  if (!allocation.ok) throw new Error(allocation.error.message);
  return tabulate(allocation.value);
}

/** A district table as plain strings, so that Decimal values compare by value. */
const cells = (table: ScenarioTable | undefined) => table?.rows.map((r) => [r.name, r.population.toString(), r.allocation.toFixed(2), r.sharePct, r.perPerson]);

/** Whole pennies per district, summed over tables. */
function penniesByDistrict(tables: readonly ScenarioTable[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const table of tables) {
    for (const row of table.rows) sums.set(row.name, (sums.get(row.name) ?? 0n) + BigInt(row.allocation.times(100).toFixed(0)));
  }
  return sums;
}

describe('runScenarios', () => {
  it('runs a scenario without pots exactly as the engine runs the same settings', () => {
    const [scenario] = results(yaml('scenarios:', '  a:', '    budget: 1000', '    weights: {need_b: 2}'));
    expect(scenario?.pots).toHaveLength(1);
    expect(cells(scenario?.table)).toEqual(cells(direct('1000', { weights: { need_b: '2' } })));
    expect(scenario?.table).toBe(scenario?.pots[0]?.table);
  });

  it('shares by the population base asked for', () => {
    const [scenario] = results(yaml('scenarios:', '  children:', '    budget: 1000', '    population: 0-15'));
    expect(cells(scenario?.table)).toEqual(cells(direct('1000', {}, 'population_0_15')));
    expect(scenario?.table.total.population.toString()).toBe('140');
  });

  describe('a scenario with pots', () => {
    const text = yaml(
      'scenarios:',
      '  pooled:',
      '    pots:',
      '      first:',
      '        budget: 333.33',
      '        exclude: [need_b]',
      '      second:',
      '        budget: 666.68',
      '        weights: {need_a: 0.25}',
      '      third:',
      '        budget: 0.01',
    );

    it('runs each pot with its own formula variant', () => {
      const [scenario] = results(text);
      expect(scenario?.pots.map((p) => p.plan.name)).toEqual(['first', 'second', 'third']);
      expect(cells(scenario?.pots[0]?.table)).toEqual(cells(direct('333.33', { exclude: ['need_b'] })));
      expect(cells(scenario?.pots[1]?.table)).toEqual(cells(direct('666.68', { weights: { need_a: '0.25' } })));
      expect(cells(scenario?.pots[2]?.table)).toEqual(cells(direct('0.01', {})));
    });

    it('sums the pots district by district to the penny', () => {
      const [scenario] = results(text);
      const summed = penniesByDistrict([scenario?.table as Tabulation]);
      const pots = penniesByDistrict(scenario?.pots.map((p) => p.table) ?? []);
      expect(summed).toEqual(pots);
      expect([...summed.values()].reduce((a, b) => a + b, 0n)).toBe(100002n);
    });

    it("totals exactly the scenario's budget, the sum of the pot budgets", () => {
      const [scenario] = results(text);
      expect(scenario?.plan.budget.toFixed(2)).toBe('1000.02');
      expect(scenario?.table.total.allocation.toFixed(2)).toBe('1000.02');
      expect(scenario?.table.total.sharePct).toBe('100.00');
    });

    it("works out £ per person over the scenario's population base, whatever the pots' bases", () => {
      const [scenario] = results(
        yaml(
          'scenarios:',
          '  pooled:',
          '    population: 0-15',
          '    pots:',
          '      kids:',
          '        budget: 700',
          '      all:',
          '        budget: 300',
          '        population: total',
        ),
      );
      expect(scenario?.pots.map((p) => p.table.total.population.toString())).toEqual(['140', '600']);
      expect(scenario?.table.total.population.toString()).toBe('140');
      expect(scenario?.table.total.perPerson).toBe('7.14');
    });

    it('totals the sum of any pot budgets, and each district the sum of its pots (property)', () => {
      const pot = fc.record({
        pennies: fc.integer({ min: 1, max: 10_000_000 }),
        weightA: fc.constantFrom('0', '0.5', '1', '3'),
        weightB: fc.constantFrom('0.1', '1', '2'),
      });
      fc.assert(
        fc.property(fc.array(pot, { minLength: 1, maxLength: 4 }), (pots) => {
          const lines = pots.flatMap((p, i) => [
            `      p${i}:`,
            `        budget: ${(p.pennies / 100).toFixed(2)}`,
            `        weights: {need_a: ${p.weightA}, need_b: ${p.weightB}}`,
          ]);
          const [scenario] = results(yaml('scenarios:', '  s:', '    pots:', ...lines));
          const expected = pots.reduce((sum, p) => sum + BigInt(p.pennies), 0n);
          const summed = penniesByDistrict([scenario?.table as Tabulation]);
          expect([...summed.values()].reduce((a, b) => a + b, 0n)).toBe(expected);
          expect(summed).toEqual(penniesByDistrict(scenario?.pots.map((p) => p.table) ?? []));
        }),
        { numRuns: 60 },
      );
    });
  });

  it('runs every scenario, in file order', () => {
    const run = results(yaml('defaults:', '  budget: 10', 'scenarios:', '  z: {}', '  a: {}', '  m:', '    area: South'));
    expect(run.map((r) => r.plan.name)).toEqual(['z', 'a', 'm']);
    expect(run.map((r) => r.table.rows.length)).toEqual([2, 2, 1]);
  });

  it('refuses to sum pots over a population base the data does not have', () => {
    const error = refused(yaml('scenarios:', '  pooled:', '    population: 60+', '    pots:', '      all:', '        budget: 10', '        population: total'));
    expect(error.code).toBe('missing-field');
    expect(error.message).toBe('scenario "pooled": the data has no "population_60_plus" column for its population base');
  });
});

describe('runScenarios: a damped scenario', () => {
  // Last year the fixture's two districts had £400 and £600.
  const LAST_YEAR = 'district_code,allocation\nD-North,400.00\nD-South,600.00\n';

  function runDamped(text: string, previous = LAST_YEAR) {
    const file = parseScenarioFile(text, 'run.yaml');
    if (!file.ok) throw new Error(`fixture file does not parse: ${file.error.message}`);
    const plans = planScenarios(file.value, load, { previous: () => previous });
    if (!plans.ok) throw new Error(`fixture file does not plan: ${plans.error.message}`);
    return runScenarios(plans.value);
  }
  const dampedResults = (text: string): ScenarioResult[] => {
    const result = runDamped(text);
    if (!result.ok) throw new Error(`expected a run, got: ${result.error.message}`);
    return result.value;
  };
  const pennyCells = (table: ScenarioTable | undefined) => table?.rows.map((r) => [r.code, r.allocation.toFixed(2)]);

  it("damps the scenario's table exactly as the engine damps the same formula amounts and previous allocation", () => {
    const formula = direct('1000', {});
    const previous = new Map([
      ['D-North', 40000n],
      ['D-South', 60000n],
    ]);
    const expected = damp(
      formula.rows.map((r) => ({ code: r.code, name: r.name, formula: BigInt(r.allocation.times(100).toFixed(0)), previous: previous.get(r.code) as bigint })),
      100000n,
      { floor: new Exact('-0.05'), ceiling: new Exact('0.05') },
    );
    if (!expected.ok) throw new Error(expected.error.message);
    // The band must hold someone, or this test would not tell damping from no damping.
    expect(expected.value.districts.some((d) => d.held !== '')).toBe(true);
    const [plain, damped] = dampedResults(
      yaml('defaults:', '  budget: 1000', 'scenarios:', '  plain: {}', '  damped:', '    previous: last-year.csv', '    floor: -5%', '    ceiling: +5%'),
    );
    expect(plain?.damping).toBeUndefined();
    expect(pennyCells(plain?.table)).toEqual(pennyCells(formula));
    expect(damped?.table.rows.map((r) => BigInt(r.allocation.times(100).toFixed(0)))).toEqual(expected.value.districts.map((d) => d.amount));
    expect(damped?.damping?.districts.map((d) => [d.code, d.held])).toEqual(expected.value.districts.map((d) => [d.code, d.held]));
    expect(damped?.table.total.allocation.toFixed(2)).toBe('1000.00');
    // Its one pot keeps the formula amounts.
    expect(pennyCells(damped?.pots[0]?.table)).toEqual(pennyCells(formula));
  });

  it("damps a scenario with pots after summing them, leaving each pot's table at its formula amounts", () => {
    const [pooled] = dampedResults(
      yaml(
        'scenarios:',
        '  pooled:',
        '    previous: last-year.csv',
        '    floor: -1%',
        '    ceiling: +1%',
        '    pots:',
        '      a:',
        '        budget: 600',
        '      b:',
        '        budget: 400',
        '        exclude: [need_b]',
      ),
    );
    expect(pooled?.damping).toBeDefined();
    expect(pennyCells(pooled?.table)).toEqual([
      ['D-North', '404.00'],
      ['D-South', '596.00'],
    ]);
    expect(pennyCells(pooled?.pots[0]?.table)).toEqual(pennyCells(direct('600', {})));
    expect(pennyCells(pooled?.pots[1]?.table)).toEqual(pennyCells(direct('400', { exclude: ['need_b'] })));
  });

  it('refuses a floor the budget cannot fund at the floor line, naming the scenario', () => {
    const result = runDamped(yaml('scenarios:', '  tight:', '    budget: 900', '    previous: last-year.csv', '    ceiling: +50%', '    floor: -2%'));
    if (result.ok) throw new Error('expected the run to be refused');
    expect(result.error).toMatchObject({ kind: 'data', code: 'infeasible-floor' });
    expect(result.error.message).toMatch(/^scenario "tight": the floor -2% cannot be funded: it needs £980\.00, more than the budget of £900\.00$/);
    expect(result.error.location).toEqual({ file: 'run.yaml', line: 6, column: 5 });
  });

  it('refuses a ceiling too low to spend the budget at the ceiling line', () => {
    const result = runDamped(yaml('scenarios:', '  capped:', '    budget: 1100', '    previous: last-year.csv', '    ceiling: +5%'));
    if (result.ok) throw new Error('expected the run to be refused');
    expect(result.error.code).toBe('infeasible-ceiling');
    expect(result.error.location).toEqual({ file: 'run.yaml', line: 5, column: 5 });
  });

  it('refuses a previous allocation without a row for a district at the previous: line, naming the file', () => {
    const result = (() => {
      const file = parseScenarioFile(yaml('scenarios:', '  a:', '    budget: 1000', '    previous: old.csv'), 'run.yaml');
      if (!file.ok) throw new Error(file.error.message);
      const plans = planScenarios(file.value, load, { previous: () => 'district_code,allocation\nD-North,400\n' });
      if (!plans.ok) throw new Error(plans.error.message);
      return runScenarios(plans.value);
    })();
    if (result.ok) throw new Error('expected the run to be refused');
    expect(result.error).toMatchObject({ kind: 'data', code: 'missing-districts' });
    expect(result.error.message).toBe('scenario "a": previous: old.csv: the previous allocation has no row for district D-South South');
    expect(result.error.location).toEqual({ file: 'run.yaml', line: 4, column: 5 });
  });

  it('keeps the file and line of a problem inside the previous allocation', () => {
    const file = parseScenarioFile(yaml('scenarios:', '  a:', '    budget: 1000', '    previous: old.csv'), 'run.yaml');
    if (!file.ok) throw new Error(file.error.message);
    const plans = planScenarios(file.value, load, { previous: () => 'district_code,allocation\nD-North,400\nD-South,lots\n' });
    if (!plans.ok) throw new Error(plans.error.message);
    const result = runScenarios(plans.value);
    if (result.ok) throw new Error('expected the run to be refused');
    expect(result.error.message).toBe('scenario "a": allocation "lots" of district D-South is not an amount of money');
    expect(result.error.location).toMatchObject({ file: 'old.csv', line: 3, column: 2 });
  });
});

describe('runScenarios: a pot with its own data', () => {
  it("shares the pot by its own figures over the scenario's LSOAs, and sums it LSOA by LSOA with the others", () => {
    // The same LSOAs in reverse order, with need_a turned upside down: the pot must follow the figures by
    // code, not by row.
    const own = fixtureDataset([...ROWS].reverse().map((row) => ({ ...row, need_a: 100 - (row.need_a as number) })));
    const file = parseScenarioFile(
      yaml('scenarios:', '  split:', '    pots:', '      shared:', '        budget: 500', '      own:', '        budget: 500', '        data: own.csv'),
      'run.yaml',
    );
    if (!file.ok) throw new Error(file.error.message);
    const plans = planScenarios(file.value, (refs) => (refs.data === 'own.csv' ? { dataset: own, formula, dataWords: 'own.csv' } : load()));
    if (!plans.ok) throw new Error(plans.error.message);
    const run = runScenarios(plans.value);
    if (!run.ok) throw new Error(run.error.message);
    const [split] = run.value;
    const weighted = weigh(formula, {});
    if (!weighted.ok) throw new Error(weighted.error.message);
    const byCode = fairShare(own, weighted.value, new Exact('500'));
    if (!byCode.ok) throw new Error(byCode.error.message);
    const expected = new Map(own.units.map((u, i) => [u.code, byCode.value.pennies[i]]));
    expect(split?.pots[1]?.allocation.dataset.units.map((u) => u.code)).toEqual(['F01', 'F02', 'F03', 'F04', 'F05']);
    expect(split?.pots[1]?.allocation.pennies).toEqual(dataset.units.map((u) => expected.get(u.code)));
    expect(penniesByDistrict([split?.table as Tabulation])).toEqual(penniesByDistrict(split?.pots.map((p) => p.table) ?? []));
  });
});
