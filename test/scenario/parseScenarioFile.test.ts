import { describe, expect, it } from 'vitest';
import type { FairshareError } from '../../src/engine/errors.js';
import { parseScenarioFile, type ScenarioFile } from '../../src/scenario/parseScenarioFile.js';

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
        spec: { exclude: ['young-people', 'early-years'], weights: { 'community-safety': 2, adults: '0.5' }, population: '60+' },
        path: ['scenarios', 'adults-only'],
      });
    });

    it('reads the same file written as JSON, numbers and all', () => {
      const file = parsed(
        JSON.stringify({ defaults: { budget: 38100000 }, baseline: 'b', scenarios: { a: { budget: '1m' }, b: { pots: { x: { budget: 500000.5 } } } } }, null, 2),
        'options.json',
      );
      expect(file.defaults).toEqual({ budget: 38100000 });
      expect(file.baseline).toBe('b');
      expect(file.scenarios.map((s) => [s.name, s.spec])).toEqual([
        ['a', { budget: '1m' }],
        ['b', { pots: { x: { budget: 500000.5 } } }],
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
      expect(error.hint).toBe('Did you mean "weights"? Valid keys here: description, budget, exclude, weights, population');
      expect(error.location).toEqual({ file: 'options.yaml', line: 6, column: 9 });
    });

    it('in defaults, suggesting among the keys defaults allows', () => {
      const error = refused(yaml('defaults:', '  budgte: 1m', 'scenarios:', '  a: {}'));
      expect(error.message).toBe('defaults: unknown key "budgte"');
      expect(error.hint).toBe('Did you mean "budget"? Valid keys here: budget, area, data, formula, population');
      expect(error.location).toEqual({ file: 'options.yaml', line: 2, column: 3 });
    });

    it('in a JSON file, at the column of the quoted key', () => {
      const error = refused(['{', '  "scenarios": {', '    "a": {"budget": "1m", "exlude": []}', '  }', '}'].join('\n'), 'options.json');
      expect(error.hint).toMatch(/^Did you mean "exclude"\?/);
      expect(error.location).toEqual({ file: 'options.json', line: 3, column: 27 });
    });

    it('lists the valid keys without a guess when nothing is close', () => {
      expect(refused(yaml('scenarios:', '  a:', '    budget: 1m', '    colour: red')).hint).toBe(
        'Valid keys here: description, budget, exclude, weights, area, data, formula, population, pots',
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
    expect(error.message).toBe('"adults-only" appears twice at the same level');
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

    it('refuses a population base that is not one of the four', () => {
      const error = refused(yaml('scenarios:', '  a:', '    budget: 1m', '    population: children'));
      expect(error.message).toBe('scenarios.a.population: must be one of "total", "0-15", "16-59", "60+", got string "children"');
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
