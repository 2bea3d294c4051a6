import { wholeText } from '../../engine/wording.js';
import { Command } from 'commander';
import { explore } from '../../app/explore.js';
import { Failure, unwrap } from '../../app/failure.js';
import { addAllocationOptions, type AllocationOptions, formulaOptions } from '../allocationOptions.js';
import { inputRefs } from '../guardOutput.js';
import type { Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';

/** The budget a page starts with when no --budget is given; the officer types their own on the page. */
const DEFAULT_EXPLORE_BUDGET = '12.7m';

interface ExploreOptions extends AllocationOptions {
  readonly level?: string;
  readonly output: string;
}

/** `fairshare explore`: one offline HTML page in which to move the weights and watch the money move. */
export function exploreCommand(io: Io): Command {
  const command = new Command('explore')
    .description(
      'write one self-contained HTML page in which to move the weights, leave out domains and change the budget, with the table and map worked out again at once',
    )
    .requiredOption('-o, --output <file.html>', 'the HTML file to write (written whole or not at all)');
  addAllocationOptions(command, { budgetRequired: false });
  command
    .option('-l, --level <level>', 'the level the table starts at: district (default), former-district, county, region, ward or lsoa, as the data has them')
    .addHelpText(
      'after',
      `
The options are the page's baseline: its table shows every change against them. Without --budget
the page starts at ${DEFAULT_EXPLORE_BUDGET} (the README's example); type your own in its budget box. The page runs
fairshare's own engine, so its pennies are those of fairshare allocate with the same settings; it
needs no network and no install, and its address (after #) holds the current settings.

Examples:
  $ fairshare explore -o explore.html
  $ fairshare explore --budget 12.7m --exclude young-people,early-years --vintage 2019 -o adults.html
  $ fairshare explore --budget 4m --area "North Northamptonshire" --level ward -o wards.html`,
    )
    .action(async (options: ExploreOptions) => {
      if (!/\.html?$/i.test(options.output)) {
        throw new Failure({
          kind: 'usage',
          code: 'bad-format',
          message: `the explorer is an HTML page, not ${options.output}`,
          hint: 'Give -o FILE.html',
        });
      }
      const settings = formulaOptions({ ...options, budget: options.budget ?? DEFAULT_EXPLORE_BUDGET });
      unwrap(await checkOutputPath(options.output, io, inputRefs(options, io.cwd)));
      const page = await explore({ ...settings, ...(options.level === undefined ? {} : { level: options.level }) }, io);
      unwrap(await writeOutput(page.html, options.output, io));
      const map = page.mapUnavailable === undefined ? 'with its LSOA map' : `without a map (${page.mapUnavailable})`;
      io.stderr.write(`fairshare: wrote the explorer of ${page.area.name} (${wholeText(page.area.lsoas)} LSOAs, ${map}) to ${options.output}\n`);
    });
  return command;
}
