import { Command } from 'commander';
import { PROFILE_LEVELS, profileLevel, profileRun, type ProfileOptions as AppProfileOptions } from '../../app/profile.js';
import { profileHeat, profileTable } from '../../report/profileTable.js';
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

interface ProfileOptions extends DataCommandOptions {
  readonly level: string;
  readonly lookup?: string;
}

/** `fairshare profile`: each area's need in every domain, to help decide which services suit it. */
export function profileCommand(io: Io): Command {
  return addDataOptions(
    new Command('profile')
      .description(
        "each district's (or former district's, county's, region's, ward's or division's) need in every domain: mean need rank, share of people in the most-in-need fifth, top three domains",
      )
      .option('-l, --level <level>', `${PROFILE_LEVELS.join(', ')} (as for allocate --level)`, 'district')
      .option(
        '--lookup <file>',
        'a share lookup for --level ward or division (default: the shipped Northamptonshire one (2019), or the wards in the data (2025))',
      ),
    { areaHelp: 'the area whose LSOAs are ranked', tableFormat: 'a heat table' },
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare profile\n  $ fairshare profile --level division --vintage 2019 -o division-profiles.csv\n  $ fairshare profile --level former-district\n  $ fairshare profile --level former-district -o profiles.xlsx\n  $ fairshare profile --vintage 2025 --area england --level region',
    )
    .action(async (options: ProfileOptions) => {
      const level = profileLevel(options.level);
      const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
      const { inputs, profile: result } = await profileRun(profileOptions(options), io);
      const toScreen = format === 'table' && (options.output === undefined || options.output === '-');
      const chalk = colourFor(toScreen && io.stdoutIsTTY, io.env);
      // Words for people (`former district`); the key (`former-district`) for JSON.
      const words = level.replace(/-/g, ' ');
      const header = [`Need profile of each ${words} in ${inputs.area.name} (${result.ranked} LSOAs ranked: 1 = least need, ${result.ranked} = most need).`];
      if (format === 'xlsx') {
        const notes = {
          title: `fairshare profile: ${inputs.area.name}`,
          lines: header,
          sources: [inputs.dataWords],
          ...packLicence(inputs.pack),
          provenance: inputs.provenance,
        };
        await writeWorkbook([{ name: 'Profile', table: profileTable(result, words), caption: header }], notes, options.output, io);
        return;
      }
      const text =
        format === 'table'
          ? `${chalk.dim(header[0] ?? '')}\n${profileHeat(result, words, chalk)}`
          : render(profileTable(result, words), format, { header, meta: { area: inputs.area.code, level, ranked: result.ranked }, chalk });
      unwrap(await writeOutput(text, options.output, io));
    });
}

/**
 * The command line's options as the profile use case takes them; a bad --vintage is reported before a bad
 * --replace.
 */
function profileOptions(options: ProfileOptions): AppProfileOptions {
  const vintage = parseVintageOption(options.vintage);
  const replace = parseReplaceSettings(options.replace ?? []);
  const { level, lookup, area, data, formula, sheet } = options;
  return { replace, ...withoutUndefined({ level, lookup, area, data, formula, vintage, sheet }) };
}
