import { Command } from 'commander';
import { explain } from '../../report/explain.js';
import { explainCaption, explainTable } from '../../report/explainTable.js';
import { runMeta } from '../../report/describeRun.js';
import { render } from '../../report/render.js';
import { explainRun, type ExplainOptions } from '../../app/explain.js';
import { addAllocationOptions, type AllocationOptions, formulaOptions } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import { inputRefs } from '../guardOutput.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { runNotes, tableOutput, writeWorkbook } from '../workbook.js';

interface ExplainCommandOptions extends AllocationOptions {
  readonly format?: string;
  readonly output?: string;
}

/** `fairshare explain LSOA`: one LSOA's ranks, figure, share and amount, written out or as a table. */
export function explainCommand(io: Io): Command {
  const command = new Command('explain')
    .description("show how one LSOA's amount is worked out: its need rank in each domain, its figure, population, share and pennies")
    .argument('<lsoa>', 'the LSOA code or name, e.g. E01027013 or "Daventry 008D" (any case)');
  addAllocationOptions(command)
    .option(
      '-f, --format <format>',
      'table (the arithmetic written out), csv, json, md, html or xlsx: one row per domain source (default: the arithmetic as text on stdout, terminal or pipe; else from the -o extension)',
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (written whole or not at all); xlsx needs a file');
  command.addHelpText(
    'after',
    `
Examples:
  $ fairshare explain E01027013 --budget 12.7m --vintage 2019 --exclude young-people,early-years
  $ fairshare explain "Daventry 008D" --budget 12.7m --vintage 2019 --exclude young-people,early-years
  $ fairshare explain "West Northamptonshire 022D" --budget 12.7m
  $ fairshare explain E01027013 --budget 12.7m -o E01027013.xlsx

The table (csv, json, md, html, xlsx) has a row per source of each domain: its value and need rank, the
domain's rank, weight and weight × rank (on the domain's first row), then the LSOA's figure, population,
share and allocation.`,
  );
  command.action(async (lsoa: string, options: ExplainCommandOptions) => {
    // The explanation is text wherever stdout goes (a pipe or `> file.txt` too); a table only when asked for.
    const toStdout = options.output === undefined || options.output === '-';
    const format = await tableOutput(options.format ?? (toStdout ? 'table' : undefined), options.output, io, inputRefs(options, io.cwd));
    const { inputs, allocation, index, unit } = await explainRun(explainOptions(lsoa, options), io);
    if (format === 'table') {
      const text = explain(allocation, index, { area: inputs.area, chalk: colourFor(toStdout && io.stdoutIsTTY, io.env) });
      unwrap(await writeOutput(text, options.output, io));
      return;
    }
    const table = explainTable(allocation, index);
    const caption = explainCaption(allocation, index, inputs.area, inputs.dataWords);
    if (format === 'xlsx') {
      const notes = runNotes('explain', allocation, caption, inputs);
      await writeWorkbook([{ name: 'Explanation', table, caption }], notes, options.output, io);
      return;
    }
    const meta = {
      ...runMeta(allocation, inputs.area, inputs.dataWords, inputs.vintage),
      lsoa: { code: unit.code, name: unit.name, districtCode: unit.districtCode, districtName: unit.districtName },
      weightedTotal: allocation.totalWeighted.toString(),
    };
    const text = render(table, format, { header: caption, meta, chalk: colourFor(false, io.env) });
    unwrap(await writeOutput(text, options.output, io));
  });
  return command;
}

/**
 * The command line's options as the explain use case takes them: the budget first (its absence is the first
 * complaint), then the weights and replacements.
 */
function explainOptions(lsoa: string, options: ExplainCommandOptions): ExplainOptions {
  return { lsoa, ...formulaOptions(options) };
}
