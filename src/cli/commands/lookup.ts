import { wholeText } from '../../engine/wording.js';
import { basename } from 'node:path';
import { Command } from 'commander';
import { buildLookup, type BuildLookupOptions } from '../../app/buildLookup.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { checkOutputPath, chooseFormat, type OutputFormat, writeOutput } from '../output.js';
import { inputRefs, type InputRef } from '../guardOutput.js';
import { sheetOption, vintageOption, withoutUndefined } from '../allocationOptions.js';
import { checkWorkbookTarget, writeWorkbook } from '../workbook.js';
import { lookupCsv, lookupTable } from '../../report/lookupTable.js';
import { firstFew } from '../../engine/wording.js';

interface BuildOptions {
  readonly vintage?: string;
  readonly points: string;
  readonly output: string;
  readonly format?: string;
  readonly area?: string;
  readonly sheet?: string;
}

/**
 * The formats a lookup is written in: the ones `--lookup` reads back. CSV first: a name with no
 * extension, and `-o -`, are CSV.
 */
const LOOKUP_FORMATS: readonly OutputFormat[] = ['csv', 'xlsx'];

/** How many uncovered LSOA codes the report lists. */
const LISTED = 10;

/** `fairshare lookup build`: make a share lookup (LSOA → ward or division) from point data. */
export function lookupCommand(io: Io): Command {
  const lookup = new Command('lookup')
    .description('make share lookups that split LSOAs between wards or divisions')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare lookup build --points postcodes.csv -o divisions.csv\n  $ fairshare allocate --budget 12.7m --level division --lookup divisions.csv',
    );

  lookup
    .command('build')
    .description('build a share lookup from points (e.g. postcodes) that each lie in one LSOA and one area')
    .requiredOption('--points <file>', 'CSV with lsoa_code, area_code, area_name and optionally weight (default 1 per row); other columns are ignored')
    .requiredOption('-o, --output <file>', 'the lookup to write, CSV or (for FILE.xlsx) an Excel workbook; written whole or not at all')
    .option('-f, --format <format>', 'csv or xlsx (default: from the -o extension; CSV for a name with none, and for -o -)')
    .option('-a, --area <name|code>', 'report the LSOAs of this area that have no points (default: Northamptonshire)')
    .addOption(sheetOption())
    .addOption(vintageOption())
    .addHelpText(
      'after',
      `
An LSOA's share of an area is the weight of its points in the area over the weight of all its points,
rounded half-up to 12 decimal places. The lookup has the columns lsoa_code, area_code, area_name, share
and estimated; estimated is always "no", because the shares are counted from the points. A workbook
(-o FILE.xlsx) has the same columns, shares as numbers, and a Notes sheet; --lookup reads either back.

Examples:
  $ fairshare lookup build --points postcodes.csv -o divisions.csv
  $ fairshare lookup build --points postcodes.xlsx -o divisions.xlsx
  $ fairshare lookup build --points addresses.csv -o wards.csv --area Kettering
  $ fairshare allocate --budget 12.7m --level division --lookup divisions.csv`,
    )
    .action(async (options: BuildOptions) => {
      const format = await lookupOutput(options.format, options.output, io, inputRefs(options, io.cwd));
      const built = await buildLookup(buildOptions(options), io);
      if (format === 'xlsx') {
        // The points file by its name, not the path as typed, so the same inputs give the same bytes from any
        // folder.
        const lines = [
          `Share lookup built by fairshare lookup build from ${basename(options.points)}: ${count(built.rows.length, 'row')} from ${count(built.points, 'point')} in ${count(built.lsoas, 'LSOA')} and ${count(built.areas, 'area')}.`,
          SHARE_RULE,
        ];
        await writeWorkbook(
          [{ name: 'Lookup', table: lookupTable(built.rows), caption: lines }],
          {
            title: 'fairshare lookup build',
            lines,
            sources: [built.data],
            ...(built.licence === undefined ? {} : { licence: built.licence }),
            provenance: built.provenance,
          },
          options.output,
          io,
        );
      } else {
        unwrap(await writeOutput(lookupCsv(built.rows), options.output, io));
      }

      const to = options.output === '-' ? 'stdout' : options.output;
      io.stderr.write(
        `fairshare: wrote ${count(built.rows.length, 'row')} to ${to} from ${count(built.points, 'point')} in ${count(built.lsoas, 'LSOA')} and ${count(built.areas, 'area')}\n`,
      );
      const { uncovered } = built;
      const total = built.area.lsoas;
      if (uncovered.length === 0) {
        io.stderr.write(`fairshare: the lookup covers all ${count(total, 'LSOA')} of ${built.area.name}\n`);
      } else {
        const listed = firstFew(uncovered, LISTED);
        io.stderr.write(
          `fairshare: warning: ${uncovered.length} of the ${count(total, 'LSOA')} of ${built.area.name} have no points, so the lookup does not cover them (${listed}); allocate will refuse to use it for an area containing them\n`,
        );
      }
    });

  return lookup;
}

/** The command line's options as the lookup build use case takes them. */
function buildOptions(options: BuildOptions): BuildLookupOptions {
  const { area, vintage, sheet } = options;
  return { points: options.points, ...withoutUndefined({ area, vintage, sheet }) };
}

/** How the shares are worked out, for a workbook's caption and Notes. */
const SHARE_RULE =
  'An LSOA\'s share of an area is the weight of its points in the area over the weight of all its points, rounded half-up to 12 decimal places; estimated is "no" because the shares are counted from the points.';

/**
 * Before any work: check the -o path, and choose the format from --format or the extension: CSV or
 * xlsx, the formats --lookup reads back. Any other extension (.xls, .ods, .md) is refused, naming
 * those two. Throws Failure.
 */
async function lookupOutput(format: string | undefined, output: string, io: Io, inputs: readonly InputRef[]): Promise<'csv' | 'xlsx'> {
  unwrap(await checkOutputPath(output, io, inputs));
  // Standard output is never a terminal table here: the lookup is data, and CSV is what pipes take.
  const chosen = format === undefined && output === '-' ? 'csv' : unwrap(chooseFormat(format, output, io, { formats: LOOKUP_FORMATS }));
  checkWorkbookTarget(chosen, output);
  return chosen === 'xlsx' ? 'xlsx' : 'csv';
}

function count(n: number, noun: string): string {
  return `${wholeText(n)} ${noun}${n === 1 ? '' : 's'}`;
}
