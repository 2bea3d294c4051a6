import { basename, dirname, extname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Decimal } from 'decimal.js';
import { PACK_LICENCE } from '../../data/packFormat.js';
import { scenarioDamping, scenarioFiles } from '../../report/scenarioFiles.js';
import { oneLine, plain } from '../../engine/shown.js';
import { toTerminal } from '../../report/toTerminal.js';
import type { Table } from '../../report/table.js';
import { compare, gainsAndLosses, type ComparisonRow, type Move } from '../../scenario/compare.js';
import { Exact } from '../../engine/exact.js';
import { EXAMPLE_SCENARIO_FILE } from '../../scenario/exampleScenarioFile.js';
import { manifest } from '../../scenario/manifest.js';
import { decodeText } from '../../data/decodeText.js';
import { parseScenarioFile, type ScenarioFile } from '../../scenario/parseScenarioFile.js';
import { dataRefs, planScenarios, potDataRefs, previousOf, replacementsOf, type DataRefs, type LoadedRefs, type ScenarioPlan } from '../../scenario/planScenarios.js';
import { runScenarios, type ScenarioResult } from '../../scenario/runScenarios.js';
import { colourFor } from '../colour.js';
import { GROUP_LEVELS } from '../../engine/tabulate.js';
import { parseVintageOption, vintageOption } from '../allocationOptions.js';
import type { Vintage } from '../../data/vintage.js';
import { Failure, unwrap } from '../../app/failure.js';
import { formulaPath, loadData, readSource, userTable, type Provenance } from '../../app/inputs.js';
import type { Io } from '../io.js';
import { TOOL } from '../workbook.js';
import type { InputRef } from '../guardOutput.js';
import { checkOutputDir, startOutputDir, writeOutputDir } from '../outputDir.js';
import { checkOutputPath, writeOutput } from '../output.js';


interface RunOptions {
  readonly vintage?: string;
  readonly level?: string;
  readonly output?: string;
  readonly format: 'csv' | 'md' | 'json' | 'xlsx';
  readonly lsoa?: boolean;
  readonly force?: boolean;
}

/** `--level`: the tables' rows, for a file whose defaults say no `level:`. */
export function levelOption(): Option {
  return new Option('-l, --level <level>', `the tables' rows when the file's defaults say no level: ${GROUP_LEVELS.join(', ')} (default district)`);
}

/** The command line's settings for a scenario file. */
export function overrides(options: { vintage?: string; level?: string }): ScenarioOverrides {
  const vintage = parseVintageOption(options.vintage);
  return { ...(vintage === undefined ? {} : { vintage }), ...(options.level === undefined ? {} : { level: options.level }) };
}

/** `fairshare scenarios run|check|init`: batches of scenarios compared with a baseline. */
export function scenariosCommand(io: Io): Command {
  const scenarios = new Command('scenarios')
    .description('run batches of scenarios from a YAML file and compare them with a baseline')
    .addHelpText('after', '\nExamples:\n  $ fairshare scenarios init options.yaml\n  $ fairshare scenarios check options.yaml\n  $ fairshare scenarios run options.yaml -o results/ --format xlsx');

  scenarios
    .command('run')
    .description('run every scenario in FILE and write its district (or --level) tables, the comparison and manifest.json to a folder')
    .argument('<file>', 'the scenario file (YAML or JSON)')
    .option('-o, --output <dir>', 'the folder to write (default: <file name>-results); it must be new or empty')
    .addOption(
      new Option('-f, --format <format>', 'csv (one file per table), md (one document), json, or xlsx (one workbook: a sheet per table, Comparison and Notes)')
        .choices(['csv', 'md', 'json', 'xlsx'])
        .default('csv'),
    )
    .addOption(vintageOption())
    .addOption(levelOption())
    .option('--lsoa', 'also write every scenario’s LSOA table (as CSV)')
    .option('--force', 'replace a results folder that fairshare wrote before (one with its manifest.json); nothing else is ever replaced')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare scenarios run examples/directorates-2013.yaml -o out/
  $ fairshare scenarios run options.yaml -o paper/ --format md
  $ fairshare scenarios run examples/directorates-2013.yaml -o out/ --format xlsx
  $ fairshare scenarios run examples/adults-only.yaml -o out/ --level former-district

--format xlsx writes scenarios.xlsx: amounts as numbers with £ formats, totals in bold, a Comparison
sheet and a Notes sheet with every scenario's settings and the inputs' SHA-256. Sheet names are cut to
Excel's 31 characters. A rerun on the same inputs gives the same bytes (manifest.json lists its SHA-256).`,
    )
    .action(async (file: string, options: RunOptions) => {
      const output = options.output ?? `${basename(file, extname(file))}-results`;
      const force = options.force ?? false;
      const read = await readScenarios(file, io, overrides(options));
      unwrap(await checkOutputDir(output, { force, cwd: io.cwd, inputs: read.inputs }));
      const temp = unwrap(await startOutputDir(output, io.cwd));
      const { parsed, results, provenance } = await prepare(file, io, read);
      const comparison = compare(results, parsed.baseline);
      const tool = TOOL;
      const files = await scenarioFiles(results, comparison, {
        format: options.format,
        lsoa: options.lsoa ?? false,
        baseline: parsed.baseline,
        title: parsed.description ?? `Scenarios from ${basename(file)}`,
        tool,
        inputs: provenance,
        ...(provenance.some((p) => p.role === 'data pack') ? { licence: PACK_LICENCE } : {}),
      });
      files.set(
        'manifest.json',
        manifest(results, { tool, inputs: provenance, baseline: parsed.baseline, format: options.format, files, dampingSummaries: dampingSummaries(results) }),
      );
      unwrap(await writeOutputDir(output, temp, files, { force, cwd: io.cwd }));
      io.stdout.write(summary(results, comparison, parsed.baseline, output, files, io));
    });

  scenarios
    .command('check')
    .description('check a scenario file: everything a run checks, without writing anything')
    .argument('<file>', 'the scenario file (YAML or JSON)')
    .addHelpText('after', '\nExamples:\n  $ fairshare scenarios check examples/directorates-2013.yaml\n  $ fairshare scenarios check options.yaml --vintage 2019')
    .addOption(vintageOption())
    .addOption(levelOption())
    .action(async (file: string, options: { vintage?: string; level?: string }) => {
      const { parsed, results } = await prepare(file, io, await readScenarios(file, io, overrides(options)));
      const names = results.map((r) => {
        const notes = [...(r.plan.pooled ? [`${r.plan.pots.length} pots`] : []), ...(r.plan.damping ? [`damped against ${plain(r.plan.damping.previous)}`] : [])];
        return notes.length ? `${r.plan.name} (${notes.join(', ')})` : r.plan.name;
      });
      io.stdout.write(`${file}: OK, ${results.length} scenario${results.length === 1 ? '' : 's'}: ${names.join(', ')}; baseline: ${parsed.baseline}\n`);
    });

  scenarios
    .command('init')
    .description('write a commented example scenario file to start from')
    .argument('[file]', 'where to write it', 'scenarios.yaml')
    .addHelpText('after', '\nExamples:\n  $ fairshare scenarios init\n  $ fairshare scenarios init budget-options.yaml')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      unwrap(await checkOutputPath(file, io));
      unwrap(await writeOutput(EXAMPLE_SCENARIO_FILE, file, io, { exclusive: !options.force }));
      io.stdout.write(`Wrote ${file}. Edit it, then run: fairshare scenarios run ${file} -o results/\n`);
    });

  return scenarios;
}

/** Settings from the command line for the scenarios whose file does not say them (`--vintage`, `--level`). */
export interface ScenarioOverrides {
  readonly vintage?: Vintage;
  readonly level?: string;
}

/** A scenario file read and checked against the schema, with every file the run will read. */
export interface ScenarioSource {
  readonly parsed: ScenarioFile;
  readonly provenance: Provenance;
  /** The scenario file and every data and formula file it names, for the promise that no output overwrites one. */
  readonly inputs: readonly InputRef[];
  /** `--level`, when it is what sets the tables' level (the file's defaults say none). */
  readonly levelOption?: string;
}

/**
 * Read and check a scenario file, and list the files it names (before any of them is read). `given`
 * holds `--vintage` (the vintage of scenarios for which neither they nor the file's defaults say one) and
 * `--level` (the tables' level when the file's defaults say none).
 * Throws Failure.
 */
export async function readScenarios(file: string, io: Io, given: ScenarioOverrides = {}): Promise<ScenarioSource> {
  const source = unwrap(await readSource(resolve(io.cwd, file), 'scenario file', file));
  const read = unwrap(parseScenarioFile(decodeText(source.bytes), file));
  const { vintage, level } = given;
  const defaults = {
    ...read.defaults,
    ...(vintage === undefined || read.defaults.vintage !== undefined ? {} : { vintage }),
    ...(level === undefined || read.defaults.level !== undefined ? {} : { level }),
  };
  const parsed = { ...read, defaults };
  const baseDir = dirname(resolve(io.cwd, file));
  const inputs: InputRef[] = [{ shown: file, path: resolve(io.cwd, file) }];
  const pots = parsed.scenarios.flatMap((s) => [...(s.spec.pots?.values() ?? [])]);
  for (const spec of [parsed.defaults, ...parsed.scenarios.map((s) => s.spec), ...pots]) {
    if (spec.data !== undefined) inputs.push({ shown: spec.data, path: resolve(baseDir, spec.data) });
    if (spec.formula !== undefined) inputs.push({ shown: spec.formula, path: formulaPath(spec.formula, baseDir) });
    if ('previous' in spec && spec.previous !== undefined) inputs.push({ shown: spec.previous, path: resolve(baseDir, spec.previous) });
    if ('replace' in spec) for (const named of spec.replace?.values() ?? []) inputs.push({ shown: named, path: resolve(baseDir, named) });
  }
  const levelOption = level !== undefined && read.defaults.level === undefined ? level : undefined;
  return { parsed, provenance: source.provenance, inputs, ...(levelOption === undefined ? {} : { levelOption }) };
}

/** Read, check, plan and run a scenario file in memory (`read`: the file already read). Throws Failure on the first problem. */
export async function prepare(
  file: string,
  io: Io,
  read?: ScenarioSource,
): Promise<{ parsed: ScenarioFile; results: ScenarioResult[]; provenance: Provenance[] }> {
  const { parsed, provenance: source, levelOption } = read ?? (await readScenarios(file, io));
  const baseDir = dirname(resolve(io.cwd, file));
  const provenance: Provenance[] = [source];
  const loaded = new Map<string, LoadedRefs>();
  const keyOf = (refs: DataRefs): string => JSON.stringify([refs.data, refs.formula, refs.vintage]);
  // Once per file: two files of the same name (in two folders) are both recorded, by their SHA-256.
  const record = (p: Provenance): void => {
    if (!provenance.some((q) => q.path === p.path && q.role === p.role && q.sha256 === p.sha256)) provenance.push(p);
  };
  // A file a scenario file names that cannot be read: point at the line that names it, and say where paths are taken from.
  const atSetting = (error: unknown, path: readonly string[]): never => {
    if (!(error instanceof Failure) || error.error.location) throw error;
    throw new Failure({
      ...error.error,
      location: parsed.locate(path),
      hint: `${error.error.hint ?? ''}${error.error.hint ? '; p' : 'P'}aths in a scenario file are taken from its folder, ${baseDir}`,
    });
  };
  // Each (data, formula, vintage) a scenario or a pot names, loaded once. `owner` is where its data: and formula: would be written.
  const loadRefs = async (refs: DataRefs, owner: (named: 'data' | 'formula') => readonly string[]): Promise<void> => {
    const key = keyOf(refs);
    if (loaded.has(key)) return;
    const inputs = await loadData(refs.data, refs.formula, baseDir, io, refs.vintage).catch((error: unknown) => {
      const named = error instanceof Failure && error.error.message.startsWith('cannot read formula') ? 'formula' : 'data';
      return atSetting(error, [...owner(named), named]);
    });
    loaded.set(key, inputs);
    for (const p of inputs.provenance) record(p);
  };
  const previous = new Map<string, string>();
  const replacements = new Map<string, { text: string; sha256: string }>();
  for (const entry of parsed.scenarios) {
    const { spec, path } = entry;
    await loadRefs(unwrap(dataRefs(parsed, entry)), (named) => (spec[named] !== undefined ? path : ['defaults']));
    for (const [pot, potSpec] of spec.pots ?? []) {
      if (potSpec.data === undefined && potSpec.formula === undefined) continue;
      await loadRefs(unwrap(potDataRefs(parsed, entry, pot)), (named) => (potSpec[named] !== undefined ? [...path, 'pots', pot] : spec[named] !== undefined ? path : ['defaults']));
    }
    for (const replace of replacementsOf(parsed, entry)) {
      if (replacements.has(replace.file)) continue;
      const read = await readReplacement(replace.file, baseDir, io).catch((error: unknown) => atSetting(error, replace.path));
      replacements.set(replace.file, { text: read.text, sha256: read.provenance.sha256 });
      record(read.provenance);
    }
    const named = previousOf(parsed, entry);
    if (named === undefined || previous.has(named.file)) continue;
    const text = await readPrevious(named.file, baseDir, io).catch((error: unknown) => atSetting(error, named.path));
    previous.set(named.file, text.text);
    record(text.provenance);
  }
  const load = (refs: DataRefs): LoadedRefs => loaded.get(keyOf(refs)) as LoadedRefs;
  const planned = planScenarios(parsed, load, {
    previous: (named) => previous.get(named) as string,
    replacement: (named) => replacements.get(named) as { text: string; sha256: string },
  });
  // A level typed as --level is the command line's mistake, not a line of the file.
  if (!planned.ok && levelOption !== undefined && (planned.error.code === 'bad-level' || planned.error.code === 'level-not-in-data')) {
    const { location: _, ...error } = planned.error;
    throw new Failure({ ...error, kind: 'usage', message: `--level ${levelOption}: ${error.message}` });
  }
  const plans: ScenarioPlan[] = unwrap(planned);
  const results = unwrap(runScenarios(plans));
  return { parsed, results, provenance };
}

/** A previous allocation named by `previous:` (relative to the scenario file's folder): its text (a workbook read as CSV) and provenance. Throws Failure. */
async function readPrevious(file: string, baseDir: string, io: Io): Promise<{ text: string; provenance: Provenance }> {
  const source = unwrap(await readSource(resolve(baseDir, file), 'previous allocation', file));
  return { text: await userTable(source.bytes, file, io.stderr), provenance: source.provenance };
}

/** A file named by `replace:` (relative to the scenario file's folder): its text (a workbook read as CSV) and provenance. Throws Failure. */
async function readReplacement(file: string, baseDir: string, io: Io): Promise<{ text: string; provenance: Provenance }> {
  const source = unwrap(await readSource(resolve(baseDir, file), 'replacement', file));
  return { text: await userTable(source.bytes, file, io.stderr), provenance: source.provenance };
}

/** Each damped scenario's damping line, by name, for the manifest. */
function dampingSummaries(results: readonly ScenarioResult[]): Map<string, string> {
  return new Map(results.flatMap((r) => {
    const line = scenarioDamping(r);
    return line === undefined ? [] : [[r.plan.name, line] as const];
  }));
}

/** `-0.00` as `0.00`. */
function noNegativeZero(text: string): string {
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

/**
 * What was written, and per scenario its budget and the districts that gain and lose most (see
 * gainsAndLosses: by £, or by share of the budget when the budget is not the baseline's), each with its
 * rank change: how many places it moved in the table of £ per person against the baseline (the
 * comparison's rank_change). Then a line for each damped scenario: who was held, and that its amounts are damped.
 */
function summary(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], baseline: string, output: string, files: ReadonlyMap<string, string | Uint8Array>, io: Io): string {
  const chalk = colourFor(io.stdoutIsTTY, io.env);
  let byShare = false;
  const rows = results.map((result) => {
    const name = result.plan.name;
    if (name === baseline) return [`${name} (baseline)`, result.plan.budget.toFixed(2), '', '', '', '', '', '', '', ''];
    const moves = gainsAndLosses(results, comparison, baseline, name);
    if (moves.by === 'share') byShare = true;
    const cell = (move: Move | undefined): [string, string, string, string] =>
      move === undefined
        ? ['none', '', '', '']
        : [
            move.row.districtName,
            noNegativeZero(move.sharePoints.toFixed(2, Exact.ROUND_HALF_UP)),
            (move.row.change as Decimal).toFixed(2),
            move.row.rankChange === undefined ? '' : String(move.row.rankChange),
          ];
    return [name, result.plan.budget.toFixed(2), ...cell(moves.gain), ...cell(moves.loss)];
  });
  const table: Table = {
    columns: [
      { key: 'scenario', title: 'Scenario', kind: 'text' },
      { key: 'budget', title: 'Budget', kind: 'money' },
      { key: 'gain', title: 'Largest rise in share', kind: 'text' },
      { key: 'gain_share', title: 'pp', kind: 'number', signed: true },
      { key: 'gain_change', title: '£ change', kind: 'money', signed: true },
      { key: 'gain_rank_change', title: 'Rank change', kind: 'delta', signed: true },
      { key: 'loss', title: 'Largest fall in share', kind: 'text' },
      { key: 'loss_share', title: 'pp', kind: 'number', signed: true },
      { key: 'loss_change', title: '£ change', kind: 'money', signed: true },
      { key: 'loss_rank_change', title: 'Rank change', kind: 'delta', signed: true },
    ],
    rows,
  };
  const note = byShare
    ? "\nRise and fall are of each district's share of the budget, in percentage points (pp): where a scenario's budget differs from the baseline's, the £ change is shown beside it, and can fall while the share rises. 'none': no share moved by 0.01 pp.\n"
    : "\nRise and fall are of each district's share of the budget, in percentage points (pp); with the baseline's budget that is the £ change.\n";
  const ranks =
    "Rank change: places the district moved in the table of £ per person against the baseline (rank 1 = the most): +1 is one place up, -1 one place down. It can go against the share: a district that gains can drop a place to one that gains more per person. Every district's rank change is in the comparison.\n";
  const damped = results.flatMap((result) => {
    const line = scenarioDamping(result);
    return line === undefined ? [] : [`${result.plan.name}: ${oneLine(line)}\n`];
  });
  const written = `Wrote ${files.size} files to ${output}: ${[...files.keys()].join(', ')}\n\n`;
  return chalk.dim(written) + toTerminal(table, { chalk }) + chalk.dim(note + ranks) + (damped.length ? `\n${damped.join('')}` : '');
}
