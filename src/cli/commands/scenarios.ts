import { basename, extname } from 'node:path';
import { Command, Option } from 'commander';
import type { Decimal } from 'decimal.js';
import { scenarioDamping, scenarioFiles } from '../../report/scenarioFiles.js';
import { oneLine, plain } from '../../engine/shown.js';
import { toTerminal } from '../../report/toTerminal.js';
import type { Table } from '../../report/table.js';
import { gainsAndLosses, type ComparisonRow, type Move } from '../../scenario/compare.js';
import { round2 } from '../../engine/exact.js';
import { manifest } from '../../scenario/manifest.js';
import type { ScenarioResult } from '../../scenario/runScenarios.js';
import { checkScenarios, exampleScenarioFile, readScenarios, scenariosRun, type ScenariosOptions } from '../../app/scenarios.js';
import { colourFor } from '../colour.js';
import { GROUP_LEVELS } from '../../engine/tabulate.js';
import { vintageOption, withoutUndefined } from '../allocationOptions.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { TOOL } from '../workbook.js';
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
  return new Option(
    '-l, --level <level>',
    `the tables' rows when the file's defaults say no level: ${GROUP_LEVELS.join(', ')} (default district; locality with localities:)`,
  );
}

/**
 * A scenario file and the command line's settings for what it does not say (`--vintage`, `--level`), as the
 * app takes them.
 */
export function scenarioOptions(file: string, options: { vintage?: string; level?: string }): ScenariosOptions {
  return { file, ...withoutUndefined({ vintage: options.vintage, level: options.level }) };
}

/** `fairshare scenarios run|check|init`: batches of scenarios compared with a baseline. */
export function scenariosCommand(io: Io): Command {
  const scenarios = new Command('scenarios')
    .description('run batches of scenarios from a YAML file and compare them with a baseline')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare scenarios init options.yaml\n  $ fairshare scenarios check options.yaml\n  $ fairshare scenarios run options.yaml -o results/ --format xlsx',
    );

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
Excel's 31 characters. A rerun on the same inputs gives the same bytes (manifest.json lists its SHA-256).
A scenario with transition: also writes its path and each year's table (as CSV, <scenario>.path.csv
and <scenario>.year-1.csv, …; in the other formats as sections or sheets); with localities: under
defaults:, every table and the comparison are by locality.`,
    )
    .action(async (file: string, options: RunOptions) => {
      const output = options.output ?? `${basename(file, extname(file))}-results`;
      const force = options.force ?? false;
      const source = await readScenarios(scenarioOptions(file, options), io);
      unwrap(await checkOutputDir(output, { force, cwd: io.cwd, inputs: source.inputs }));
      const temp = unwrap(await startOutputDir(output, io.cwd));
      const run = await scenariosRun(source, io);
      const { results, comparison, baseline } = run;
      const tool = TOOL;
      const files = await scenarioFiles(results, comparison, {
        format: options.format,
        lsoa: options.lsoa ?? false,
        baseline,
        title: run.title,
        tool,
        inputs: run.provenance,
        ...(run.licence === undefined ? {} : { licence: run.licence }),
      });
      files.set(
        'manifest.json',
        manifest(results, { tool, inputs: run.provenance, baseline, format: options.format, files, dampingSummaries: dampingSummaries(results) }),
      );
      unwrap(await writeOutputDir(output, temp, files, { force, cwd: io.cwd }));
      io.stdout.write(summary(results, comparison, baseline, output, files, io));
    });

  scenarios
    .command('check')
    .description('check a scenario file: everything a run checks, without writing anything')
    .argument('<file>', 'the scenario file (YAML or JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare scenarios check examples/directorates-2013.yaml\n  $ fairshare scenarios check options.yaml --vintage 2019',
    )
    .addOption(vintageOption())
    .addOption(levelOption())
    .action(async (file: string, options: { vintage?: string; level?: string }) => {
      const check = await checkScenarios(scenarioOptions(file, options), io);
      const names = check.scenarios.map((s) => {
        const from = s.previous === undefined ? '' : plain(s.previous);
        const moved = s.transition === undefined ? undefined : `moving from ${from} over ${s.transition.years} year${s.transition.years === 1 ? '' : 's'}`;
        const notes = [...(s.pooled ? [`${s.pots} pots`] : []), ...(s.previous === undefined ? [] : [moved ?? `damped against ${from}`])];
        return notes.length ? `${s.name} (${notes.join(', ')})` : s.name;
      });
      io.stdout.write(`${file}: OK, ${names.length} scenario${names.length === 1 ? '' : 's'}: ${names.join(', ')}; baseline: ${check.baseline}\n`);
    });

  scenarios
    .command('init')
    .description('write a commented example scenario file to start from')
    .argument('[file]', 'where to write it', 'scenarios.yaml')
    .addHelpText('after', '\nExamples:\n  $ fairshare scenarios init\n  $ fairshare scenarios init budget-options.yaml')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      unwrap(await checkOutputPath(file, io));
      unwrap(await writeOutput(exampleScenarioFile(), file, io, { exclusive: !options.force }));
      io.stdout.write(`Wrote ${file}. Edit it, then run: fairshare scenarios run ${file} -o results/\n`);
    });

  return scenarios;
}

/** Each damped scenario's damping line, by name, for the manifest. */
function dampingSummaries(results: readonly ScenarioResult[]): Map<string, string> {
  return new Map(
    results.flatMap((r) => {
      const line = scenarioDamping(r);
      return line === undefined ? [] : [[r.plan.name, line] as const];
    }),
  );
}

/**
 * What was written, and per scenario its budget and the districts that gain and lose most (see
 * gainsAndLosses: by £, or by share of the budget when the budget is not the baseline's), each with its
 * rank change: how many places it moved in the table of £ per person against the baseline (the
 * comparison's rank_change). Then a line for each damped scenario: who was held, and that its amounts are
 * damped.
 */
function summary(
  results: readonly ScenarioResult[],
  comparison: readonly ComparisonRow[],
  baseline: string,
  output: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  io: Io,
): string {
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
            round2(move.sharePoints),
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
  // The tables' rows in words: district, former district, ward, locality, …
  const area = (results[0]?.plan.level ?? 'district').replace(/-/g, ' ');
  const note = byShare
    ? `\nRise and fall are of each ${area}'s share of the budget, in percentage points (pp): where a scenario's budget differs from the baseline's, the £ change is shown beside it, and can fall while the share rises. 'none': no share moved by 0.01 pp.\n`
    : `\nRise and fall are of each ${area}'s share of the budget, in percentage points (pp); with the baseline's budget that is the £ change.\n`;
  const ranks = `Rank change: places the ${area} moved in the table of £ per person against the baseline (rank 1 = the most): +1 is one place up, -1 one place down. It can go against the share: a ${area} that gains can drop a place to one that gains more per person. Every ${area}'s rank change is in the comparison.\n`;
  const damped = results.flatMap((result) => {
    const line = scenarioDamping(result);
    return line === undefined ? [] : [`${result.plan.name}: ${oneLine(line)}\n`];
  });
  const written = `Wrote ${files.size} files to ${output}: ${[...files.keys()].join(', ')}\n\n`;
  return chalk.dim(written) + toTerminal(table, { chalk }) + chalk.dim(note + ranks) + (damped.length ? `\n${damped.join('')}` : '');
}
