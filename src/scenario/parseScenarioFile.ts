import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import { POPULATION_BASES } from '../data/populationBase.js';


const amount = z.union([z.string(), z.number()]);
const exclude = z.union([z.array(z.string()), z.string()]);
const weights = z.record(z.string(), z.union([z.number(), z.string()]));
const population = z.enum(POPULATION_BASES);

const potSchema = z.strictObject({
  description: z.string().optional(),
  budget: amount,
  exclude: exclude.optional(),
  weights: weights.optional(),
  population: population.optional(),
});

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  budget: amount.optional(),
  exclude: exclude.optional(),
  weights: weights.optional(),
  area: z.string().optional(),
  data: z.string().optional(),
  formula: z.string().optional(),
  population: population.optional(),
  pots: z.record(z.string(), potSchema).optional(),
});

const defaultsSchema = z.strictObject({
  budget: amount.optional(),
  area: z.string().optional(),
  data: z.string().optional(),
  formula: z.string().optional(),
  population: population.optional(),
});

const fileSchema = z.strictObject({
  description: z.string().optional(),
  defaults: defaultsSchema.optional(),
  baseline: z.union([z.string(), scenarioSchema]).optional(),
  scenarios: z.record(z.string(), scenarioSchema),
});

export type PotSpec = z.infer<typeof potSchema>;
export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type DefaultsSpec = z.infer<typeof defaultsSchema>;

/** A scenario file as written, checked against the schema. */
export interface ScenarioFile {
  readonly description?: string;
  readonly defaults: DefaultsSpec;
  /** The name of the scenario the others are compared with. */
  readonly baseline: string;
  /** Scenarios in file order; an inline `baseline:` scenario comes first, named `baseline`. */
  readonly scenarios: readonly ScenarioEntry[];
  /** Where a key path sits in the file (for messages about values, found after parsing). */
  readonly locate: (path: readonly (string | number)[]) => Location;
}

/** A named scenario and the key path where it is written (`['scenarios', name]` or `['baseline']`). */
export interface ScenarioEntry {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly path: readonly string[];
}

/** Every key the schema allows at each kind of place, for "did you mean" suggestions. */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  file: Object.keys(fileSchema.shape),
  defaults: Object.keys(defaultsSchema.shape),
  scenario: Object.keys(scenarioSchema.shape),
  pot: Object.keys(potSchema.shape),
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Names whose files a run writes itself (comparison.csv, manifest.json, scenarios.md / .json). */
const RESERVED_SCENARIO_NAMES: readonly string[] = ['comparison', 'manifest', 'scenarios'];
/** A pot named `lsoa` would make `<scenario>.lsoa.csv` mean two things. */
const RESERVED_POT_NAMES: readonly string[] = ['lsoa'];

/**
 * Read a scenario file (YAML, or JSON, which is YAML too) and check it against the schema. A YAML
 * syntax error gives its line and column; a schema error gives the line, column and key path, and for
 * an unknown key the nearest valid one. Duplicate scenario names are refused (YAML keys must be unique).
 *
 * @example parseScenarioFile('scenarios:\n  adults:\n    budget: 12.7m\n', 'adults.yaml')
 */
export function parseScenarioFile(text: string, file: string): Result<ScenarioFile> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    if (first.code === 'DUPLICATE_KEY') {
      const key = /^[^\n]*/.exec(text.slice(first.pos[0]))?.[0].split(':')[0]?.trim() ?? '';
      return fail('data', 'duplicate-name', `"${key}" appears twice at the same level`, {
        hint: 'Scenario and pot names (and every other key) must be unique; rename or remove one',
        location: at(first.pos[0]),
      });
    }
    return fail('data', 'yaml-syntax', `YAML syntax error: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`, {
      hint: 'Check the indentation, colons and brackets on that line',
      location: at(first.pos[0]),
    });
  }
  const locate = (path: readonly (string | number)[]): Location => locatePath(doc, path, at, file);
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    return fail('data', 'empty-scenarios', 'the scenario file is empty', {
      hint: 'Start from the example: fairshare scenarios init',
      location: { file },
    });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    // An unknown key first: a typo in a required key (scenarioz:) also makes that key "missing".
    const issues = parsed.error.issues;
    const issue = (issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]) as z.core.$ZodIssue;
    return fail('data', 'bad-scenarios', describeIssue(issue, raw), { location: locate(issuePath(issue)), hint: hintFor(issue) });
  }
  const value = parsed.data;
  const scenarios: ScenarioEntry[] = [];
  if (typeof value.baseline === 'object') scenarios.push({ name: 'baseline', spec: value.baseline, path: ['baseline'] });
  for (const [name, spec] of Object.entries(value.scenarios)) {
    if (name === 'baseline' && typeof value.baseline === 'object') {
      return fail('data', 'duplicate-name', 'there is a scenario named "baseline" as well as an inline baseline', {
        hint: 'Rename the scenario, or write baseline: baseline to use it as the baseline',
        location: locate(['scenarios', name]),
      });
    }
    scenarios.push({ name, spec, path: ['scenarios', name] });
  }
  if (scenarios.length === 0) {
    return fail('data', 'no-scenarios', 'the file has no scenarios', { hint: 'Add at least one under scenarios:', location: locate(['scenarios']) });
  }
  for (const { name, spec, path } of scenarios) {
    if (!NAME.test(name)) return badName('scenario', name, locate(path));
    if (RESERVED_SCENARIO_NAMES.includes(name)) return reservedName('scenario', name, RESERVED_SCENARIO_NAMES, locate(path));
    for (const pot of Object.keys(spec.pots ?? {})) {
      if (!NAME.test(pot)) return badName('pot', pot, locate([...path, 'pots', pot]));
      if (RESERVED_POT_NAMES.includes(pot)) return reservedName('pot', pot, RESERVED_POT_NAMES, locate([...path, 'pots', pot]));
    }
  }
  const baseline = typeof value.baseline === 'string' ? value.baseline : (scenarios[0] as { name: string }).name;
  if (!scenarios.some((s) => s.name === baseline)) {
    const guess = nearest(baseline, scenarios.map((s) => s.name));
    return fail('data', 'unknown-baseline', `baseline "${baseline}" is not one of the scenarios`, {
      hint: guess ? `Did you mean "${guess}"?` : `Scenarios: ${scenarios.map((s) => s.name).join(', ')}`,
      location: locate(['baseline']),
    });
  }
  return ok({ ...(value.description === undefined ? {} : { description: value.description }), defaults: value.defaults ?? {}, baseline, scenarios, locate });
}

function badName(kind: string, name: string, location: Location): Result<ScenarioFile> {
  return fail('data', 'bad-name', `${kind} name "${name}" cannot be used as a file name`, {
    hint: 'Use letters, digits, hyphens and underscores, e.g. adults-only',
    location,
  });
}

function reservedName(kind: string, name: string, reserved: readonly string[], location: Location): Result<ScenarioFile> {
  return fail('data', 'reserved-name', `${kind} name "${name}" is used by the run's own files`, {
    hint: `Choose another name (${reserved.map((r) => `"${r}"`).join(', ')} cannot be ${kind} names)`,
    location,
  });
}

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path;
}

/** The kind of place a key (the last element of `path`) sits in, to know which keys are valid there. */
function placeOf(path: readonly (string | number)[]): string {
  if (path.length <= 1) return 'file';
  if (path[0] === 'defaults') return 'defaults';
  const pots = path.lastIndexOf('pots');
  if (pots !== -1 && path.length === pots + 3) return 'pot';
  return 'scenario';
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return `${where}unknown key "${key}"`;
    }
    case 'invalid_type':
      if (valueAt(raw, issue.path) === undefined) return missing(issue.path);
      return `${where}expected ${expectedOf(issue)}, got ${describeValue(valueAt(raw, issue.path))}`;
    case 'invalid_union':
      if (valueAt(raw, issue.path) === undefined) return missing(issue.path);
      return `${where}expected ${unionExpectation(issue.path)}, got ${describeValue(valueAt(raw, issue.path))}`;
    case 'invalid_value':
      return `${where}must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}, got ${describeValue(valueAt(raw, issue.path))}`;
    default:
      return `${where}${issue.message}`;
  }
}

function missing(path: readonly PropertyKey[]): string {
  const where = path.map(String).join('.');
  if (path.at(-1) === 'budget' && path.includes('pots')) return `${where}: a pot needs a budget`;
  if (path.length === 1) return `the file has no "${String(path[0])}:" section`;
  return `${where} is missing`;
}

function hintFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const place = placeOf(issue.path.map(String).concat(key));
    const valid = KEYS[place] ?? [];
    const guess = nearest(key, valid);
    return guess ? `Did you mean "${guess}"? Valid keys here: ${valid.join(', ')}` : `Valid keys here: ${valid.join(', ')}`;
  }
  return 'See the scenario file section of the README, or run fairshare scenarios init for an example';
}

function unionExpectation(path: readonly PropertyKey[]): string {
  const key = path.at(-1);
  if (key === 'budget') return 'an amount like 12.7m or 12700000';
  if (key === 'exclude') return 'a list of domain ids, e.g. [young-people, early-years]';
  if (key === 'baseline') return 'the name of a scenario, or a scenario';
  return 'a number or a text value';
}

function expectedOf(issue: z.core.$ZodIssue & { code: 'invalid_type' }): string {
  const expected = String(issue.expected);
  return expected === 'record' || expected === 'object' ? 'a mapping (key: value lines)' : expected === 'array' ? 'a list' : `a ${expected}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The line and column of a key path in the YAML document (the key itself where there is one). */
function locatePath(doc: Document, path: readonly (string | number)[], at: (offset: number) => Location, file: string): Location {
  let node: unknown = doc.contents;
  let found: Location = { file };
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) found = at(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!item) break;
      if (isScalar(item) && item.range) found = at(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return found;
}
