import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
import { POPULATION_BASES } from '../data/populationBase.js';

/**
 * The largest scenario file read, in characters (about 10 MB). A real one is a few kilobytes; a bigger
 * file is a mistake (the wrong file) or an attack, and is refused before it is parsed.
 */
export const MAX_SCENARIO_FILE_CHARS = 10_000_000;
/**
 * The most values that aliases (`*name`) may copy in one file. Aliases copying aliases grow
 * exponentially (the "billion laughs"); a scenario file that shares a few settings this way copies tens.
 */
export const MAX_ALIAS_VALUES = 10_000;
/**
 * The most scenarios in a file, and pots in a scenario. Each is a full run with its own output files; a
 * committee compares a handful, so more is a generated file gone wrong, refused before hours of runs.
 */
export const MAX_SCENARIOS = 1_000;
export const MAX_POTS = 100;
/**
 * The deepest nesting read. A scenario file needs six levels; YAML parsers run out of stack in the thousands.
 */
export const MAX_NESTING = 100;

// Budgets are text (read from the source, never through a JavaScript number); weights too, so a weight
// is used exactly as written. User-named things (scenarios, pots, weights) are Maps, so that a name like
// "constructor" is an ordinary key and no name can reach an object's prototype.
const amount = z.string();
const exclude = z.union([z.array(z.string()), z.string()]);
const weights = z.map(z.string(), z.string());
/**
 * `replace:` a map of formula source (as `--replace` names it) → the officer's file, relative to the scenario
 * file.
 */
const replace = z.map(z.string(), z.string());
const population = z.enum(POPULATION_BASES);
/**
 * `vintage: 2025` is a YAML number, `vintage: '2025'` a string: both are read as the text; planScenarios
 * checks it.
 */
const vintage = z.union([z.string(), z.number()]).transform(String);
/**
 * A floor or ceiling, read as written (`+2` stays `+2`, never the number 2): planScenarios checks its sign.
 */
const percent = z.string();

/**
 * Damping, per scenario or under defaults: a previous allocation's file (relative to the scenario file)
 * and the band, as `allocate --previous --floor --ceiling`.
 */
const dampingKeys = {
  previous: z.string().optional(),
  floor: percent.optional(),
  ceiling: percent.optional(),
};

/**
 * A multi-year transition, as `fairshare transition`: the years, the pace (default 100% ÷ years) and each
 * year's budget (default the scenario's, every year). The scenario moves from its `previous:` allocation,
 * within its `floor:` and `ceiling:` each year; planScenarios checks the values.
 */
const transitionSchema = z.strictObject({
  years: z.union([z.string(), z.number()]).transform(String),
  pace: percent.optional(),
  budgets: z.array(amount).optional(),
});

const potSchema = z.strictObject({
  description: z.string().optional(),
  budget: amount,
  exclude: exclude.optional(),
  weights: weights.optional(),
  population: population.optional(),
  /** The pot's own data file and formula (else its scenario's), relative to the scenario file. */
  data: z.string().optional(),
  formula: z.string().optional(),
});

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  budget: amount.optional(),
  exclude: exclude.optional(),
  weights: weights.optional(),
  area: z.string().optional(),
  data: z.string().optional(),
  formula: z.string().optional(),
  vintage: vintage.optional(),
  population: population.optional(),
  replace: replace.optional(),
  ...dampingKeys,
  transition: transitionSchema.optional(),
  pots: z.map(z.string(), potSchema).optional(),
  /** Read only under defaults: (planScenarios refuses it here with a message saying so). */
  localities: z.string().optional(),
});

const defaultsSchema = z.strictObject({
  budget: amount.optional(),
  area: z.string().optional(),
  data: z.string().optional(),
  formula: z.string().optional(),
  vintage: vintage.optional(),
  population: population.optional(),
  replace: replace.optional(),
  ...dampingKeys,
  transition: transitionSchema.optional(),
  /**
   * What every scenario's table adds the LSOAs up into (one level per file, so the scenarios compare row by
   * row); planScenarios checks it.
   */
  level: z.string().optional(),
  /**
   * A localities file (relative to the scenario file), as `allocate --localities` reads it: every scenario's
   * table is then by locality.
   */
  localities: z.string().optional(),
});

const fileSchema = z.strictObject({
  description: z.string().optional(),
  defaults: defaultsSchema.optional(),
  baseline: z.union([z.string(), scenarioSchema]).optional(),
  scenarios: z.map(z.string(), scenarioSchema),
});

export type PotSpec = z.infer<typeof potSchema>;
export type TransitionSpec = z.infer<typeof transitionSchema>;
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
  // localities: is read under a scenario only to say it belongs under defaults:.
  scenario: Object.keys(scenarioSchema.shape).filter((key) => key !== 'localities'),
  pot: Object.keys(potSchema.shape),
  transition: Object.keys(transitionSchema.shape),
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Names Windows keeps for devices, in any case and with any extension: a file named so cannot be made. */
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Names whose files a run writes itself (comparison.csv, manifest.json, scenarios.md / .json). */
const RESERVED_SCENARIO_NAMES: readonly string[] = ['comparison', 'manifest', 'scenarios'];
/** A pot named `lsoa` would make `<scenario>.lsoa.csv` mean two things. */
const RESERVED_POT_NAMES: readonly string[] = ['lsoa'];

/**
 * Read a scenario file (YAML, or JSON, which is YAML too) and check it against the schema. A YAML
 * syntax error gives its line and column; a schema error gives the line, column and key path, and for
 * an unknown key the nearest valid one. Keys written twice at one level are refused with both lines,
 * also when they differ only in how they are written (`1:` and `"1":`), and so are scenario or pot names
 * that could not be file names on every common system (reserved device names, names equal apart from
 * case). Budgets, weights, floors and ceilings are kept as the text written. Limits: {@link
 * MAX_SCENARIO_FILE_CHARS},
 * {@link MAX_ALIAS_VALUES}, {@link MAX_NESTING}, {@link MAX_SCENARIOS}, {@link MAX_POTS}. Linear in the size of the file.
 *
 * @example parseScenarioFile('scenarios:\n  adults:\n    budget: 12.7m\n', 'adults.yaml')
 */
export function parseScenarioFile(text: string, file: string): Result<ScenarioFile> {
  if (text.length > MAX_SCENARIO_FILE_CHARS) {
    return fail(
      'data',
      'file-too-large',
      `the scenario file is ${groupDigits(text.length)} characters long, more than the limit of ${groupDigits(MAX_SCENARIO_FILE_CHARS)} (about 10 MB)`,
      {
        hint: 'Check that this is the scenario file; a scenario file is a few kilobytes',
        location: { file },
      },
    );
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  // Deeply nested brackets crash the YAML parser itself (out of memory), so they are counted first.
  const deep = deepBracket(text);
  if (deep !== undefined) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < deep; i = text.indexOf('\n', i + 1)) line += 1;
    return tooDeep({ file, line, column: deep - text.lastIndexOf('\n', deep - 1) });
  }
  // uniqueKeys: false because the YAML library's own check compares every key with every other (quadratic);
  // readNode checks each map once, and also catches keys that collide only after reading.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    if (first.code === 'RESOURCE_EXHAUSTION') return tooDeep(at(first.pos[0]));
    return fail('data', 'yaml-syntax', `YAML syntax error: ${shown(first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '', 200)}`, {
      hint: 'Check the indentation, colons and brackets on that line',
      location: at(first.pos[0]),
    });
  }
  const reader: Reader = { text, at, anchors: new Map(), keys: new WeakMap(), aliases: new WeakMap(), copied: 0 };
  const read = readNode(reader, doc.contents, [], undefined);
  if (!read.ok) return read;
  const raw = read.value;
  const locate = (path: readonly (string | number)[]): Location => find(reader, doc.contents, path, file).location;
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
    const written = (path: readonly PropertyKey[]): string | undefined => {
      const node = find(reader, doc.contents, path.map(String), file).node;
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    };
    return fail('data', 'bad-scenarios', describeIssue(issue, raw, written), { location: locate(issuePath(issue)), hint: hintFor(issue) });
  }
  const value = parsed.data;
  const scenarios: ScenarioEntry[] = [];
  if (typeof value.baseline === 'object') scenarios.push({ name: 'baseline', spec: value.baseline, path: ['baseline'] });
  for (const [name, spec] of value.scenarios) {
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
  if (scenarios.length > MAX_SCENARIOS) {
    return fail('data', 'too-many-scenarios', `the file has ${groupDigits(scenarios.length)} scenarios, more than the limit of ${groupDigits(MAX_SCENARIOS)}`, {
      hint: 'Split it into several files, each run on its own',
      location: locate(['scenarios']),
    });
  }
  const tooManyPots = scenarios.find((s) => (s.spec.pots?.size ?? 0) > MAX_POTS);
  if (tooManyPots !== undefined) {
    return fail(
      'data',
      'too-many-pots',
      `scenario "${tooManyPots.name}" has ${groupDigits(tooManyPots.spec.pots?.size ?? 0)} pots, more than the limit of ${MAX_POTS}`,
      {
        hint: 'Combine pots that share a formula, or split the scenario',
        location: locate([...tooManyPots.path, 'pots']),
      },
    );
  }
  const scenarioFiles = new Map<string, readonly string[]>();
  for (const { name, spec, path } of scenarios) {
    const named = checkName('scenario', name, path, RESERVED_SCENARIO_NAMES, scenarioFiles, locate);
    if (!named.ok) return named;
    const potFiles = new Map<string, readonly string[]>();
    for (const pot of (spec.pots ?? new Map<string, PotSpec>()).keys()) {
      const potNamed = checkName('pot', pot, [...path, 'pots', pot], RESERVED_POT_NAMES, potFiles, locate);
      if (!potNamed.ok) return potNamed;
    }
  }
  const baseline = typeof value.baseline === 'string' ? value.baseline : (scenarios[0] as { name: string }).name;
  if (!scenarios.some((s) => s.name === baseline)) {
    const guess = nearest(
      baseline,
      scenarios.map((s) => s.name),
    );
    return fail('data', 'unknown-baseline', `baseline "${shown(baseline)}" is not one of the scenarios`, {
      hint: guess ? `Did you mean "${guess}"?` : `Scenarios: ${shown(scenarios.map((s) => s.name).join(', '), 200)}`,
      location: locate(['baseline']),
    });
  }
  return ok({ ...(value.description === undefined ? {} : { description: value.description }), defaults: value.defaults ?? {}, baseline, scenarios, locate });
}

/**
 * A scenario or pot name must be a file name on Windows, macOS and Linux: letters, digits, hyphens and
 * underscores, not a Windows device name, not one of the run's own files, and not equal apart from case
 * to another name in `taken` (whose files would be one file on Windows and macOS). Adds the name to `taken`.
 */
function checkName(
  kind: 'scenario' | 'pot',
  name: string,
  path: readonly string[],
  reserved: readonly string[],
  taken: Map<string, readonly string[]>,
  locate: (path: readonly (string | number)[]) => Location,
): Result<void> {
  const location = locate(path);
  if (!NAME.test(name)) return badName(kind, name, location);
  if (DEVICE_NAME.test(name)) {
    return fail(
      'data',
      'bad-name',
      `${kind} name "${name}" is a device name on Windows (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9, in any case), so it cannot be a file name`,
      {
        hint: `Choose another name, e.g. ${name}-${kind}`,
        location,
      },
    );
  }
  const folded = name.toLowerCase();
  if (reserved.includes(folded)) return reservedName(kind, name, reserved, location);
  const other = taken.get(folded);
  if (other !== undefined) {
    const otherName = other.at(-1) ?? '';
    return fail(
      'data',
      'duplicate-name',
      `${kind} names "${otherName}" (line ${locate(other).line ?? '?'}) and "${name}" (line ${location.line ?? '?'}) differ only in case, so their files would be one file on Windows and macOS`,
      {
        hint: 'Rename one of them',
        location,
      },
    );
  }
  taken.set(folded, path);
  return ok(undefined);
}

/** The offset of the first bracket nested deeper than MAX_NESTING (counting every [ and {), if any. */
function deepBracket(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > MAX_NESTING) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth -= 1;
    }
  }
  return undefined;
}

function tooDeep(location: Location): Result<never> {
  return fail('data', 'too-deep', `the file is nested more than ${MAX_NESTING} levels deep`, {
    hint: 'A scenario file needs about six levels (scenarios, a scenario, pots, a pot, weights); check the brackets and indentation',
    location,
  });
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What readNode needs as it walks the document: anchors seen so far, and an index for locating keys. */
interface Reader {
  readonly text: string;
  readonly at: (offset: number) => Location;
  /** Anchor name → the node it names (the latest one in document order, as YAML says). */
  readonly anchors: Map<string, Node>;
  /** Each mapping's keys as read → the pair, so a key path is found in constant time per step. */
  readonly keys: WeakMap<YAMLMap, Map<string, Pair>>;
  /** Each alias → the node it stands for. */
  readonly aliases: WeakMap<Alias, Node>;
  /** Values copied by aliases so far. */
  copied: number;
}

/**
 * What a key path holds: the scenarios, a scenario's pots, a weights mapping, a budget, a weight, the
 * baseline's name, a floor or ceiling (a percentage), or other.
 */
type Place = 'scenarios' | 'pots' | 'weights' | 'replace' | 'amount' | 'weight' | 'name' | 'percent' | 'count' | 'other';

/** The keys whose values are percentages, read as written (a scenario's or the defaults'). */
const PERCENT_KEYS: readonly string[] = ['floor', 'ceiling'];

function placeAt(path: readonly (string | number)[]): Place {
  if (path.length === 1 && path[0] === 'scenarios') return 'scenarios';
  if (path.length === 1 && path[0] === 'baseline') return 'name';
  if (path.length === 2 && path[0] === 'defaults' && path[1] === 'budget') return 'amount';
  if (path.length === 2 && path[0] === 'defaults' && PERCENT_KEYS.includes(String(path[1]))) return 'percent';
  if (path.length === 2 && path[0] === 'defaults' && path[1] === 'replace') return 'replace';
  if (path[0] === 'defaults' && path[1] === 'transition') return transitionPlace(path.slice(2));
  const root = path[0] === 'baseline' ? 1 : path[0] === 'scenarios' && path.length >= 2 ? 2 : undefined;
  if (root === undefined) return 'other';
  let rest = path.slice(root);
  if (rest.length === 1 && PERCENT_KEYS.includes(String(rest[0]))) return 'percent';
  if (rest[0] === 'transition') return transitionPlace(rest.slice(1));
  if (rest[0] === 'pots') {
    if (rest.length === 1) return 'pots';
    rest = rest.slice(2);
  }
  if (rest.length === 1 && rest[0] === 'budget') return 'amount';
  if (rest.length === 1 && rest[0] === 'weights') return 'weights';
  if (rest.length === 1 && rest[0] === 'replace') return 'replace';
  if (rest.length === 2 && rest[0] === 'weights') return 'weight';
  return 'other';
}

/** What a key path under `transition:` holds: the years (read as written), the pace, a year's budget. */
function transitionPlace(rest: readonly (string | number)[]): Place {
  if (rest.length === 1 && rest[0] === 'years') return 'count';
  if (rest.length === 1 && rest[0] === 'pace') return 'percent';
  if (rest.length === 2 && rest[0] === 'budgets') return 'amount';
  return 'other';
}

/**
 * The document as plain values, in one pass: mappings of user names (scenarios, pots, weights, replace) as
 * Maps
 * and other mappings as objects without a prototype; budgets, weights and the baseline's name as the text
 * written (so `0x10` or `1.27e7` reach the amount parser as written, never as a JavaScript number). Refuses
 * keys that are
 * not names, keys written twice (after reading, so `1:` and `"1":` are the same key), nesting deeper
 * than MAX_NESTING and aliases that copy more than MAX_ALIAS_VALUES values.
 */
function readNode(reader: Reader, node: Node | null, path: readonly (string | number)[], copying: Alias | undefined): Result<unknown> {
  if (node === null) return ok(null);
  if (path.length > MAX_NESTING) return tooDeep(reader.at(node.range?.[0] ?? 0));
  if (copying !== undefined) {
    reader.copied += 1;
    if (reader.copied > MAX_ALIAS_VALUES) {
      return fail(
        'data',
        'too-many-aliases',
        `too many aliases (limit ${groupDigits(MAX_ALIAS_VALUES)} values copied): *${shown(copying.source)} takes the file past the limit`,
        {
          hint: 'Write the settings out instead of copying them with &anchors and *aliases',
          location: reader.at(copying.range?.[0] ?? 0),
        },
      );
    }
  }
  const read = readValue(reader, node, path, copying);
  if (copying === undefined && !isAlias(node) && node.anchor) reader.anchors.set(node.anchor, node);
  return read;
}

function readValue(reader: Reader, node: Node, path: readonly (string | number)[], copying: Alias | undefined): Result<unknown> {
  if (isAlias(node)) {
    const target = reader.anchors.get(node.source);
    if (target === undefined) {
      return fail('data', 'yaml-syntax', `YAML syntax error: the alias *${shown(node.source)} has no anchor &${shown(node.source)} before it`, {
        hint: 'Define the anchor before the alias, or write the value out',
        location: reader.at(node.range?.[0] ?? 0),
      });
    }
    reader.aliases.set(node, target);
    return readNode(reader, target, path, copying ?? node);
  }
  if (isScalar(node)) {
    const place = placeAt(path);
    if (
      (place === 'amount' || place === 'weight' || place === 'name' || place === 'percent' || place === 'count') &&
      node.type === 'PLAIN' &&
      node.value !== null &&
      node.range
    ) {
      return ok(reader.text.slice(node.range[0], node.range[1]));
    }
    return ok(node.value);
  }
  if (isSeq(node)) {
    const items: unknown[] = [];
    for (let i = 0; i < node.items.length; i++) {
      const item = readNode(reader, node.items[i] as Node | null, [...path, i], copying);
      if (!item.ok) return item;
      items.push(item.value);
    }
    return ok(items);
  }
  if (isMap(node)) {
    const userNamed = ['scenarios', 'pots', 'weights', 'replace'].includes(placeAt(path));
    const map = new Map<string, unknown>();
    const seen = new Map<string, Pair>();
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      const key = keyText(reader, pair.key);
      if (!key.ok) return key;
      const before = seen.get(key.value);
      if (before !== undefined) {
        const where = (p: Pair): Location => reader.at((p.key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
        const [first, second] = [where(before).line ?? '?', where(pair).line ?? '?'];
        const lines = first === second ? `on line ${first}` : `on lines ${first} and ${second}`;
        return fail('data', 'duplicate-name', `"${shown(key.value)}" appears twice at the same level, ${lines}`, {
          hint: 'Scenario and pot names (and every other key) must be unique, also when written differently (1 and "1"); rename or remove one',
          location: where(pair),
        });
      }
      seen.set(key.value, pair);
      const value = readNode(reader, pair.value, [...path, key.value], copying);
      if (!value.ok) return value;
      map.set(key.value, value.value);
    }
    reader.keys.set(node, seen);
    if (userNamed) return ok(map);
    const object = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of map) object[key] = value;
    return ok(object);
  }
  return ok(null);
}

/** A key as the officer wrote it: a plain key's own text (`0x1` stays `0x1`), a quoted key's value. */
function keyText(reader: Reader, key: Node | null): Result<string> {
  let node = key;
  if (isAlias(node)) {
    const target = reader.anchors.get(node.source);
    if (target !== undefined) {
      reader.aliases.set(node, target);
      node = target;
    }
  }
  if (node === null) return ok('');
  if (isScalar(node)) {
    if (node.type === 'PLAIN') return ok(node.range ? reader.text.slice(node.range[0], node.range[1]) : String(node.value));
    return ok(String(node.value));
  }
  return fail('data', 'bad-key', 'a key here is a list or a mapping; keys must be names', {
    hint: 'Write each key as a name followed by a colon, e.g. budget: 1m',
    location: reader.at(node.range?.[0] ?? 0),
  });
}

/** The node at a key path, and the line and column of its key (or of the deepest key found). */
function find(reader: Reader, root: Node | null, path: readonly (string | number)[], file: string): { node: Node | null | undefined; location: Location } {
  let node: Node | null | undefined = root;
  let location: Location = { file };
  for (const key of path) {
    while (isAlias(node)) node = reader.aliases.get(node);
    if (isMap(node)) {
      const pair = reader.keys.get(node)?.get(String(key));
      if (!pair) return { node: undefined, location };
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) location = reader.at(keyNode.range[0]);
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | null | undefined;
      if (item === undefined) return { node: undefined, location };
      if (item?.range) location = reader.at(item.range[0]);
      node = item;
    } else {
      return { node: undefined, location };
    }
  }
  while (isAlias(node)) node = reader.aliases.get(node);
  return { node, location };
}

function badName(kind: string, name: string, location: Location): Result<never> {
  return fail('data', 'bad-name', `${kind} name "${shown(name)}" cannot be used as a file name`, {
    hint: 'Start with a letter or digit, then use letters, digits, hyphens and underscores, e.g. adults-only',
    location,
  });
}

function reservedName(kind: string, name: string, reserved: readonly string[], location: Location): Result<never> {
  return fail('data', 'reserved-name', `${kind} name "${name}" is used by the run's own files`, {
    hint: `Choose another name (${reserved.map((r) => `"${r}"`).join(', ')} cannot be ${kind} names, in any case)`,
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
  // A key under a transition: (of the defaults, the inline baseline or a scenario, which may be named so).
  const transitionAt = path[0] === 'scenarios' ? 2 : 1;
  if (path.length === transitionAt + 2 && path[transitionAt] === 'transition') return 'transition';
  if (path[0] === 'defaults') return 'defaults';
  const pots = path.lastIndexOf('pots');
  if (pots !== -1 && path.length === pots + 3) return 'pot';
  return 'scenario';
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, written: (path: readonly PropertyKey[]) => string | undefined): string {
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  const got = (): string => describeValue(valueAt(raw, issue.path), written(issue.path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return `${where}unknown key "${shown(key)}"`;
    }
    case 'invalid_type':
      if (valueAt(raw, issue.path) === undefined) return missing(issue.path);
      return `${where}expected ${expectationAt(issue.path) ?? expectedOf(issue)}, got ${got()}`;
    case 'invalid_union':
      if (valueAt(raw, issue.path) === undefined) return missing(issue.path);
      return `${where}expected ${expectationAt(issue.path) ?? 'a number or a text value'}, got ${got()}`;
    case 'invalid_value':
      return `${where}must be one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}, got ${got()}`;
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

/** What a budget, a weight, an exclude list or a baseline should look like, for "expected …" messages. */
function expectationAt(path: readonly PropertyKey[]): string | undefined {
  const key = path.at(-1);
  if (path.at(-2) === 'weights') return 'a weight like 2 or 0.5';
  if (key === 'budget') return 'an amount like 12.7m or 12700000';
  if (key === 'exclude') return 'a list of domain ids, e.g. [young-people, early-years]';
  if (key === 'baseline') return 'the name of a scenario, or a scenario';
  if (key === 'floor' || key === 'ceiling') return `a percentage with its sign, e.g. ${key === 'floor' ? '-2%' : '+2%'}`;
  if (key === 'previous') return 'the path of a previous allocation (CSV or XLSX)';
  if (key === 'years') return `a whole number of years from 1 to 10`;
  if (key === 'pace') return 'a percentage above 0% and at most 100%, e.g. 50%';
  if (path.at(-2) === 'budgets') return 'an amount like 12.7m or 12700000';
  if (key === 'budgets') return 'a list of budgets, one a year, e.g. [12.7m, 13m, 13.3m]';
  if (key === 'transition') return 'a mapping with years: and optionally pace: and budgets:';
  if (key === 'localities') return 'the path of a localities file (CSV or XLSX with lsoa_code or ward_code, and locality)';
  if (path.at(-2) === 'replace') return 'the path of a CSV or XLSX with lsoa_code and value or national_rank';
  if (key === 'replace') return 'a mapping of source ids to files, e.g. community-safety: my-crime.csv';
  return undefined;
}

function expectedOf(issue: z.core.$ZodIssue & { code: 'invalid_type' }): string {
  const expected = String(issue.expected);
  return expected === 'record' || expected === 'object' || expected === 'map'
    ? 'a mapping (key: value lines)'
    : expected === 'array'
      ? 'a list'
      : `a ${expected}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) {
    if (value instanceof Map) value = value.get(key);
    else if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) value = (value as Record<PropertyKey, unknown>)[key];
    else return undefined;
  }
  return value;
}

/**
 * A value for a message: its kind, and for a scalar what was written (`.inf`, not what JavaScript made of
 * it).
 */
function describeValue(value: unknown, written: string | undefined): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string "${shown(value)}"`;
  return `${typeof value} ${shown(written ?? String(value))}`;
}
