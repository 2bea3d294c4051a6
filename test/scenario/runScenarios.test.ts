import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FairshareError } from '../../src/engine/errors.js';
import { Exact } from '../../src/engine/exact.js';
import { fairShare } from '../../src/engine/fairShare.js';
import { tabulate, type DistrictTable } from '../../src/engine/tabulate.js';
import { weigh, type WeighOptions } from '../../src/engine/weigh.js';
import { parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { planScenarios, type LoadedRefs } from '../../src/scenario/planScenarios.js';
import { runScenarios, type ScenarioResult } from '../../src/scenario/runScenarios.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The five-LSOA example with a children's population as well, for population bases. */
const ROWS = FIVE_LSOAS.map((row, i) => ({ ...row, population_0_15: [20, 60, 30, 5, 25][i] as number }));
const dataset = fixtureDataset(ROWS);
const formula = fixtureFormula(['need_a', 'need_b']);
const load = (): LoadedRefs => ({ dataset, formula, source: 'the five-LSOA fixture' });

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
function direct(budget: string, options: WeighOptions, populationField = 'population'): DistrictTable {
  const weighted = weigh(formula, options);
  if (!weighted.ok) throw new Error(weighted.error.message);
  const allocation = fairShare(dataset, weighted.value, new Exact(budget), { populationField });
  if (!allocation.ok) throw new Error(allocation.error.message);
  return tabulate(allocation.value);
}

/** A district table as plain strings, so that Decimal values compare by value. */
const cells = (table: DistrictTable | undefined) =>
  table?.rows.map((r) => [r.name, r.population.toString(), r.allocation.toFixed(2), r.sharePct, r.perPerson]);

/** Whole pennies per district, summed over tables. */
function penniesByDistrict(tables: readonly DistrictTable[]): Map<string, bigint> {
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
      const summed = penniesByDistrict([scenario?.table as DistrictTable]);
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
        yaml('scenarios:', '  pooled:', '    population: 0-15', '    pots:', '      kids:', '        budget: 700', '      all:', '        budget: 300', '        population: total'),
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
          const summed = penniesByDistrict([scenario?.table as DistrictTable]);
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

  it("refuses to sum pots over a population base the data does not have", () => {
    const error = refused(yaml('scenarios:', '  pooled:', '    population: 60+', '    pots:', '      all:', '        budget: 10', '        population: total'));
    expect(error.code).toBe('missing-field');
    expect(error.message).toBe('scenario "pooled": the data has no "population_60_plus" column for its population base');
  });
});
