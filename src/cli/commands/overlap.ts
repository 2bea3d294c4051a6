import { Command } from 'commander';
import { overlapRun, type OverlapOptions as AppOverlapOptions } from '../../app/overlap.js';
import { overlapMatrix, overlapTable } from '../../report/overlapTable.js';
import { render } from '../../report/render.js';
import { addDataOptions, type DataCommandOptions, parseVintageOption, withoutUndefined } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import { parseReplaceSettings } from '../replaceOptions.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { tableOutput, writeWorkbook } from '../workbook.js';
import { packLicence } from '../../data/packFormat.js';

type OverlapOptions = DataCommandOptions;

/** `fairshare overlap`: which domains (and sources) tell the same story. */
export function overlapCommand(io: Io): Command {
  return addDataOptions(
    new Command('overlap').description(
      "Spearman's correlation between every pair of domains, and between the sources inside a domain; |ρ| ≥ 0.8 flagged as telling the same story",
    ),
    { areaHelp: 'the area whose LSOAs are compared', tableFormat: 'a matrix' },
  )
    .addHelpText('after', '\nExamples:\n  $ fairshare overlap\n  $ fairshare overlap --area england -o overlap.csv\n  $ fairshare overlap -o overlap.xlsx')
    .action(async (options: OverlapOptions) => {
      const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
      const { inputs, rankings, pairs } = await overlapRun(overlapOptions(options), io);
      const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
      const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
      const header = [`Overlap of the domains across the ${inputs.dataset.units.length} LSOAs of ${inputs.area.name}.`];
      if (format === 'xlsx') {
        const notes = {
          title: `fairshare overlap: ${inputs.area.name}`,
          lines: header,
          sources: [inputs.dataWords],
          ...packLicence(inputs.pack),
          provenance: inputs.provenance,
        };
        await writeWorkbook([{ name: 'Overlap', table: overlapTable(pairs), caption: header }], notes, options.output, io);
        return;
      }
      const text =
        format === 'table'
          ? `${chalk.dim(header[0] ?? '')}\n${overlapMatrix(
              pairs,
              rankings.map((r) => r.domain.id),
              chalk,
            )}`
          : render(overlapTable(pairs), format, { header, meta: { area: inputs.area.code, lsoas: inputs.dataset.units.length }, chalk });
      unwrap(await writeOutput(text, options.output, io));
    });
}

/**
 * The command line's options as the overlap use case takes them; a bad --vintage is reported before a bad
 * --replace.
 */
function overlapOptions(options: OverlapOptions): AppOverlapOptions {
  const vintage = parseVintageOption(options.vintage);
  const replace = parseReplaceSettings(options.replace ?? []);
  const { area, data, formula, sheet } = options;
  return { replace, ...withoutUndefined({ area, data, formula, vintage, sheet }) };
}
