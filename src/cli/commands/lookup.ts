import { resolve } from 'node:path';
import { Command } from 'commander';
import { buildLookup } from '../../data/buildLookup.js';
import { parsePoints } from '../../data/parsePoints.js';
import { fail, ok, type Result } from '../../engine/errors.js';
import { unwrap } from '../failure.js';
import { codeHints, loadInputs, readTextFile } from '../inputs.js';
import type { Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { parseVintageOption, vintageOption, withoutUndefined } from '../allocationOptions.js';

interface BuildOptions {
  readonly vintage?: string;
  readonly points: string;
  readonly output: string;
  readonly area?: string;
}

/** How many uncovered LSOA codes the report lists. */
const LISTED = 10;

/** `fairshare lookup build`: make a share lookup (LSOA → ward or division) from point data. */
export function lookupCommand(io: Io): Command {
  const lookup = new Command('lookup')
    .description('make share lookups that split LSOAs between wards or divisions')
    .addHelpText('after', '\nExamples:\n  $ fairshare lookup build --points postcodes.csv -o divisions.csv\n  $ fairshare allocate --budget 12.7m --level division --lookup divisions.csv');

  lookup
    .command('build')
    .description('build a share lookup from points (e.g. postcodes) that each lie in one LSOA and one area')
    .requiredOption('--points <file>', 'CSV with lsoa_code, area_code, area_name and optionally weight (default 1 per row); other columns are ignored')
    .requiredOption('-o, --output <file>', 'the lookup CSV to write (written whole or not at all)')
    .option('-a, --area <name|code>', 'report the LSOAs of this area that have no points (default: Northamptonshire)')
    .addOption(vintageOption())
    .addHelpText(
      'after',
      `
An LSOA's share of an area is the weight of its points in the area over the weight of all its points,
rounded half-up to 12 decimal places. The lookup has the columns lsoa_code, area_code, area_name, share
and estimated; estimated is always "no", because the shares are counted from the points.

Examples:
  $ fairshare lookup build --points postcodes.csv -o divisions.csv
  $ fairshare lookup build --points addresses.csv -o wards.csv --area Kettering
  $ fairshare allocate --budget 12.7m --level division --lookup divisions.csv`,
    )
    .action(async (options: BuildOptions) => {
      unwrap(await checkOutputPath(options.output, io, inputRefs(options, io.cwd)));
      const inputs = await loadInputs(withoutUndefined({ area: options.area, vintage: parseVintageOption(options.vintage) }), io);
      const text = unwrap(await readPoints(options.points, io));
      const known = new Set(inputs.all.units.map((u) => u.code));
      const points = unwrap(parsePoints(text, options.points, known, { codes: await codeHints(inputs.dataset, inputs.vintage) }));
      const built = unwrap(buildLookup(points, { file: options.points }));
      unwrap(await writeOutput(built.csv, options.output, io));

      const to = options.output === '-' ? 'stdout' : options.output;
      io.stderr.write(
        `fairshare: wrote ${count(built.rows.length, 'row')} to ${to} from ${count(built.points, 'point')} in ${count(built.lsoas, 'LSOA')} and ${count(built.areas, 'area')}\n`,
      );
      const covered = new Set(points.map((p) => p.lsoaCode));
      const uncovered = inputs.dataset.units.map((u) => u.code).filter((code) => !covered.has(code));
      const total = inputs.dataset.units.length;
      if (uncovered.length === 0) {
        io.stderr.write(`fairshare: the lookup covers all ${count(total, 'LSOA')} of ${inputs.area.name}\n`);
      } else {
        const listed = uncovered.slice(0, LISTED).join(', ');
        const more = uncovered.length > LISTED ? ` and ${uncovered.length - LISTED} more` : '';
        io.stderr.write(
          `fairshare: warning: ${uncovered.length} of the ${count(total, 'LSOA')} of ${inputs.area.name} have no points, so the lookup does not cover them (${listed}${more}); allocate will refuse to use it for an area containing them\n`,
        );
      }
    });

  return lookup;
}

/** The text of the points file, or a one-line error naming it. */
async function readPoints(file: string, io: Io): Promise<Result<string>> {
  try {
    return ok(await readTextFile(resolve(io.cwd, file), file, io.stderr));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return fail('io', 'unreadable-file', `cannot read --points file ${file}: ${why}`, { hint: 'Check the path and try again' });
  }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}
