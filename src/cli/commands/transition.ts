import { Command } from 'commander';
import { transitionRun, MAX_YEARS, type TransitionOptions as AppTransitionOptions } from '../../app/transition.js';
import { Failure, unwrap } from '../../app/failure.js';
import { transitionYears } from '../../engine/transition.js';
import { plain } from '../../engine/shown.js';
import { describeRun, runHeader, runMeta } from '../../report/describeRun.js';
import { jsonText } from '../../report/toJson.js';
import { poundsPlain } from '../../engine/money.js';
import { groupThousands } from '../../engine/wording.js';
import { markdownLines, toMarkdown } from '../../report/toMarkdown.js';
import { toTerminal } from '../../report/toTerminal.js';
import { toCsv } from '../../report/toCsv.js';
import { transitionJson, transitionLine, transitionNotes, transitionSummary, transitionYearTable } from '../../report/transitionTables.js';
import { addAllocationOptions, formulaOptions, type AllocationOptions } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { inputRefs } from '../guardOutput.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { runNotes, tableOutput, writeWorkbook } from '../workbook.js';

interface TransitionOptions extends AllocationOptions {
  readonly previous?: string;
  readonly years?: string;
  readonly pace?: string;
  readonly floor?: string;
  readonly ceiling?: string;
  readonly level?: string;
  readonly format?: string;
  readonly output?: string;
}

/** `fairshare transition`: a multi-year path from last year's allocation to the formula's target. */
export function transitionCommand(io: Io): Command {
  const command = new Command('transition').description(
    "move each district from last year's allocation to the formula's target over several years, at a pace, with a yearly floor and ceiling paid for by the districts not held",
  );
  addAllocationOptions(command)
    .option(
      '--previous <file>',
      "required: last year's allocation, a district table (district_code,allocation) or with --level former-district a former-district one",
    )
    .option('--years <n>', `required: how many years the path takes, 1 to ${MAX_YEARS}`)
    .option('--pace <pct>', 'the share of the remaining gap each area closes each year, above 0% and at most 100% (default: 100% ÷ years)')
    .option('--floor <pct>', 'the largest fall allowed each year against the year before, e.g. -2%')
    .option('--ceiling <pct>', 'the largest rise allowed each year against the year before, e.g. +5%')
    .option('-l, --level <level>', 'district (the default) or former-district')
    .option('-f, --format <format>', 'table, csv (the path), json, md or xlsx (a sheet for the path and one for each year)')
    .option('-o, --output <file>', 'write to this file instead of stdout (written whole or not at all)')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare transition --previous last-year.csv --years 3 --budget 12.7m --pace 50% --floor -2%
  $ fairshare transition --previous last-year.csv --years 3 --budget 12.7m,13.1m,13.5m --floor -2% --ceiling +4% -o path.xlsx
  $ fairshare transition --vintage 2025 --level former-district --previous last-year-2019.csv --years 2 --budget 12.7m -f md

--budget takes one budget for every year, or one per year separated by commas (write them as 12.7m or
12700000, without thousands separators). Each year, every area's paced amount is last year's plus
--pace of the gap to that year's formula target (the final year aims at the target itself); the paced
amounts are shared out to the year's budget, and --floor and --ceiling hold each area within its band
against the year before, paid for by the areas not held, in proportion to their paced amounts (as
allocate --previous does). Every year adds up exactly to its budget. The path table shows each area's
amount and change each year; each year's table shows its target, who was held, and the need index; one
line a year says who was protected and who paid. A floor a year cannot fund is refused, naming the year
and the tightest floor that works; a floor that keeps the final year from the target is reported with
the shortfall.`,
    )
    .action(async (options: TransitionOptions) => {
      const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
      if (format === 'html') {
        throw new Failure({ kind: 'usage', code: 'bad-format', message: 'transition does not write html', hint: 'Use table, csv, json, md or xlsx' });
      }
      const run = await transitionRun(transitionOptions(options), io);
      const { inputs, transition: path, tables, level } = run;
      const settings = {
        previous: run.previous.file,
        pace: run.pace,
        ...(run.floor === undefined ? {} : { floor: run.floor }),
        ...(run.ceiling === undefined ? {} : { ceiling: run.ceiling }),
      };
      const first = tables[0];
      if (first === undefined) throw new Error('transition: no year');
      const header = [
        ...runHeader(describeRun(run.allocation, inputs.area, inputs.dataWords)),
        `Budgets: ${path.years.map((y) => `year ${y.year} £${groupThousands(poundsPlain(y.budget))}`).join(', ')}.`,
        transitionLine(path, settings),
      ];
      const notes = transitionNotes(path, level, run.previous.file);
      const summary = transitionSummary(path, level);
      const years = path.years.map((y) => transitionYearTable(path, y.year, tables[y.year - 1] ?? first, level));
      const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
      const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
      if (format === 'xlsx') {
        const sheets = [
          { name: 'Path', table: summary, caption: [...header, ...notes] },
          ...years.map((table, t) => ({ name: `Year ${t + 1}`, table, caption: [notes[t] ?? ''] })),
        ];
        await writeWorkbook(sheets, runNotes('transition', run.allocation, [...header, ...notes], inputs, run.provenance), options.output, io);
        return;
      }
      let text: string;
      if (format === 'csv') text = toCsv(summary);
      else if (format === 'json') {
        text = jsonText({ ...runMeta(run.allocation, inputs.area, inputs.dataWords, inputs.vintage), level, ...transitionJson(path, tables, level, settings) });
      } else if (format === 'md') {
        text = [
          markdownLines(header),
          '',
          `**Path**`,
          '',
          toMarkdown(summary),
          ...years.flatMap((table, t) => [`**Year ${t + 1}**`, '', markdownLines([notes[t] ?? '']), '', toMarkdown(table)]),
          markdownLines([notes.at(-1) ?? '']),
          '',
        ].join('\n');
      } else {
        const dim = (line: string) => chalk.dim(plain(line));
        text = [
          header.map(dim).join('\n'),
          '',
          chalk.bold('Path'),
          toTerminal(summary, { chalk }),
          ...years.flatMap((table, t) => [chalk.bold(`Year ${t + 1}`), dim(notes[t] ?? ''), toTerminal(table, { chalk })]),
          dim(notes.at(-1) ?? ''),
          '',
        ].join('\n');
      }
      unwrap(await writeOutput(text, options.output, io));
      if (format === 'csv') for (const line of notes) io.stderr.write(`fairshare: ${plain(line)}\n`);
    });
  return command;
}

/** A thousands-grouped amount (`12,700,000`): one budget, not a list. */
const GROUPED = /^£?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The command line's options as the transition use case takes them. Throws a usage Failure. */
function transitionOptions(options: TransitionOptions): AppTransitionOptions {
  const required = (value: string | undefined, name: string, example: string): string => {
    if (value !== undefined) return value;
    throw new Failure({ kind: 'usage', code: 'missing-option', message: `no --${name} given`, hint: `Give it like --${name} ${example}` });
  };
  const previous = required(options.previous, 'previous', 'last-year.csv');
  const yearsText = required(options.years, 'years', '3');
  const { budget, weights, replace, ...rest } = formulaOptions(options);
  const budgets = GROUPED.test(budget.trim()) ? [budget] : budget.split(',').map((b) => b.trim());
  const years = unwrap(transitionYears(yearsText, '--years'));
  const level = options.level?.trim().toLowerCase();
  if (level !== undefined && level !== 'district' && level !== 'former-district') {
    throw new Failure({
      kind: 'usage',
      code: 'bad-level',
      message: `transition works by district or former district, not "${plain(options.level ?? '')}"`,
      hint: 'Use --level district or --level former-district',
    });
  }
  const { pace, floor, ceiling } = options;
  return {
    ...rest,
    weights,
    replace,
    previous,
    years,
    budgets,
    ...(pace === undefined ? {} : { pace }),
    ...(floor === undefined ? {} : { floor }),
    ...(ceiling === undefined ? {} : { ceiling }),
    ...(level === undefined ? {} : { level }),
  };
}
