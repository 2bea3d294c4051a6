import { describe, expect, it } from 'vitest';
import type { FairshareError } from '../../src/engine/errors.js';
import { parseScenarioFile } from '../../src/scenario/parseScenarioFile.js';
import { planScenarios, type DataRefs, type LoadedRefs, type PotPlan, type ScenarioPlan } from '../../src/scenario/planScenarios.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula, fixturePack2025 } from '../helpers/fixtureDataset.js';

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The five-LSOA example with the population bases the files below name (0-15, 16-59, 60+) as well. */
const ROWS = FIVE_LSOAS.map((row, i) => ({
  ...row,
  population_0_15: [20, 60, 30, 5, 25][i] as number,
  population_16_59: [60, 100, 90, 30, 50][i] as number,
  population_60_plus: [20, 40, 30, 15, 25][i] as number,
}));

/** Plan a file against the five-LSOA fixture, recording which (data, formula) pairs were asked for. */
function plan(text: string) {
  const calls: [string | undefined, string | undefined][] = [];
  const load = ({ data, formula }: DataRefs): LoadedRefs => {
    calls.push([data, formula]);
    return { dataset: fixtureDataset(ROWS), formula: fixtureFormula(['need_a', 'need_b']), dataWords: 'the five-LSOA fixture' };
  };
  const file = parseScenarioFile(text, 'plan.yaml');
  if (!file.ok) throw new Error(`fixture file does not parse: ${file.error.message}`);
  return { result: planScenarios(file.value, load), calls };
}

function planned(text: string): ScenarioPlan[] {
  const { result } = plan(text);
  if (!result.ok) throw new Error(`expected a plan, got: ${result.error.message}`);
  return result.value;
}

function refused(text: string): FairshareError {
  const { result } = plan(text);
  if (result.ok) throw new Error('expected the plan to be refused');
  return result.error;
}

const weightsOf = (pot: PotPlan | undefined): Record<string, string> =>
  Object.fromEntries((pot?.formula.domains ?? []).map((d) => [d.id, d.weightValue.toString()]));

describe('planScenarios', () => {
  describe('defaults and overrides', () => {
    const text = yaml(
      'defaults:',
      '  budget: 1k',
      '  area: North',
      '  population: 0-15',
      '  data: areas.csv',
      '  formula: fixture.json',
      'scenarios:',
      '  inherits: {}',
      '  overrides:',
      '    budget: £2,500.50',
      '    area: South',
      '    population: 60+',
      '    formula: other.json',
    );

    it('gives a scenario every setting from defaults that it does not set', () => {
      const inherits = planned(text)[0];
      expect(inherits?.budget.toFixed(2)).toBe('1000.00');
      expect(inherits?.area.name).toBe('North');
      expect(inherits?.dataset.units.map((u) => u.code)).toEqual(['F01', 'F02']);
      expect(inherits?.population).toBe('0-15');
      expect(inherits?.data).toBe('areas.csv');
      expect(inherits?.formulaRef).toBe('fixture.json');
      expect(inherits?.dataWords).toBe('the five-LSOA fixture');
    });

    it("lets a scenario's own settings override the defaults", () => {
      const overrides = planned(text)[1];
      expect(overrides?.budget.toFixed(2)).toBe('2500.50');
      expect(overrides?.area.name).toBe('South');
      expect(overrides?.dataset.units.map((u) => u.code)).toEqual(['F03', 'F04', 'F05']);
      expect(overrides?.population).toBe('60+');
      expect(overrides?.data).toBe('areas.csv');
      expect(overrides?.formulaRef).toBe('other.json');
    });

    it('asks load for each scenario’s own (data, formula) pair', () => {
      expect(plan(text).calls).toEqual([
        ['areas.csv', 'fixture.json'],
        ['areas.csv', 'other.json'],
      ]);
    });

    it('uses the whole dataset, the total population and the default formula when nothing says otherwise', () => {
      const [only] = planned(yaml('scenarios:', '  plain:', '    budget: 1000'));
      expect(only?.area.kind).toBe('all');
      expect(only?.dataset.units).toHaveLength(5);
      expect(only?.population).toBe('total');
      expect(only?.data).toBeUndefined();
      expect(only?.formulaRef).toBeUndefined();
    });

    it('makes a scenario without pots one pot named after it, with its exclusions and weights', () => {
      const [only] = planned(yaml('scenarios:', '  reweighted:', '    budget: 1000', '    weights:', '      need_a: 2.5'));
      expect(only?.pooled).toBe(false);
      expect(only?.pots.map((p) => [p.name, p.budget.toFixed(2), p.population])).toEqual([['reweighted', '1000.00', 'total']]);
      expect(weightsOf(only?.pots[0])).toEqual({ need_a: '2.5', need_b: '1' });
    });

    it('reads exclude written as one comma-separated string', () => {
      const [only] = planned(yaml('scenarios:', '  a:', '    budget: 1000', '    exclude: need_b, '));
      expect(weightsOf(only?.pots[0])).toEqual({ need_a: '1', need_b: '0' });
    });

    it('reads a budget written as a YAML number', () => {
      expect(planned(yaml('scenarios:', '  a:', '    budget: 1234.5'))[0]?.budget.toFixed(2)).toBe('1234.50');
    });
  });

  describe('pots', () => {
    const text = yaml(
      'defaults:',
      '  budget: 99',
      '  population: 16-59',
      'scenarios:',
      '  directorates:',
      '    description: Three pots',
      '    pots:',
      '      children:',
      '        description: Children first',
      '        budget: 300',
      '        weights: {need_a: 3}',
      '      adults:',
      '        budget: 700.01',
      '        exclude: [need_a]',
      '        population: 60+',
      '      everyone:',
      '        budget: 0.99',
    );

    it('gives each pot its own formula variant', () => {
      const [scenario] = planned(text);
      expect(scenario?.pots.map((p) => p.name)).toEqual(['children', 'adults', 'everyone']);
      expect(scenario?.pots.map(weightsOf)).toEqual([
        { need_a: '3', need_b: '1' },
        { need_a: '0', need_b: '1' },
        { need_a: '1', need_b: '1' },
      ]);
    });

    it("makes the scenario's budget the sum of its pots' budgets, ignoring the default budget", () => {
      const [scenario] = planned(text);
      expect(scenario?.pooled).toBe(true);
      expect(scenario?.pots.map((p) => p.budget.toFixed(2))).toEqual(['300.00', '700.01', '0.99']);
      expect(scenario?.budget.toFixed(2)).toBe('1001.00');
    });

    it("gives each pot the scenario's population base unless it sets its own", () => {
      const [scenario] = planned(text);
      expect(scenario?.population).toBe('16-59');
      expect(scenario?.pots.map((p) => p.population)).toEqual(['16-59', '60+', '16-59']);
    });

    it('keeps pot descriptions', () => {
      expect(planned(text)[0]?.pots.map((p) => p.description)).toEqual(['Children first', undefined, undefined]);
    });
  });

  describe('errors, each at the line of the setting', () => {
    it('refuses a scenario with both a budget and pots, at its budget line', () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      x:', '        budget: 5', '    budget: 10'));
      expect(error).toMatchObject({ kind: 'data', code: 'budget-and-pots', message: 'scenario "a" has both a budget and pots' });
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 5 });
    });

    it('refuses a scenario with no budget of its own and none under defaults, at the scenario', () => {
      const error = refused(yaml('defaults:', '  area: North', 'scenarios:', '  ok:', '    budget: 1', '  no-money:', '    description: nothing'));
      expect(error).toMatchObject({ kind: 'data', code: 'no-budget', message: 'scenario "no-money" has no budget' });
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 3 });
    });

    it('refuses an empty pots: section', () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots: {}'));
      expect(error.code).toBe('no-pots');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 3, column: 5 });
    });

    it("refuses an unparseable budget in a scenario, at the scenario's budget line", () => {
      const error = refused(yaml('defaults:', '  budget: 1000', 'scenarios:', '  a:', '    budget: 12.7 millions'));
      expect(error).toMatchObject({ kind: 'data', code: 'bad-budget', message: 'scenario "a": budget "12.7 millions" is not an amount of money' });
      expect(error.hint).toContain('12.7m');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 5, column: 5 });
    });

    it('refuses an unparseable default budget at the budget line under defaults', () => {
      const error = refused(yaml('defaults:', '  area: North', '  budget: twelve', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('scenario "a": budget "twelve" is not an amount of money');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 3, column: 3 });
    });

    it.each([
      ['negative', '-5', 'is negative'],
      ['zero', '0', 'is zero'],
      ['fractions of a penny', '10.001', 'has fractions of a penny'],
    ])("refuses a %s pot budget at the pot's budget line", (_, budget, why) => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      x:', '        budget: 1', '      y:', `        budget: ${budget}`));
      expect(error.code).toBe('bad-budget');
      expect(error.message).toContain(why);
      expect(error.location).toEqual({ file: 'plan.yaml', line: 7, column: 9 });
    });

    it('refuses an unknown domain in exclude with the nearest id, at the exclude line', () => {
      const error = refused(yaml('defaults:', '  budget: 1000', 'scenarios:', '  a:', '    exclude: [need_c]'));
      expect(error).toMatchObject({ kind: 'data', code: 'unknown-domain', message: 'scenario "a": unknown domain "need_c" in exclude' });
      expect(error.hint).toBe('Did you mean "need_a"? Domains: need_a, need_b');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 5, column: 5 });
    });

    it('refuses an unknown domain in weights with the nearest id, at the weights line', () => {
      const error = refused(yaml('defaults:', '  budget: 1000', 'scenarios:', '  a:', '    exclude: [need_b]', '    weights:', '      ned_a: 2'));
      expect(error.message).toBe('scenario "a": unknown domain "ned_a" in weights');
      expect(error.hint).toMatch(/^Did you mean "need_a"\?/);
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 5 });
    });

    it("refuses an unknown domain in a pot's weights, at the pot's weights line", () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      x:', '        budget: 5', '        weights: {need_bb: 2}'));
      expect(error.code).toBe('unknown-domain');
      expect(error.hint).toMatch(/^Did you mean "need_b"\?/);
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 9 });
    });

    it('refuses weights that are all 0', () => {
      const error = refused(yaml('defaults:', '  budget: 1000', 'scenarios:', '  a:', '    weights:', '      need_a: 0', '      need_b: 0'));
      expect(error).toMatchObject({ kind: 'data', code: 'no-domains' });
      expect(error.message).toMatch(/^scenario "a": every domain is excluded or weighted 0/);
      expect(error.location).toEqual({ file: 'plan.yaml', line: 5, column: 5 });
    });

    it('refuses a pot whose exclusions leave nothing, at its exclude line', () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      x:', '        budget: 5', '        exclude: [need_a, need_b]'));
      expect(error.code).toBe('no-domains');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 9 });
    });

    it('refuses an unknown area under defaults with the nearest name, at the area line', () => {
      const error = refused(yaml('defaults:', '  budget: 1000', '  area: Noth', 'scenarios:', '  a: {}'));
      expect(error).toMatchObject({ kind: 'data', code: 'unknown-area', message: 'scenario "a": unknown area "Noth"' });
      expect(error.hint).toMatch(/^Did you mean "North"\?/);
      expect(error.location).toEqual({ file: 'plan.yaml', line: 3, column: 3 });
    });

    it("refuses an unknown area in a scenario at the scenario's area line", () => {
      const error = refused(yaml('defaults:', '  budget: 1000', '  area: North', 'scenarios:', '  a:', '    area: Sooth'));
      expect(error.code).toBe('unknown-area');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 5 });
    });
  });
});

describe('planScenarios: where a problem is', () => {
  it('points a bad weight at the weights line even when the scenario also excludes', () => {
    const e = refused(yaml('defaults:', '  budget: 1000', 'scenarios:', '  a:', '    exclude: [need_b]', '    weights: {need_a: lots}'));
    expect(e).toMatchObject({ code: 'bad-weight', location: { line: 6 } });
    expect(e.hint).not.toContain('--weight');
  });

  it('names the pot a problem is in', () => {
    const e = refused(yaml('scenarios:', '  a:', '    pots:', '      p1:', '        budget: -5'));
    expect(e.message).toContain('scenario "a": pot "p1": budget "-5" is negative');
    expect(e.location).toMatchObject({ line: 5 });
  });
});

describe('planScenarios: budgets read exactly as written', () => {
  it.each(['0x10', '0o17', '1.27e7', '.inf', '.nan', '9007199254740993'])('refuses the budget %s with the accepted forms, quoting it as written', (budget) => {
    const e = refused(yaml('scenarios:', '  a:', `    budget: ${budget}`));
    expect(e.kind).toBe('data');
    expect(e.message).toMatch(
      new RegExp(`^scenario "a": budget "${budget.replace(/\./g, '\\.')}" is (not an amount of money|more than £1,000,000,000,000\\.00)`),
    );
    expect(e.location).toMatchObject({ line: 3, column: 5 });
  });

  it.each([
    ['12700000', '12700000.00'],
    ['12700000.50', '12700000.50'],
    ['12.7m', '12700000.00'],
    ['999999999999.99', '999999999999.99'],
    ['1000000000000', '1000000000000.00'],
    ['"0.01"', '0.01'],
  ])('reads the budget %s exactly as %s', (budget, expected) => {
    expect(planned(yaml('scenarios:', '  a:', `    budget: ${budget}`))[0]?.budget.toFixed(2)).toBe(expected);
  });

  it('refuses pots that add up to more than the largest budget, at the pots line', () => {
    const e = refused(yaml('scenarios:', '  a:', '    pots:', '      x: {budget: 1000bn}', '      y: {budget: 0.01}'));
    expect(e.message).toBe(
      'scenario "a": its pots add up to £1000000000000.01, more than £1,000,000,000,000.00 (£1 trillion), the largest budget fairshare shares',
    );
    expect(e.location).toMatchObject({ line: 3, column: 5 });
  });

  it('refuses a .inf or .nan weight, saying what was written', () => {
    for (const w of ['.inf', '.nan', '.Inf']) {
      const e = refused(yaml('scenarios:', '  a:', '    budget: 1000', `    weights: {need_a: ${w}}`));
      expect(e.message).toBe(`scenario "a": weight for "need_a" must be a number of 0 or more, got "${w}"`);
    }
  });

  it('keeps scenarios and pots named like Object properties, in file order', () => {
    const plans = planned(
      yaml('scenarios:', '  constructor:', '    pots:', '      toString: {budget: 1}', '      prototype: {budget: 2}', '  hasOwnProperty: {budget: 3}'),
    );
    expect(plans.map((p) => [p.name, p.pots.map((q) => q.name), p.budget.toFixed(2)])).toEqual([
      ['constructor', ['toString', 'prototype'], '3.00'],
      ['hasOwnProperty', ['hasOwnProperty'], '3.00'],
    ]);
  });

  it('refuses __proto__ as a weight, an unknown domain', () => {
    expect(refused(yaml('scenarios:', '  a:', '    budget: 1000', '    weights: {__proto__: 2}'))).toMatchObject({
      code: 'unknown-domain',
      location: { line: 4 },
    });
  });
});

describe('planScenarios: nothing written is silently ignored', () => {
  it.each([
    ['weights', '    weights: {need_a: 2}'],
    ['exclude', '    exclude: [need_b]'],
  ])('refuses a scenario with pots and its own %s, at that line', (key, line) => {
    const e = refused(yaml('scenarios:', '  a:', line, '    pots:', '      x: {budget: 5}'));
    expect(e).toMatchObject({
      code: `${key}-and-pots`,
      message: `scenario "a" has pots and its own ${key}, which the pots would not use`,
      location: { line: 3, column: 5 },
    });
  });

  describe('vintage', () => {
    it("takes a scenario's vintage, else the file's default, as the text written (2025 or 2019)", () => {
      const { result } = plan('defaults:\n  vintage: 2019\nscenarios:\n  a:\n    budget: 1m\n  b:\n    budget: 1m\n    vintage: "2025"\n');
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.map((p) => p.vintage)).toEqual(['2019', '2025']);
    });

    it('refuses an unknown vintage at its line, listing the vintages', () => {
      const { result } = plan('scenarios:\n  a:\n    budget: 1m\n    vintage: 2031\n');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ kind: 'data', code: 'bad-vintage', location: { line: 4 } });
        expect(result.error.hint).toContain('--vintage 2025');
      }
    });
  });

  describe('population bases and levels', () => {
    it("refuses a pot's population base the data does not have, naming the pot, at its line", () => {
      const error = refused(yaml('scenarios:', '  pooled:', '    pots:', '      old:', '        budget: 10', '        population: 65+'));
      expect(error).toMatchObject({ kind: 'data', code: 'bad-population-base' });
      expect(error.message).toBe('scenario "pooled": pot "old": the data has no 65+ population; it has total, 0-15, 16-59, 60+');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 9 });
    });

    it('refuses a default population base the data does not have at the defaults line', () => {
      const error = refused(yaml('defaults:', '  budget: 1k', '  population: 65+', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('scenario "a": the data has no 65+ population; it has total, 0-15, 16-59, 60+');
      expect(error.location).toEqual({ file: 'plan.yaml', line: 3, column: 3 });
    });

    it("gives every scenario the file's level, district by default", () => {
      expect(planned(yaml('defaults:', '  budget: 1k', 'scenarios:', '  a: {}')).map((p) => p.level)).toEqual(['district']);
      expect(planned(yaml('defaults:', '  budget: 1k', '  level: Former-District', 'scenarios:', '  a: {}', '  b: {}')).map((p) => p.level)).toEqual([
        'former-district',
        'former-district',
      ]);
    });

    it('refuses an unknown level, or one the data has not, at the level line', () => {
      const unknown = refused(yaml('defaults:', '  budget: 1k', '  level: parish', 'scenarios:', '  a: {}'));
      expect(unknown).toMatchObject({ kind: 'data', code: 'bad-level', message: 'scenario "a": unknown level "parish"' });
      expect(unknown.location).toEqual({ file: 'plan.yaml', line: 3, column: 3 });
      // The five-LSOA fixture is a --data file: no counties, regions or wards.
      const missing = refused(yaml('defaults:', '  budget: 1k', '  level: region', 'scenarios:', '  a: {}'));
      expect(missing).toMatchObject({ code: 'level-not-in-data', message: 'scenario "a": its data file has no region areas' });
    });
  });
});

describe('planScenarios: damping (previous:, floor:, ceiling:)', () => {
  const LAST_YEAR = 'district_code,allocation\nD-North,400.00\nD-South,600.00\n';

  /**
   * Plan a file whose previous: files are read from `files` (name → text), recording which were asked for.
   */
  function planDamped(text: string, files: Record<string, string> = { 'last-year.csv': LAST_YEAR }) {
    const asked: string[] = [];
    const file = parseScenarioFile(text, 'plan.yaml');
    if (!file.ok) throw new Error(`fixture file does not parse: ${file.error.message}`);
    const load = (): LoadedRefs => ({ dataset: fixtureDataset(ROWS), formula: fixtureFormula(['need_a', 'need_b']), dataWords: 'the five-LSOA fixture' });
    const previous = (name: string): string => {
      asked.push(name);
      const found = files[name];
      if (found === undefined) throw new Error(`no fixture previous file ${name}`);
      return found;
    };
    return { result: planScenarios(file.value, load, { previous }), asked };
  }
  const dampedPlans = (text: string): ScenarioPlan[] => {
    const { result } = planDamped(text);
    if (!result.ok) throw new Error(`expected a plan, got: ${result.error.message}`);
    return result.value;
  };
  const dampingRefused = (text: string): FairshareError => {
    const { result } = planDamped(text);
    if (result.ok) throw new Error('expected the plan to be refused');
    return result.error;
  };

  it('gives a scenario its own previous:, floor: and ceiling: as exact fractions, with the text of the file', () => {
    const [plain, damped] = dampedPlans(
      yaml('defaults:', '  budget: 1k', 'scenarios:', '  plain: {}', '  damped:', '    previous: last-year.csv', '    floor: -2.5%', '    ceiling: +2'),
    );
    expect(plain?.damping).toBeUndefined();
    expect(damped?.damping?.previous).toBe('last-year.csv');
    expect(damped?.damping?.text).toBe(LAST_YEAR);
    expect(damped?.damping?.floor?.toString()).toBe('-0.025');
    expect(damped?.damping?.ceiling?.toString()).toBe('0.02');
    expect(damped?.damping?.at).toEqual({
      previous: { file: 'plan.yaml', line: 6, column: 5 },
      floor: { file: 'plan.yaml', line: 7, column: 5 },
      ceiling: { file: 'plan.yaml', line: 8, column: 5 },
    });
  });

  it('gives every scenario the damping under defaults: unless it sets its own, reading each file once asked', () => {
    const { result, asked } = planDamped(
      yaml('defaults:', '  budget: 1k', '  previous: last-year.csv', '  floor: -1%', 'scenarios:', '  a: {}', '  b:', '    floor: 0%', '    ceiling: +1%'),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((p) => [p.damping?.previous, p.damping?.floor?.toString(), p.damping?.ceiling?.toString()])).toEqual([
      ['last-year.csv', '-0.01', undefined],
      ['last-year.csv', '0', '0.01'],
    ]);
    expect(result.value[1]?.damping?.at.floor).toEqual({ file: 'plan.yaml', line: 8, column: 5 });
    expect(new Set(asked)).toEqual(new Set(['last-year.csv']));
  });

  it('refuses an unsigned floor at its line, with both readings, as --floor is refused', () => {
    const error = dampingRefused(yaml('scenarios:', '  a:', '    budget: 1k', '    previous: last-year.csv', '    floor: 5%'));
    expect(error).toMatchObject({ kind: 'data', code: 'unsigned-percent', message: 'scenario "a": floor: 5% has no sign, so it could mean a fall or a rise' });
    expect(error.hint).toBe('"no district loses more than 5%" is floor: -5%; "every district gains at least 5%" is floor: +5%');
    expect(error.location).toEqual({ file: 'plan.yaml', line: 5, column: 5 });
  });

  it('refuses a ceiling written as a bare YAML number without a sign (read as written, not as a number)', () => {
    const error = dampingRefused(yaml('defaults:', '  ceiling: 3', 'scenarios:', '  a:', '    budget: 1k', '    previous: last-year.csv'));
    expect(error.message).toBe('scenario "a": ceiling: 3 has no sign, so it could mean a fall or a rise');
    expect(error.hint).toBe('"every district loses at least 3%" is ceiling: -3%; "no district gains more than 3%" is ceiling: +3%');
    expect(error.location).toEqual({ file: 'plan.yaml', line: 2, column: 3 });
  });

  it('refuses a percentage that does not parse, at its line', () => {
    const error = dampingRefused(yaml('scenarios:', '  a:', '    budget: 1k', '    previous: last-year.csv', '    ceiling: a bit'));
    expect(error).toMatchObject({ code: 'bad-percent', message: 'scenario "a": ceiling: "a bit" is not a percentage' });
    expect(error.location).toEqual({ file: 'plan.yaml', line: 5, column: 5 });
  });

  it('refuses a floor above the ceiling, at the floor line', () => {
    const error = dampingRefused(yaml('scenarios:', '  a:', '    budget: 1k', '    previous: last-year.csv', '    ceiling: +1%', '    floor: +2%'));
    expect(error).toMatchObject({ kind: 'data', code: 'floor-above-ceiling', message: 'scenario "a": floor: +2% is above ceiling: +1%' });
    expect(error.location).toEqual({ file: 'plan.yaml', line: 6, column: 5 });
  });

  it('refuses a floor or ceiling without a previous allocation, at its line, saying where it came from', () => {
    const own = dampingRefused(yaml('scenarios:', '  a:', '    budget: 1k', '    ceiling: +1%'));
    expect(own).toMatchObject({
      code: 'band-without-previous',
      message: 'scenario "a": ceiling: +1% limits the change against a previous allocation, but the scenario has no previous:',
    });
    expect(own.location).toEqual({ file: 'plan.yaml', line: 4, column: 5 });
    const inherited = dampingRefused(yaml('defaults:', '  floor: -1%', 'scenarios:', '  a:', '    budget: 1k'));
    expect(inherited.message).toBe(
      'scenario "a": floor: -1% (under defaults:) limits the change against a previous allocation, but the scenario has no previous:',
    );
    expect(inherited.location).toEqual({ file: 'plan.yaml', line: 2, column: 3 });
  });

  it('refuses previous: at a level other than district or former district, at the previous: line', () => {
    const file = parseScenarioFile(
      yaml('defaults:', '  budget: 1k', '  area: england', '  level: county', 'scenarios:', '  a:', '    previous: last-year.csv'),
      'plan.yaml',
    );
    if (!file.ok) throw new Error(file.error.message);
    const load = (): LoadedRefs => ({ dataset: fixturePack2025(), formula: fixtureFormula(['need_a', 'need_b']), dataWords: 'the 2025-shaped fixture' });
    const result = planScenarios(file.value, load, { previous: () => LAST_YEAR });
    if (result.ok) throw new Error('expected the plan to be refused');
    expect(result.error).toMatchObject({
      kind: 'data',
      code: 'previous-needs-district',
      message: 'scenario "a": previous: damps district or former-district tables, not county tables',
    });
    expect(result.error.location).toEqual({ file: 'plan.yaml', line: 7, column: 5 });
  });
});

describe("planScenarios: a pot's own data: and formula:", () => {
  /** The five LSOAs in another order, with other need figures, and one LSOA outside the scenario's area. */
  const OWN = [...ROWS].reverse().map((row) => ({ ...row, need_a: 100 - (row.need_a as number) }));
  const OUTSIDE = { ...(ROWS[0] as (typeof ROWS)[number]), code: 'F99' };

  function planPots(text: string, datasets: Record<string, ReturnType<typeof fixtureDataset>>) {
    const calls: [string | undefined, string | undefined][] = [];
    const load = ({ data, formula }: DataRefs): LoadedRefs => {
      calls.push([data, formula]);
      const dataset = (data === undefined ? undefined : datasets[data]) ?? fixtureDataset(ROWS);
      return { dataset, formula: fixtureFormula(formula === 'one.json' ? ['need_a'] : ['need_a', 'need_b']), dataWords: `data ${data ?? 'shipped'}` };
    };
    const file = parseScenarioFile(text, 'plan.yaml');
    if (!file.ok) throw new Error(`fixture file does not parse: ${file.error.message}`);
    return { result: planScenarios(file.value, load), calls };
  }

  const text = yaml(
    'scenarios:',
    '  split:',
    '    area: South',
    '    pots:',
    '      shared:',
    '        budget: 100',
    '      own-data:',
    '        budget: 200',
    '        data: own.csv',
    '      own-formula:',
    '        budget: 300',
    '        formula: one.json',
  );

  it("shares a pot with its own data over its scenario's LSOAs, in their order, with the file's figures", () => {
    const { result, calls } = planPots(text, { 'own.csv': fixtureDataset([OUTSIDE, ...OWN]) });
    if (!result.ok) throw new Error(result.error.message);
    const [split] = result.value;
    const [shared, ownData, ownFormula] = split?.pots ?? [];
    expect(shared?.dataset).toBe(split?.dataset);
    expect(ownData?.dataset.units).toBe(split?.dataset.units);
    expect(ownData?.dataset.units.map((u) => u.code)).toEqual(['F03', 'F04', 'F05']);
    expect([...(ownData?.dataset.fields.get('need_a') ?? [])]).toEqual([80, 60, 80]);
    expect([ownData?.data, ownData?.dataWords, ownData?.formulaRef]).toEqual(['own.csv', 'data own.csv', undefined]);
    expect(ownFormula?.dataset).toBe(split?.dataset);
    expect(ownFormula?.formula.domains.map((d) => d.id)).toEqual(['need_a']);
    expect([ownFormula?.data, ownFormula?.formulaRef, ownFormula?.dataWords]).toEqual([undefined, 'one.json', 'data shipped']);
    expect(calls).toEqual([
      [undefined, undefined],
      ['own.csv', undefined],
      [undefined, 'one.json'],
    ]);
  });

  it("refuses a pot whose data has no row for an LSOA of its scenario's area, at the pot's data: line", () => {
    const { result } = planPots(text, { 'own.csv': fixtureDataset(OWN.filter((r) => r.code !== 'F04')) });
    if (result.ok) throw new Error('expected the plan to be refused');
    expect(result.error).toMatchObject({ kind: 'data', code: 'pot-data-missing-lsoas' });
    expect(result.error.message).toBe('scenario "split": pot "own-data": its data file fixture.csv has no row for an LSOA the scenario shares over: F04');
    expect(result.error.location).toEqual({ file: 'plan.yaml', line: 9, column: 9 });
  });
});
