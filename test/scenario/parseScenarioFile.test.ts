import { describe, expect, it } from 'vitest';
import type { FairshareError } from '../../src/engine/errors.js';
import { MAX_NESTING, MAX_POTS, MAX_SCENARIO_FILE_CHARS, MAX_SCENARIOS, parseScenarioFile, type ScenarioFile } from '../../src/scenario/parseScenarioFile.js';

function parsed(text: string, file = 'options.yaml'): ScenarioFile {
  const result = parseScenarioFile(text, file);
  if (!result.ok) throw new Error(`expected the file to parse, got: ${result.error.message}`);
  return result.value;
}

function refused(text: string, file = 'options.yaml'): FairshareError {
  const result = parseScenarioFile(text, file);
  if (result.ok) throw new Error('expected the file to be refused, but it parsed');
  return result.error;
}

/** Lines joined with newlines, so that line numbers in the tests can be read off the array index + 1. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('parseScenarioFile', () => {
  describe('valid files', () => {
    it('reads a YAML file: description, defaults, baseline and scenarios in file order', () => {
      const file = parsed(
        yaml(
          'description: Adult social care pot',
          'defaults:',
          '  area: Northamptonshire',
          '  budget: 12.7m',
          'baseline: adults-only',
          'scenarios:',
          '  all-domains:',
          '    description: Every domain',
          '  adults-only:',
          '    exclude: [young-people, early-years]',
          '    weights:',
          '      community-safety: 2',
          '      adults: "0.5"',
          '    population: 60+',
        ),
      );
      expect(file.description).toBe('Adult social care pot');
      expect(file.defaults).toEqual({ area: 'Northamptonshire', budget: '12.7m' });
      expect(file.baseline).toBe('adults-only');
      expect(file.scenarios.map((s) => s.name)).toEqual(['all-domains', 'adults-only']);
      expect(file.scenarios[1]).toEqual({
        name: 'adults-only',
        spec: {
          exclude: ['young-people', 'early-years'],
          weights: new Map([
            ['community-safety', '2'],
            ['adults', '0.5'],
          ]),
          population: '60+',
        },
        path: ['scenarios', 'adults-only'],
      });
    });

    it('reads the same file written as JSON, numbers kept as the text written', () => {
      const file = parsed(
        JSON.stringify(
          { defaults: { budget: 38100000 }, baseline: 'b', scenarios: { a: { budget: '1m' }, b: { pots: { x: { budget: 500000.5 } } } } },
          null,
          2,
        ),
        'options.json',
      );
      expect(file.defaults).toEqual({ budget: '38100000' });
      expect(file.baseline).toBe('b');
      expect(file.scenarios.map((s) => [s.name, s.spec])).toEqual([
        ['a', { budget: '1m' }],
        ['b', { pots: new Map([['x', { budget: '500000.5' }]]) }],
      ]);
    });

    it('puts an inline baseline scenario first, named "baseline", and makes it the baseline', () => {
      const file = parsed(yaml('baseline:', '  budget: 1m', 'scenarios:', '  more:', '    budget: 2m'));
      expect(file.baseline).toBe('baseline');
      expect(file.scenarios.map((s) => [s.name, s.path])).toEqual([
        ['baseline', ['baseline']],
        ['more', ['scenarios', 'more']],
      ]);
    });

    it('takes the first scenario as the baseline when none is named', () => {
      expect(parsed(yaml('scenarios:', '  first:', '    budget: 1m', '  second:', '    budget: 2m')).baseline).toBe('first');
    });

    it('gives every scenario an empty defaults section when there is none', () => {
      expect(parsed(yaml('scenarios:', '  only:', '    budget: 1m')).defaults).toEqual({});
    });

    it('locates a key path at its line and column, for messages found after parsing', () => {
      const file = parsed(yaml('scenarios:', '  a:', '    pots:', '      adults:', '        budget: 1m'));
      expect(file.locate(['scenarios', 'a', 'pots', 'adults', 'budget'])).toEqual({ file: 'options.yaml', line: 5, column: 9 });
    });

    it('reads previous:, floor: and ceiling: in defaults and scenarios, a percentage kept as written (+2 stays +2)', () => {
      const file = parsed(
        yaml(
          'defaults:',
          '  previous: last-year.xlsx',
          '  floor: -2',
          '  ceiling: +2',
          'scenarios:',
          '  a:',
          '    budget: 1m',
          '    previous: other.csv',
          '    floor: -0.5%',
          '    ceiling: "+1.5%"',
          '  b:',
          '    budget: 1m',
          '    ceiling: 5',
        ),
      );
      expect(file.defaults).toEqual({ previous: 'last-year.xlsx', floor: '-2', ceiling: '+2' });
      expect(file.scenarios.map((s) => [s.spec.previous, s.spec.floor, s.spec.ceiling])).toEqual([
        ['other.csv', '-0.5%', '+1.5%'],
        [undefined, undefined, '5'],
      ]);
    });

    it("reads a pot's own data: and formula:", () => {
      const file = parsed(
        yaml('scenarios:', '  a:', '    pots:', '      health:', '        budget: 1m', '        data: health.csv', '        formula: health.json'),
      );
      expect(file.scenarios[0]?.spec.pots?.get('health')).toEqual({ budget: '1m', data: 'health.csv', formula: 'health.json' });
    });

    it('refuses a floor given as a list, saying a signed percentage is expected', () => {
      const error = refused(yaml('scenarios:', '  a:', '    budget: 1m', '    previous: p.csv', '    floor: [2]'));
      expect(error.message).toBe('scenarios.a.floor: expected a percentage with its sign, e.g. -2%, got a list');
      expect(error.location).toEqual({ file: 'options.yaml', line: 5, column: 5 });
    });

    it('refuses previous:, floor: and ceiling: in a pot (damping is of a scenario’s table)', () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      x:', '        budget: 1m', '        floor: -2%'));
      expect(error.message).toBe('scenarios.a.pots.x: unknown key "floor"');
      expect(error.location).toEqual({ file: 'options.yaml', line: 6, column: 9 });
    });
  });

  describe('unknown keys: the nearest valid key and where the typo is', () => {
    it('at the top level', () => {
      const error = refused(yaml('defualts:', '  budget: 1m', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('unknown key "defualts"');
      expect(error.hint).toMatch(/^Did you mean "defaults"\? Valid keys here: description, defaults, baseline, scenarios$/);
      expect(error.location).toEqual({ file: 'options.yaml', line: 1, column: 1 });
    });

    it('in a scenario', () => {
      const error = refused(yaml('defaults:', '  budget: 1m', 'scenarios:', '  typo:', '    exlcude: [young-people]'));
      expect(error.message).toBe('scenarios.typo: unknown key "exlcude"');
      expect(error.hint).toMatch(/^Did you mean "exclude"\?/);
      expect(error.hint).toContain('pots');
      expect(error.location).toEqual({ file: 'options.yaml', line: 5, column: 5 });
    });

    it('in a pot, suggesting among the keys a pot allows', () => {
      const error = refused(yaml('scenarios:', '  a:', '    pots:', '      adults:', '        budget: 1m', '        wieghts: {adults: 2}'));
      expect(error.message).toBe('scenarios.a.pots.adults: unknown key "wieghts"');
      expect(error.hint).toBe('Did you mean "weights"? Valid keys here: description, budget, exclude, weights, population, data, formula');
      expect(error.location).toEqual({ file: 'options.yaml', line: 6, column: 9 });
    });

    it('in defaults, suggesting among the keys defaults allows', () => {
      const error = refused(yaml('defaults:', '  budgte: 1m', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('defaults: unknown key "budgte"');
      expect(error.hint).toBe(
        'Did you mean "budget"? Valid keys here: budget, area, data, formula, vintage, population, replace, previous, floor, ceiling, transition, level, localities',
      );
      expect(error.location).toEqual({ file: 'options.yaml', line: 2, column: 3 });
    });

    it('in a JSON file, at the column of the quoted key', () => {
      const error = refused(['{', '  "scenarios": {', '    "a": {"budget": "1m", "exlude": []}', '  }', '}'].join('\n'), 'options.json');
      expect(error.hint).toMatch(/^Did you mean "exclude"\?/);
      expect(error.location).toEqual({ file: 'options.json', line: 3, column: 27 });
    });

    it('lists the valid keys without a guess when nothing is close', () => {
      expect(refused(yaml('scenarios:', '  a:', '    budget: 1m', '    colour: red')).hint).toBe(
        'Valid keys here: description, budget, exclude, weights, area, data, formula, vintage, population, replace, previous, floor, ceiling, transition, pots',
      );
    });
  });

  it('refuses a pot without a budget, at the pot', () => {
    const error = refused(yaml('scenarios:', '  pooled:', '    pots:', '      adults:', '        exclude: [young-people]'));
    expect(error.message).toBe('scenarios.pooled.pots.adults.budget: a pot needs a budget');
    expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 7 });
  });

  it('refuses duplicate scenario names at the second one', () => {
    const error = refused(yaml('scenarios:', '  adults-only:', '    budget: 1m', '  other:', '    budget: 2m', '  adults-only:', '    budget: 3m'));
    expect(error.code).toBe('duplicate-name');
    expect(error.message).toBe('"adults-only" appears twice at the same level, on lines 2 and 6');
    expect(error.location).toEqual({ file: 'options.yaml', line: 6, column: 3 });
  });

  it('refuses duplicate pot names', () => {
    const error = refused(yaml('scenarios:', '  a:', '    pots:', '      p:', '        budget: 1m', '      p:', '        budget: 2m'));
    expect(error.code).toBe('duplicate-name');
    expect(error.location).toEqual({ file: 'options.yaml', line: 6, column: 7 });
  });

  it('refuses a scenario called "baseline" beside an inline baseline', () => {
    const error = refused(yaml('baseline:', '  budget: 1m', 'scenarios:', '  baseline:', '    budget: 2m'));
    expect(error.code).toBe('duplicate-name');
    expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 3 });
  });

  it('gives the line and column of a YAML syntax error', () => {
    const error = refused(yaml('defaults:', '  area: Corby', 'scenarios:', '  broken:', '    budget: 1m: 2m'));
    expect(error.code).toBe('yaml-syntax');
    expect(error.message).toMatch(/^YAML syntax error: /);
    expect(error.message).not.toMatch(/line \d+/);
    expect(error.location).toEqual({ file: 'options.yaml', line: 5, column: 13 });
  });

  it('gives the line of a tab used for indentation', () => {
    const error = refused('scenarios:\n\ta:\n\t\tbudget: 1m\n');
    expect(error.code).toBe('yaml-syntax');
    expect(error.location).toMatchObject({ line: 2 });
  });

  it('refuses a baseline that is not one of the scenarios, suggesting the nearest name', () => {
    const error = refused(yaml('scenarios:', '  adults-only:', '    budget: 1m', 'baseline: adult-only'));
    expect(error.code).toBe('unknown-baseline');
    expect(error.message).toBe('baseline "adult-only" is not one of the scenarios');
    expect(error.hint).toBe('Did you mean "adults-only"?');
    expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 1 });
  });

  it('lists the scenarios when the baseline is nothing like any of them', () => {
    expect(refused(yaml('baseline: zzz', 'scenarios:', '  a:', '    budget: 1m', '  b:', '    budget: 2m')).hint).toBe('Scenarios: a, b');
  });

  it.each([
    ['a space and a slash', '"a b/c"'],
    ['a dot', 'a.b'],
    ['only dots', '".."'],
    ['a leading hyphen', '"-a"'],
  ])('refuses a scenario name with %s, which cannot be a file name', (_, name) => {
    const error = refused(yaml('scenarios:', `  ${name}:`, '    budget: 1m'));
    expect(error.code).toBe('bad-name');
    expect(error.message).toMatch(/^scenario name ".*" cannot be used as a file name$/);
    expect(error.location).toEqual({ file: 'options.yaml', line: 2, column: 3 });
  });

  it('refuses a pot name that cannot be a file name', () => {
    const error = refused(yaml('scenarios:', '  a:', '    pots:', '      "x/y":', '        budget: 1m'));
    expect(error.code).toBe('bad-name');
    expect(error.message).toBe('pot name "x/y" cannot be used as a file name');
    expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 7 });
  });

  it.each([
    ['empty', ''],
    ['only comments', '# nothing here yet\n'],
  ])('refuses an %s file, pointing at scenarios init', (_, text) => {
    const error = refused(text);
    expect(error.code).toBe('empty-scenarios');
    expect(error.hint).toContain('fairshare scenarios init');
    expect(error.location).toEqual({ file: 'options.yaml' });
  });

  it('refuses a file without a scenarios: section', () => {
    expect(refused(yaml('defaults:', '  budget: 1m')).message).toBe('the file has no "scenarios:" section');
  });

  it('refuses an empty scenarios: section', () => {
    const error = refused(yaml('defaults:', '  budget: 1m', 'scenarios: {}'));
    expect(error.code).toBe('no-scenarios');
    expect(error.location).toEqual({ file: 'options.yaml', line: 3, column: 1 });
  });

  describe('wrong types', () => {
    it('refuses a budget written as a list', () => {
      const error = refused(yaml('scenarios:', '  a:', '    budget: [1m, 2m]'));
      expect(error.message).toBe('scenarios.a.budget: expected an amount like 12.7m or 12700000, got a list');
      expect(error.location).toEqual({ file: 'options.yaml', line: 3, column: 5 });
    });

    it('refuses a budget under defaults written as a mapping', () => {
      const error = refused(yaml('defaults:', '  budget:', '    amount: 1m', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('defaults.budget: expected an amount like 12.7m or 12700000, got a mapping');
      expect(error.location).toEqual({ file: 'options.yaml', line: 2, column: 3 });
    });

    it('refuses a population base that is not one of the known ones', () => {
      const error = refused(yaml('scenarios:', '  a:', '    budget: 1m', '    population: children'));
      expect(error.message).toBe('scenarios.a.population: must be one of "total", "0-4", "0-14", "0-15", "16-59", "60+", "65+", got string "children"');
      expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 5 });
    });

    it('refuses weights written as a list', () => {
      const error = refused(yaml('scenarios:', '  a:', '    budget: 1m', '    weights: [adults]'));
      expect(error.message).toBe('scenarios.a.weights: expected a mapping (key: value lines), got a list');
      expect(error.location).toEqual({ file: 'options.yaml', line: 4, column: 5 });
    });

    it('refuses a scenario with nothing under it', () => {
      const error = refused(yaml('scenarios:', '  a:'));
      expect(error.message).toBe('scenarios.a: expected a mapping (key: value lines), got nothing');
      expect(error.location).toEqual({ file: 'options.yaml', line: 2, column: 3 });
    });

    it('refuses a file that is a list, not a mapping', () => {
      expect(refused(yaml('- a', '- b')).message).toBe('expected a mapping (key: value lines), got a list');
    });
  });
});

describe('parseScenarioFile: names and typos found in review', () => {
  const refusedAs = (text: string) => {
    const result = parseScenarioFile(text, 'review.yaml');
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  };

  it.each(['comparison', 'manifest', 'scenarios'])('refuses a scenario named "%s", whose file the run writes itself', (name) => {
    const e = refusedAs(`scenarios:\n  base: {budget: 1m}\n  ${name}: {budget: 2m}\n`);
    expect(e).toMatchObject({ code: 'reserved-name', location: { line: 3, column: 3 } });
  });

  it('refuses a pot named "lsoa"', () => {
    expect(refusedAs('scenarios:\n  a:\n    pots:\n      lsoa: {budget: 1m}\n')).toMatchObject({ code: 'reserved-name', location: { line: 4 } });
  });

  it('suggests "scenarios" for a typo in that key, rather than calling it missing', () => {
    const e = refusedAs('scenarioz:\n  a: {budget: 1m}\n');
    expect(e.message).toContain('unknown key "scenarioz"');
    expect(e.hint).toContain('Did you mean "scenarios"?');
    expect(e.location).toMatchObject({ line: 1, column: 1 });
  });

  it('suggests "budget" for a typo in a pot\'s budget key', () => {
    const e = refusedAs('scenarios:\n  a:\n    pots:\n      p:\n        budgte: 1m\n');
    expect(e.hint).toContain('Did you mean "budget"?');
    expect(e.location).toMatchObject({ line: 5, column: 9 });
  });
});

describe('parseScenarioFile: hostile names, numbers and sizes', () => {
  const refusedAs = (text: string) => {
    const result = parseScenarioFile(text, 'hostile.yaml');
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  };
  const read = (text: string) => {
    const result = parseScenarioFile(text, 'hostile.yaml');
    if (!result.ok) throw new Error(`expected the file to parse, got: ${result.error.message}`);
    return result.value;
  };

  it('keeps scenarios, pots and weights named like Object properties as ordinary names', () => {
    const names = ['constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf'];
    const file = read(
      yaml(
        'scenarios:',
        ...names.flatMap((n) => [
          `  ${n}:`,
          '    pots:',
          ...names.flatMap((p) => [`      ${p}:`, '        budget: 1m', '        weights:', `          ${p}: 2`]),
        ]),
      ),
    );
    expect(file.scenarios.map((s) => s.name)).toEqual(names);
    for (const { spec } of file.scenarios) {
      expect([...(spec.pots?.keys() ?? [])]).toEqual(names);
      expect([...(spec.pots?.values() ?? [])].map((p) => [...(p.weights?.entries() ?? [])])).toEqual(names.map((n) => [[n, '2']]));
    }
  });

  it('refuses __proto__ as a scenario or pot name by the name rule, never dropping it', () => {
    expect(refusedAs(yaml('scenarios:', '  a: {budget: 1m}', '  __proto__: {budget: 2m}'))).toMatchObject({
      code: 'bad-name',
      message: 'scenario name "__proto__" cannot be used as a file name',
      location: { line: 3, column: 3 },
    });
    expect(refusedAs(yaml('scenarios:', '  a:', '    pots:', '      __proto__: {budget: 2m}'))).toMatchObject({ code: 'bad-name', location: { line: 4 } });
  });

  it('reports __proto__ as an unknown key where the keys are fixed', () => {
    const e = refusedAs(yaml('scenarios:', '  a:', '    budget: 1m', '    __proto__: {budget: 2m}'));
    expect(e.message).toBe('scenarios.a: unknown key "__proto__"');
    expect(e.location).toMatchObject({ line: 4, column: 5 });
    expect(refusedAs(yaml('__proto__: 1', 'scenarios:', '  a: {budget: 1m}')).message).toBe('unknown key "__proto__"');
  });

  it.each([
    ['1 and "1"', ['  1: {budget: 1m}', '  "1": {budget: 2m}'], '"1" appears twice at the same level, on lines 2 and 3'],
    ["a and 'a'", ['  a: {budget: 1m}', "  'a': {budget: 2m}"], '"a" appears twice at the same level, on lines 2 and 3'],
  ])('refuses keys that differ in the file but are equal once read: %s', (_, lines, message) => {
    const e = refusedAs(yaml('scenarios:', ...lines));
    expect(e).toMatchObject({ code: 'duplicate-name', message, location: { line: 3, column: 3 } });
  });

  it('refuses duplicate keys inside a flow mapping too', () => {
    expect(refusedAs(yaml('scenarios:', '  a: {budget: 1m, budget: 2m}'))).toMatchObject({
      code: 'duplicate-name',
      message: '"budget" appears twice at the same level, on line 2',
      location: { line: 2, column: 19 },
    });
  });

  it('keeps a plain key as written: 0x1 is the name "0x1", not 1', () => {
    expect(read(yaml('scenarios:', '  0x1: {budget: 1m}', '  1: {budget: 2m}')).scenarios.map((s) => s.name)).toEqual(['0x1', '1']);
  });

  it.each([
    ['Adults', 'adults'],
    ['A-B', 'a-b'],
  ])('refuses scenario names %s and %s, equal apart from case, with both lines', (a, b) => {
    const e = refusedAs(yaml('scenarios:', `  ${a}: {budget: 1m}`, '  other: {budget: 1m}', `  ${b}: {budget: 2m}`));
    expect(e).toMatchObject({ code: 'duplicate-name', location: { line: 4, column: 3 } });
    expect(e.message).toBe(`scenario names "${a}" (line 2) and "${b}" (line 4) differ only in case, so their files would be one file on Windows and macOS`);
  });

  it('refuses pot names equal apart from case within a scenario, but not across scenarios', () => {
    expect(refusedAs(yaml('scenarios:', '  a:', '    pots:', '      Kids: {budget: 1m}', '      kids: {budget: 1m}')).code).toBe('duplicate-name');
    expect(read(yaml('scenarios:', '  a:', '    pots:', '      Kids: {budget: 1m}', '  b:', '    pots:', '      kids: {budget: 1m}')).scenarios).toHaveLength(
      2,
    );
  });

  it('refuses an inline baseline beside a scenario named Baseline', () => {
    expect(refusedAs(yaml('baseline: {budget: 1m}', 'scenarios:', '  Baseline: {budget: 2m}'))).toMatchObject({
      code: 'duplicate-name',
      location: { line: 3 },
    });
  });

  it.each(['CON', 'con', 'Nul', 'aux', 'PRN', 'COM1', 'com9', 'LPT1', 'lpt9'])('refuses the Windows device name %s as a scenario name', (name) => {
    const e = refusedAs(yaml('scenarios:', `  ${name}: {budget: 1m}`));
    expect(e.code).toBe('bad-name');
    expect(e.message).toBe(
      `scenario name "${name}" is a device name on Windows (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9, in any case), so it cannot be a file name`,
    );
  });

  it('refuses a device name as a pot name, and allows names that only start like one', () => {
    expect(refusedAs(yaml('scenarios:', '  a:', '    pots:', '      aux: {budget: 1m}')).code).toBe('bad-name');
    expect(read(yaml('scenarios:', '  console: {budget: 1m}', '  com10: {budget: 1m}', '  lpt: {budget: 1m}')).scenarios).toHaveLength(3);
  });

  it.each(['Comparison', 'MANIFEST', 'Scenarios'])('refuses %s, a run file name in another case', (name) => {
    expect(refusedAs(yaml('scenarios:', '  a: {budget: 1m}', `  ${name}: {budget: 1m}`)).code).toBe('reserved-name');
  });

  it.each(['0x10', '0o17', '1.27e7', '.inf', '-.inf', '.nan', '123456789012345678901', '12700000', '12700000.50', '12.7m', '1_000'])(
    'keeps the budget %s as the text written, never a JavaScript number',
    (budget) => {
      expect(read(yaml('scenarios:', '  a:', `    budget: ${budget}`)).scenarios[0]?.spec.budget).toBe(budget);
      expect(read(yaml('defaults:', `  budget: ${budget}`, 'scenarios:', '  a: {}')).defaults.budget).toBe(budget);
      expect(read(yaml('scenarios:', '  a:', '    pots:', `      p: {budget: ${budget}}`)).scenarios[0]?.spec.pots?.get('p')?.budget).toBe(budget);
    },
  );

  it.each(['.inf', '.nan', '1e400', '2'])('keeps the weight %s as the text written', (weight) => {
    expect(read(yaml('scenarios:', '  a:', '    budget: 1m', '    weights:', `      adults: ${weight}`)).scenarios[0]?.spec.weights?.get('adults')).toBe(
      weight,
    );
  });

  it('says what was written when a value has the wrong type', () => {
    expect(refusedAs(yaml('scenarios:', '  a:', '    budget: 1m', '    area: .inf')).message).toBe('scenarios.a.area: expected a string, got number .inf');
    expect(refusedAs(yaml('scenarios:', '  a:', '    budget: 1m', '    weights: {adults: [2]}')).message).toBe(
      'scenarios.a.weights.adults: expected a weight like 2 or 0.5, got a list',
    );
    expect(refusedAs(yaml('scenarios:', '  a:', '    budget:')).message).toBe('scenarios.a.budget: expected an amount like 12.7m or 12700000, got nothing');
  });

  it('refuses a key that is a list or a mapping', () => {
    expect(refusedAs(yaml('scenarios:', '  ? [a, b]', '  : {budget: 1m}'))).toMatchObject({ code: 'bad-key', location: { line: 2, column: 5 } });
  });

  it('reads a few aliases, and refuses an alias bomb in one line at the alias that crosses the limit', () => {
    const ok = read(yaml('defaults:', '  budget: &b 1m', 'scenarios:', '  a: {budget: *b}', '  b:', '    weights: &w {adults: 2}', '  c: {weights: *w}'));
    expect(ok.scenarios.map((s) => [s.name, s.spec.budget, s.spec.weights?.get('adults')])).toEqual([
      ['a', '1m', undefined],
      ['b', undefined, '2'],
      ['c', undefined, '2'],
    ]);
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const e = refusedAs(yaml(...lines, 'scenarios:', '  a: {budget: 1m}'));
    expect(e.code).toBe('too-many-aliases');
    expect(e.message).toMatch(/^too many aliases \(limit 10,000 values copied\): \*a\d takes the file past the limit$/);
    expect(e.location?.line).toBeGreaterThan(1);
  });

  it('refuses an alias with no anchor before it', () => {
    expect(refusedAs(yaml('scenarios:', '  a: {budget: *nowhere}')).code).toBe('yaml-syntax');
  });

  it('refuses nesting deeper than the limit before the YAML parser sees it, with the line', () => {
    const e = refusedAs(`scenarios:\n  a:\n    description: ${'['.repeat(200_000)}\n`);
    expect(e).toMatchObject({ code: 'too-deep', message: `the file is nested more than ${MAX_NESTING} levels deep`, location: { line: 3 } });
    let block = 'scenarios:\n';
    for (let i = 1; i <= MAX_NESTING + 5; i++) block += `${' '.repeat(i * 2)}k${i}:\n`;
    expect(refusedAs(block).code).toBe('too-deep');
  });

  it('refuses a file over the size limit at once, naming the limit', () => {
    const e = refusedAs(`scenarios:\n  a: {budget: 1m}\n${'#'.repeat(MAX_SCENARIO_FILE_CHARS)}\n`);
    expect(e.code).toBe('file-too-large');
    expect(e.message).toMatch(/more than the limit of 10,000,000 \(about 10 MB\)$/);
  });

  it('quotes at most 60 characters of a long name', () => {
    const long = `a${'b'.repeat(5000)}`;
    expect(refusedAs(yaml('scenarios:', '  x: {budget: 1m}', `baseline: ${long}`)).message.length).toBeLessThan(120);
  });
});

describe('parseScenarioFile: values as written', () => {
  it('names a scenario written as a number as the baseline, by its text', () => {
    const file = parseScenarioFile(yaml('baseline: 2013', 'scenarios:', '  2012: {budget: 1m}', '  2013: {budget: 2m}'), 'years.yaml');
    expect(file.ok && file.value.baseline).toBe('2013');
  });

  it('keeps a budget with a comment after it as the budget alone', () => {
    const file = parseScenarioFile(yaml('scenarios:', '  a:', '    budget: 12.7m   # the 2013 figure'), 'comment.yaml');
    expect(file.ok && file.value.scenarios[0]?.spec.budget).toBe('12.7m');
  });
});

describe('parseScenarioFile: where deep nesting starts', () => {
  it('points at the bracket that goes past the limit', () => {
    const result = parseScenarioFile(`scenarios:\n  a:\n    description: x\n    area: ${'['.repeat(MAX_NESTING + 1)}\n`, 'deep.yaml');
    expect(result.ok ? undefined : result.error.location).toEqual({ file: 'deep.yaml', line: 4, column: 11 + MAX_NESTING });
  });
});

describe('parseScenarioFile: how many scenarios and pots', () => {
  const many = (count: number, line: (i: number) => string): string[] => Array.from({ length: count }, (_, i) => line(i));

  it(`reads ${MAX_SCENARIOS} scenarios and refuses one more, at the scenarios line`, () => {
    expect(parsed(yaml('scenarios:', ...many(MAX_SCENARIOS, (i) => `  s${i}: {budget: 1m}`))).scenarios).toHaveLength(MAX_SCENARIOS);
    const result = parseScenarioFile(yaml('# generated', 'scenarios:', ...many(MAX_SCENARIOS + 1, (i) => `  s${i}: {budget: 1m}`)), 'many.yaml');
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'too-many-scenarios',
      message: 'the file has 1,001 scenarios, more than the limit of 1,000',
      location: { line: 2, column: 1 },
    });
  });

  it(`reads ${MAX_POTS} pots and refuses one more, at the pots line`, () => {
    expect(parsed(yaml('scenarios:', '  a:', '    pots:', ...many(MAX_POTS, (i) => `      p${i}: {budget: 1m}`))).scenarios[0]?.spec.pots?.size).toBe(MAX_POTS);
    const result = parseScenarioFile(yaml('scenarios:', '  a:', '    pots:', ...many(MAX_POTS + 1, (i) => `      p${i}: {budget: 1m}`)), 'many.yaml');
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'too-many-pots',
      message: 'scenario "a" has 101 pots, more than the limit of 100',
      location: { line: 3, column: 5 },
    });
  });
});
