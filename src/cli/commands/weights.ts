import { Command, Option } from 'commander';
import { weightsRun, type WeightsOptions as AppWeightsOptions } from '../../app/weights.js';
import { render } from '../../report/render.js';
import { weightsNote, weightsTable } from '../../report/weightsTable.js';
import {
  addDataOptions,
  type DataCommandOptions,
  collect,
  collectList,
  parseVintageOption,
  parseWeightSettings,
  withoutUndefined,
} from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import { parseReplaceSettings } from '../replaceOptions.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { tableOutput, writeWorkbook } from '../workbook.js';
import { packLicence } from '../../data/packFormat.js';
import { plain } from '../../engine/shown.js';
import { wholeText } from '../../engine/wording.js';
import { markdownLines } from '../../report/toMarkdown.js';

interface WeightsOptions extends DataCommandOptions {
  readonly exclude?: string[];
  readonly weight?: string[];
}

/** `fairshare weights`: each counted domain's nominal and effective weight. */
export function weightsCommand(io: Io): Command {
  return addDataOptions(
    new Command('weights')
      .description(
        "each counted domain's nominal weight (its share of the weights) and effective weight (its share of how much the LSOA figures vary), and the counted domains that tell the same story",
      )
      .addOption(new Option('-x, --exclude <ids>', 'leave these domains out (weight 0); comma-separated, repeatable').argParser(collectList))
      .addOption(new Option('-w, --weight <id=x>', 'count a domain x times (default 1); repeatable').argParser(collect)),
    { areaHelp: 'the area whose LSOAs are ranked' },
  )
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare weights --exclude young-people,early-years
  $ fairshare weights --weight community-safety=2 --area "West Northants"
  $ fairshare weights --area england -o weights.xlsx

The nominal weight is a domain's weight as a share of all the counted weights. The effective weight is its
share of the variance of the LSOA figure, cov(weight × rank, figure) ÷ var(figure); both columns add up to
100%. A domain whose effective weight is above its nominal one drives the result more than its weight says,
because its ranks vary more or move with the other domains. Pairs of counted domains whose need ranks
correlate at 0.8 or more (as fairshare overlap flags them) are named under the table (on stderr for csv).`,
    )
    .action(async (options: WeightsOptions) => {
      const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
      const { inputs, weights, sameStory } = await weightsRun(weightsOptions(options), io);
      const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
      const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
      const header = [
        `Nominal and effective weights of the counted domains across the ${wholeText(inputs.dataset.units.length)} LSOAs of ${inputs.area.name} (${inputs.dataWords}).`,
      ];
      const note = weightsNote(weights, sameStory);
      const table = weightsTable(weights);
      if (format === 'xlsx') {
        const notes = {
          title: `fairshare weights: ${inputs.area.name}`,
          lines: [...header, ...note],
          sources: [inputs.dataWords],
          ...packLicence(inputs.pack),
          provenance: inputs.provenance,
        };
        await writeWorkbook([{ name: 'Weights', table, caption: [...header, ...note] }], notes, options.output, io);
        return;
      }
      const text =
        format === 'table'
          ? `${render(table, 'table', { header, chalk })}\n${note.map((line) => chalk.dim(plain(line))).join('\n')}\n`
          : format === 'md'
            ? `${render(table, 'md', { header, chalk })}\n${markdownLines(note)}\n`
            : render(table, format, {
                header: [...header, ...note],
                meta: { area: inputs.area.code, lsoas: inputs.dataset.units.length, sameStory: sameStory.map((p) => ({ a: p.a, b: p.b, rho: p.rho })) },
                chalk,
              });
      unwrap(await writeOutput(text, options.output, io));
      if (format === 'csv') for (const line of note.slice(1)) io.stderr.write(`fairshare: ${plain(line)}\n`);
    });
}

/** The command line's options as the weights use case takes them. */
function weightsOptions(options: WeightsOptions): AppWeightsOptions {
  const vintage = parseVintageOption(options.vintage);
  const weights = parseWeightSettings(options.weight ?? []);
  const replace = parseReplaceSettings(options.replace ?? []);
  const { area, data, formula, sheet } = options;
  return { exclude: options.exclude ?? [], weights, replace, ...withoutUndefined({ area, data, formula, vintage, sheet }) };
}
