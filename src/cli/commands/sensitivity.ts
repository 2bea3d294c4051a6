import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { mulberry32 } from '../../engine/random.js';
import { MIN_CONCENTRATION, sensitivity, type DrawMethod } from '../../engine/sensitivity.js';
import { describeRun, runHeader, runMeta } from '../../report/describeRun.js';
import { render } from '../../report/render.js';
import { bandsTable, dropOneTable, sensitivityTable } from '../../report/sensitivityTable.js';
import { toTerminal } from '../../report/toTerminal.js';
import { markdownLines, toMarkdown } from '../../report/toMarkdown.js';
import { addAllocationOptions, type AllocationOptions, runAllocation } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { Failure, unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { runNotes, tableOutput, writeWorkbook } from '../workbook.js';
import { planLevel, type Level } from '../../app/levels.js';

/** The levels sensitivity bands: those made of whole LSOAs (a draw re-weights sums over each area's LSOAs). */
const LEVELS: readonly Level[] = ['district', 'former-district', 'county', 'region', 'ward'];

/** A level in words, singular: `former district`. */
function levelWord(level: string): string {
  return level.replace(/-/g, ' ');
}

/** The most draws a run may ask for; more adds nothing a committee could see and only takes time. */
export const MAX_DRAWS = 1_000_000;

interface SensitivityCliOptions extends AllocationOptions {
  readonly level: string;
  readonly draws: string;
  readonly spread: string;
  readonly seed: string;
  readonly method: string;
  readonly concentration: string;
  readonly format?: string;
  readonly output?: string;
}

/** `fairshare sensitivity`: how much each district's money depends on the weights. */
export function sensitivityCommand(io: Io): Command {
  const command = new Command('sensitivity').description(
    "how much each district's allocation depends on the weights: bands over random weight draws, and the change when each domain is left out",
  );
  addAllocationOptions(command)
    .option('-l, --level <level>', `the areas whose money is banded: ${LEVELS.join(', ')} (made of whole LSOAs, as for allocate --level)`, 'district')
    .option('-n, --draws <n>', `how many random draws of the weights (1 to ${MAX_DRAWS.toLocaleString('en-GB')})`, '1000')
    .option('--spread <s>', 'uniform draws: each weight × a factor in [1 − s, 1 + s], 0 < s < 1', '0.25')
    .option('--seed <k>', 'the random seed: the same seed gives the same output', '1')
    .option('--method <method>', 'uniform (independent factors) or dirichlet (weight shares drawn around the formula’s)', 'uniform')
    .option('--concentration <c>', `dirichlet draws: ${MIN_CONCENTRATION} or more; larger means closer to the formula’s weights`, '50')
    .option('-f, --format <format>', 'table, csv, json, md, html or xlsx (default: table on a terminal, csv into a pipe, else from the -o extension)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare sensitivity --budget 12.7m --exclude young-people,early-years --draws 10000 --seed 1\n  $ fairshare sensitivity --budget 12.7m --exclude young-people,early-years --level former-district\n  $ fairshare sensitivity --budget 38.1m --method dirichlet -o bands.csv\n  $ fairshare sensitivity --budget 12.7m -o sensitivity.xlsx',
    );
  command.action(async (options: SensitivityCliOptions) => {
    const draws = parseDraws(options.draws);
    const spread = parseSpread(options.spread);
    const seed = parseSeed(options.seed);
    const method = parseMethod(options.method);
    const concentration = parsePositive(options.concentration, '--concentration');
    // Below the minimum the Dirichlet draws underflow to all-zero weights: blank bands, every rank "moved".
    if (concentration < MIN_CONCENTRATION) {
      usage('concentration-too-small', `--concentration must be at least ${MIN_CONCENTRATION}, got "${options.concentration}"`, `Below ${MIN_CONCENTRATION} the draws are not sound; a smaller --concentration spreads the weights more, e.g. --concentration 5`);
    }
    const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
    const { inputs, allocation } = await runAllocation(options, io);
    const plan = unwrap(planLevel(options.level, inputs.all, inputs.vintage, false, LEVELS));
    if (plan.by !== 'group') {
      const data = inputs.vintage === undefined ? 'a --data file has' : `the ${inputs.vintage} vintage has`;
      usage('level-not-whole-lsoas', `sensitivity bands areas made of whole LSOAs, and ${data} no such wards (its wards are shared out through a lookup)`, 'Use --vintage 2025 for wards made of whole LSOAs, or another --level');
    }
    const bar = io.stderrIsTTY && draws >= 1000 ? new SingleBar({ stream: io.stderr as NodeJS.WriteStream, format: 'draws {bar} {value}/{total}', hideCursor: true, clearOnComplete: true, noTTYOutput: true }) : undefined;
    bar?.start(draws, 0);
    const result = sensitivity(allocation, {
      draws,
      method,
      spread,
      concentration,
      random: mulberry32(seed),
      level: plan.level,
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    const how =
      method === 'uniform'
        ? `each counted domain's weight × an independent uniform factor in [${1 - spread}, ${1 + spread}]`
        : `weight shares drawn from a Dirichlet distribution around the formula's (concentration ${concentration})`;
    const header = [
      ...runHeader(describeRun(allocation, inputs.area, inputs.source)),
      `${draws.toLocaleString('en-GB')} draws (seed ${seed}): ${how}. Bands are the 5th, 50th and 95th percentiles; "rank moved" is the % of draws in which the ${levelWord(plan.level)}'s rank by £ per person changed.`,
    ];
    const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
    const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
    if (format === 'xlsx') {
      const notes = runNotes('sensitivity', inputs.area.name, allocation, header, inputs.source, inputs.provenance);
      const sheets = [
        { name: 'Bands', table: bandsTable(result), caption: header },
        { name: 'Leave one out', table: dropOneTable(result), caption: ['Change when each domain alone is left out (exact, to the penny).'] },
      ];
      await writeWorkbook(sheets, notes, options.output, io);
      return;
    }
    let text: string;
    if (format === 'table') {
      text = `${header.map((l) => chalk.dim(l)).join('\n')}\n\n${toTerminal(bandsTable(result), { chalk })}\n${chalk.dim('Change when each domain alone is left out (exact, to the penny):')}\n${toTerminal(dropOneTable(result), { chalk })}`;
    } else if (format === 'md') {
      text = `${markdownLines(header)}\n\n${toMarkdown(bandsTable(result))}\nChange when each domain alone is left out:\n\n${toMarkdown(dropOneTable(result))}`;
    } else {
      const meta = { ...runMeta(allocation, inputs.area, inputs.source, inputs.vintage), ...(plan.level === 'district' ? {} : { level: plan.level }), draws, seed, method, spread, concentration };
      text = render(sensitivityTable(result), format, { header, meta, chalk });
    }
    unwrap(await writeOutput(text, options.output, io));
  });
  return command;
}

function parseDraws(text: string): number {
  const n = Number(text.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 1) usage('bad-draws', `--draws must be a whole number of 1 or more, got "${text}"`, 'e.g. --draws 10000');
  if (n > MAX_DRAWS) usage('too-many-draws', `--draws ${text} is more than the ${MAX_DRAWS.toLocaleString('en-GB')} allowed`, 'Percentiles settle long before that: 10,000 draws is plenty');
  return n;
}

function parseSpread(text: string): number {
  const s = Number(text);
  if (!(s > 0 && s < 1)) usage('bad-spread', `--spread must be between 0 and 1 (not including them), got "${text}"`, 'e.g. --spread 0.25 for factors from 0.75 to 1.25');
  return s;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) usage('bad-seed', `--seed must be a whole number from 0 to 4294967295, got "${text}"`, 'e.g. --seed 1');
  return n;
}

function parseMethod(text: string): DrawMethod {
  if (text !== 'uniform' && text !== 'dirichlet') usage('bad-method', `unknown --method "${text}"`, 'Use --method uniform or --method dirichlet');
  return text as DrawMethod;
}

function parsePositive(text: string, option: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) usage('bad-number', `${option} must be a number above 0, got "${text}"`, `e.g. ${option} 50`);
  return n;
}

function usage(code: string, message: string, hint: string): never {
  throw new Failure({ kind: 'usage', code, message, hint });
}
