import { wholeText } from '../../engine/wording.js';
import { Command } from 'commander';
import { MIN_CONCENTRATION, type DrawMethod } from '../../engine/sensitivity.js';
import { MAX_DRAWS, planSensitivity, SENSITIVITY_LEVELS, sensitivityRun, type DrawOptions, type SensitivityOptions } from '../../app/sensitivity.js';
import { describeRun, runHeader, runMeta } from '../../report/describeRun.js';
import { render } from '../../report/render.js';
import { bandsTable, dropOneTable, sensitivityTable } from '../../report/sensitivityTable.js';
import { toTerminal } from '../../report/toTerminal.js';
import { markdownLines, toMarkdown } from '../../report/toMarkdown.js';
import { addAllocationOptions, type AllocationOptions, formulaOptions } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { runNotes, tableOutput, writeWorkbook } from '../workbook.js';

/** A level in words, singular: `former district`. */
function levelWord(level: string): string {
  return level.replace(/-/g, ' ');
}

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
    .option(
      '-l, --level <level>',
      `the areas whose money is banded: ${SENSITIVITY_LEVELS.join(', ')} (made of whole LSOAs, as for allocate --level)`,
      'district',
    )
    .option('-n, --draws <n>', `how many random draws of the weights (1 to ${wholeText(MAX_DRAWS)})`, '1000')
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
    const { draws } = planSensitivity(drawOptions(options));
    const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
    // The progress bar loads only when it is drawn.
    const bar =
      io.stderrIsTTY && draws >= 1000
        ? new (await import('cli-progress')).SingleBar({
            stream: io.stderr as NodeJS.WriteStream,
            format: 'draws {bar} {value}/{total}',
            hideCursor: true,
            clearOnComplete: true,
            noTTYOutput: true,
          })
        : undefined;
    // The run reports (0, draws) as the draws begin, after the data is read and the level checked.
    const onProgress = (done: number, total: number) => (done === 0 ? bar?.start(total, 0) : bar?.update(done));
    const run = await sensitivityRun({ ...sensitivityOptions(options), ...(bar === undefined ? {} : { onProgress }) }, io);
    bar?.stop();
    const { inputs, allocation, result, level } = run;
    const { method, spread, seed, concentration } = run.settings;
    const how =
      method === 'uniform'
        ? `each counted domain's weight × an independent uniform factor in [${1 - spread}, ${1 + spread}]`
        : `weight shares drawn from a Dirichlet distribution around the formula's (concentration ${concentration})`;
    const header = [
      ...runHeader(describeRun(allocation, inputs.area, inputs.dataWords)),
      `${wholeText(draws)} draws (seed ${seed}): ${how}. Bands are the 5th, 50th and 95th percentiles; "rank moved" is the % of draws in which the ${levelWord(level)}'s rank by £ per person changed.`,
    ];
    const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
    const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
    if (format === 'xlsx') {
      const notes = runNotes('sensitivity', allocation, header, inputs);
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
      const meta = {
        ...runMeta(allocation, inputs.area, inputs.dataWords, inputs.vintage),
        ...(level === 'district' ? {} : { level }),
        draws,
        seed,
        method,
        spread,
        concentration,
      };
      text = render(sensitivityTable(result), format, { header, meta, chalk });
    }
    unwrap(await writeOutput(text, options.output, io));
  });
  return command;
}

/** The draw settings as typed, for planSensitivity to check and quote. */
function drawOptions(options: SensitivityCliOptions): DrawOptions {
  const { draws, spread, seed, concentration } = options;
  // Checked by planSensitivity: an unknown method is refused there, quoted as typed.
  return { draws, spread, seed, concentration, method: options.method as DrawMethod };
}

/**
 * The command line's options as the sensitivity use case takes them: the budget first (its absence is
 * the first complaint after the draw settings and the output), then the weights and replacements.
 */
function sensitivityOptions(options: SensitivityCliOptions): SensitivityOptions {
  const draws = drawOptions(options);
  return { ...draws, level: options.level, ...formulaOptions(options) };
}
