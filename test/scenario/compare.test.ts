import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import type { DistrictRow } from '../../src/engine/tabulate.js';
import { compare, gainsAndLosses, type ComparisonRow } from '../../src/scenario/compare.js';
import { parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { planScenarios, type LoadedRefs, type ScenarioPlan } from '../../src/scenario/planScenarios.js';
import { runScenarios, type ScenarioResult } from '../../src/scenario/runScenarios.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The five-LSOA example; nobody under 16 lives in South, so a 0-15 share gives South £0. */
const ROWS = FIVE_LSOAS.map((row) => ({ ...row, population_0_15: row.district === 'North' ? 40 : 0 }));

function compared(text: string): ComparisonRow[] {
  const load = (): LoadedRefs => ({ dataset: fixtureDataset(ROWS), formula: fixtureFormula(['need_a', 'need_b']), dataWords: 'fixture' });
  const file = parseScenarioFile(text, 'compare.yaml');
  if (!file.ok) throw new Error(file.error.message);
  const plans = planScenarios(file.value, load);
  if (!plans.ok) throw new Error(plans.error.message);
  const results = runScenarios(plans.value);
  if (!results.ok) throw new Error(results.error.message);
  return compare(results.value, file.value.baseline);
}

/** Rows as the comparison CSV shows them: scenario, district, allocation, change, change %, rank. */
const shown = (rows: readonly ComparisonRow[]) =>
  rows.map((r) => [r.scenario, r.districtName, r.allocation.toFixed(2), r.change?.toFixed(2) ?? '', r.changePct, r.perPersonRank ?? '']);

/** A scenario result with only what compare reads: the name and the district rows. */
function result(name: string, districts: readonly [name: string, allocation: string, perPerson: string][]): ScenarioResult {
  const rows: DistrictRow[] = districts.map(([district, allocation, perPerson]) => ({
    code: `D-${district}`,
    name: district,
    lsoas: 1,
    population: new Exact(1),
    allocation: new Exact(allocation),
    sharePct: '',
    perPerson,
    needIndex: '',
  }));
  return { plan: { name } as ScenarioPlan, pots: [], table: { rows, total: rows[0] as DistrictRow } };
}

describe('compare', () => {
  it('gives each district its £ and % change against the same district in the baseline', () => {
    // Baseline: North 496.24, South 503.76 (the hand-worked example at £1,000).
    const rows = compared(
      yaml(
        'defaults:',
        '  budget: 1000',
        'baseline: equal',
        'scenarios:',
        '  equal: {}',
        '  a-counts-double:',
        '    budget: 2000',
        '    weights: {need_a: 2}',
        '  pooled:',
        '    pots:',
        '      x:',
        '        budget: 300',
        '        exclude: [need_b]',
        '      y:',
        '        budget: 700.01',
        '        weights: {need_a: 0}',
      ),
    );
    expect(shown(rows)).toEqual([
      ['equal', 'North', '496.24', '0.00', '0.00', 2],
      ['equal', 'South', '503.76', '0.00', '0.00', 1],
      // 503.76 / 496.24 = 101.515…% and 496.24 / 503.76 = 98.507…%, half-up to 2 places.
      ['a-counts-double', 'North', '1000.00', '503.76', '101.52', 1],
      ['a-counts-double', 'South', '1000.00', '496.24', '98.51', 1],
      // -5.41 / 496.24 = -1.0902…%; 5.42 / 503.76 = 1.0759…%.
      ['pooled', 'North', '490.83', '-5.41', '-1.09', 2],
      ['pooled', 'South', '509.18', '5.42', '1.08', 1],
    ]);
    expect(rows.map((r) => r.districtCode)).toEqual(['D-North', 'D-South', 'D-North', 'D-South', 'D-North', 'D-South']);
  });

  it('compares with the first scenario when the file names no baseline', () => {
    const rows = compared(yaml('scenarios:', '  small:', '    budget: 100', '  large:', '    budget: 200'));
    expect(shown(rows).map((r) => r.slice(0, 5))).toEqual([
      ['small', 'North', '49.62', '0.00', '0.00'],
      ['small', 'South', '50.38', '0.00', '0.00'],
      ['large', 'North', '99.25', '49.63', '100.02'],
      ['large', 'South', '100.75', '50.37', '99.98'],
    ]);
  });

  it('leaves the % change blank where the baseline gave the district £0', () => {
    const rows = compared(yaml('defaults:', '  budget: 1000', 'scenarios:', '  children:', '    population: 0-15', '  everyone: {}'));
    expect(shown(rows)).toEqual([
      ['children', 'North', '1000.00', '0.00', '0.00', 1],
      // Nobody under 16 in South: £0 and no £ per person, so no rank either.
      ['children', 'South', '0.00', '0.00', '', ''],
      ['everyone', 'North', '496.24', '-503.76', '-50.38', 2],
      ['everyone', 'South', '503.76', '503.76', '', 1],
    ]);
  });

  it('leaves change and % change blank for a district the baseline does not have', () => {
    const rows = compared(yaml('defaults:', '  budget: 1000', 'baseline: north', 'scenarios:', '  whole: {}', '  north:', '    area: North'));
    expect(shown(rows)).toEqual([
      ['whole', 'North', '496.24', '-503.76', '-50.38', 2],
      ['whole', 'South', '503.76', '', '', 1],
      ['north', 'North', '1000.00', '0.00', '0.00', 1],
    ]);
    expect(rows[1]?.change).toBeUndefined();
  });

  it('ranks by £ per person within each scenario, ties sharing the better rank (RANK.EQ)', () => {
    const rows = compare(
      [
        result('base', [
          ['A', '10', '5.00'],
          ['B', '10', '3.10'],
          ['C', '10', '5.00'],
          ['D', '10', ''],
          ['E', '10', '3.1'],
          ['F', '10', '0.00'],
        ]),
        result('other', [
          ['A', '10', '1.00'],
          ['B', '10', '2.00'],
        ]),
      ],
      'base',
    );
    expect(rows.map((r) => [r.scenario, r.districtName, r.perPersonRank])).toEqual([
      ['base', 'A', 1],
      ['base', 'B', 3],
      ['base', 'C', 1],
      ['base', 'D', undefined],
      ['base', 'E', 3],
      ['base', 'F', 5],
      ['other', 'A', 2],
      ['other', 'B', 1],
    ]);
  });

  it('ranks amounts by value, not as text', () => {
    const rows = compare(
      [
        result('s', [
          ['A', '1', '9.99'],
          ['B', '1', '10.00'],
          ['C', '1', '100.00'],
        ]),
      ],
      's',
    );
    expect(rows.map((r) => r.perPersonRank)).toEqual([3, 2, 1]);
  });

  it('rounds the % change half-up at the second decimal place', () => {
    // 1/8 = 12.5% exactly; 1/800 = 0.125% → 0.13; -1/800 → -0.13 (half away from zero).
    const rows = compare(
      [
        result('base', [
          ['A', '8', '1'],
          ['B', '800', '1'],
          ['C', '800', '1'],
        ]),
        result('s', [
          ['A', '9', '1'],
          ['B', '801', '1'],
          ['C', '799', '1'],
        ]),
      ],
      'base',
    );
    expect(rows.slice(3).map((r) => [r.change?.toString(), r.changePct])).toEqual([
      ['1', '12.50'],
      ['1', '0.13'],
      ['-1', '-0.13'],
    ]);
  });
});

describe('gainsAndLosses', () => {
  /** A result with a budget, for gainsAndLosses (which reads plan.budget). */
  const withBudget = (name: string, budget: string, districts: readonly [string, string, string][]): ScenarioResult => {
    const r = result(name, districts);
    return { ...r, plan: { name, budget: new Exact(budget) } as ScenarioPlan };
  };

  it('judges a scenario with the baseline budget on the £ change', () => {
    const results = [
      withBudget('base', '100', [
        ['A', '60', '1'],
        ['B', '40', '1'],
      ]),
      withBudget('s', '100', [
        ['A', '55', '1'],
        ['B', '45', '1'],
      ]),
    ];
    const moves = gainsAndLosses(results, compare(results, 'base'), 'base', 's');
    expect(moves.by).toBe('pounds');
    expect([moves.gain?.row.districtName, moves.gain?.row.change?.toFixed(2), moves.gain?.sharePoints.toFixed(2)]).toEqual(['B', '5.00', '5.00']);
    expect(moves.loss?.row.districtName).toBe('A');
  });

  it('judges a smaller budget on the change of share, where every district loses pounds', () => {
    // £100 → £50: A falls from 60% to 56%, B rises from 40% to 44%, though both lose money.
    const results = [
      withBudget('base', '100', [
        ['A', '60', '1'],
        ['B', '40', '1'],
      ]),
      withBudget('cut', '50', [
        ['A', '28', '1'],
        ['B', '22', '1'],
      ]),
    ];
    const moves = gainsAndLosses(results, compare(results, 'base'), 'base', 'cut');
    expect(moves.by).toBe('share');
    expect([moves.gain?.row.districtName, moves.gain?.row.change?.toFixed(2), moves.gain?.sharePoints.toFixed(2)]).toEqual(['B', '-18.00', '4.00']);
    expect([moves.loss?.row.districtName, moves.loss?.sharePoints.toFixed(2)]).toEqual(['A', '-4.00']);
  });

  it('names no gain when no district rises, nor a loss when none falls', () => {
    const results = [
      withBudget('base', '100', [
        ['A', '60', '1'],
        ['B', '40', '1'],
      ]),
      withBudget('half', '50', [
        ['A', '30', '1'],
        ['B', '20', '1'],
      ]),
    ];
    expect(gainsAndLosses(results, compare(results, 'base'), 'base', 'half')).toEqual({ by: 'share' });
  });
});
