import { Command } from 'commander';
import type { Tabulation } from '../../engine/tabulate.js';
import { describeRun, runHeader, runMeta } from '../../report/describeRun.js';
import { render } from '../../report/render.js';
import { areaTable, districtTable, levelTable, lsoaTable, withDampingColumns, type Table } from '../../report/table.js';
import { lsoaCsv } from '../../report/toCsv.js';
import { dampingMeta, describeDamping } from '../../report/describeDamping.js';
import { runNotes, tableOutput, writeWorkbook } from '../workbook.js';
import type { LookupTabulation } from '../../engine/tabulateAreas.js';
import { allocateRun, planAllocate, type AllocateOptions as AppAllocateOptions } from '../../app/allocate.js';
import { addAllocationOptions, type AllocationOptions, parseWeightSettings, requireBudget, withoutUndefined } from '../allocationOptions.js';
import { parseReplaceSettings } from '../replaceOptions.js';
import { colourFor } from '../colour.js';
import { addDampingOptions, type DampingOptions } from '../dampingOptions.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { checkSidecar, MANIFEST_HELP, sidecarText, writeSidecar } from '../sidecar.js';
import { oneLine } from '../../engine/shown.js';
import { LEVELS, levelPlural } from '../../app/levels.js';
import type { InputFile } from '../../data/inputFile.js';

/** The sheet name of the table in an xlsx workbook, by level. */
const SHEET_NAMES: Readonly<Record<string, string>> = {
  district: 'Districts',
  lsoa: 'LSOAs',
  'former-district': 'Former districts',
  county: 'Counties',
  region: 'Regions',
  ward: 'Wards',
  division: 'Divisions',
  locality: 'Localities',
};

interface AllocateOptions extends AllocationOptions, DampingOptions {
  readonly level?: string;
  readonly lookup?: string;
  readonly localities?: string;
  readonly format?: string;
  readonly output?: string;
  readonly manifest?: boolean;
}

/** `fairshare allocate`: share a budget and print or write the district (or LSOA) table. */
export function allocateCommand(io: Io, name = 'allocate'): Command {
  const command = new Command(name).description(
    'share a budget across districts (or LSOAs, former districts, counties, regions, wards, divisions or your own localities) in proportion to need × population',
  );
  addAllocationOptions(command)
    .option('-l, --level <level>', `what to add the LSOAs up into: ${LEVELS.join(', ')} (see below) (default: "district")`)
    .option(
      '--lookup <file>',
      'a share lookup (lsoa_code,area_code,area_name,share) for --level ward or division; default: the shipped Northamptonshire one (2019), or the wards in the data (2025)',
    )
    .option(
      '--localities <file>',
      'your localities, a CSV or XLSX of lsoa_code,locality or ward_code,locality (optional share for a code split between localities): gives the table by locality',
    )
    .option(
      '-f, --format <format>',
      'table, csv, json, md, html (pastes into Word as a table) or xlsx (default: table on a terminal, csv into a pipe, else from the -o extension)',
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (written whole or not at all); xlsx needs a file')
    .option('--manifest', MANIFEST_HELP);
  addDampingOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years
  $ fairshare allocate --budget £38.1m --weight community-safety=2 --format md
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years -o table.html
  $ fairshare allocate --budget 500k --area Kettering --level lsoa -o kettering.csv
  $ fairshare allocate --budget 12.7m -o districts.csv --manifest
  $ fairshare allocate --budget 12.7m --replace community-safety=my-crime.csv
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years -o adults.xlsx
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years --level division --vintage 2019
  $ fairshare allocate --budget 1.2bn --area england -o england.csv
  $ fairshare allocate --budget 1000 --data my-areas.csv
  $ fairshare allocate --budget 12.7m --previous last-year.csv --floor -5% --ceiling +5%
  $ fairshare allocate --budget 12.7m --level former-district --previous last-year-2019.csv --floor -5% --ceiling +5%
  $ fairshare allocate --budget 12.7m --vintage 2025 --level former-district
  $ fairshare allocate --budget 1.2bn --vintage 2025 --area england --level region
  $ fairshare allocate --budget 12.7m --vintage 2025 --area "West Northants" --level ward
  $ fairshare allocate --budget 12.7m --area "West Northants" --localities examples/localities-west-northamptonshire.csv

Levels: lsoa (each LSOA); district (the councils of the vintage, the default); former-district (the
districts before any reorganisation since 2019: Corby … Wellingborough inside the 2025 councils North and
West Northamptonshire; a council never reorganised is its own, and in 2019 every district is); county
(the upper tier: a two-tier county, or a single-tier council itself); region (2025 only); ward (2025:
the ward of each LSOA in the data, ONS best fit of 2024, but for North and West Northamptonshire the May
2025 wards, derived by area, not an ONS product, marked derived = yes; 2019: shared out through the
shipped lookup); division (2019 only: the county's electoral divisions, through the shipped lookup);
locality (your own localities, from --localities FILE).
Every area of every level but ward (2019), division and a split locality is the exact sum of its LSOAs'
pennies.

--localities FILE gives the table by your own localities (level locality): FILE has lsoa_code,locality or
ward_code,locality (a ward stands for its LSOAs), and a share column where a code is split between
localities (each code's shares add up to 1 within 0.001, then exactly). The pennies are shared out as for
wards and divisions; every LSOA of the area must be in a locality, and a code outside the area is refused.
examples/localities-west-northamptonshire.csv is an example grouping of West Northamptonshire's 2025 wards,
not an official one.

Every table but the LSOA one has need_index: the area's share of the money ÷ its share of the people
(1.00 = the table's average).

--manifest writes FILE.manifest.json beside -o FILE: the tool's version, the settings, and the name
and SHA-256 of every input and of FILE, so a plain CSV can carry its provenance and stay clean for Excel.

An .xlsx workbook has the table (amounts as numbers with £ formats, the total row in bold) and a Notes
sheet with the formula, the data licence and the SHA-256 of every input. The same run gives the same bytes.

Damping (--previous FILE with --floor and/or --ceiling): each district's change against FILE's allocation
stays within the band; what the floors cost and the ceilings free is shared among the districts not held,
in proportion to their formula amounts, so the total is still exactly the budget. A floor the budget
cannot fund is refused, naming the tightest floor it can. One line names who was held and how much moved
from whom to whom against the formula amounts (on stderr for csv and xlsx). A district with a previous allocation of 0 has no band. FILE has
district_code,allocation (a district table) or former_district_code,allocation (a former-district one).
Damping works at --level district and former-district; on 2025 the former districts keep their 2019
codes, so last year's 2019 district table (allocate --vintage 2019 -o last-year-2019.csv) damps this
year's former districts.`,
  );
  command.action(async (options: AllocateOptions) => {
    const checked = planAllocate(allocateOptions(options));
    const format = await tableOutput(options.format, options.output, io, inputRefs(options, io.cwd));
    const sidecar = await checkSidecar(options.manifest, options.output, io, inputRefs(options, io.cwd));
    requireBudget(options.budget);
    const run = await allocateRun(checked, io);
    const { inputs, allocation, level, plan } = run;
    const header = runHeader(describeRun(allocation, inputs.area, inputs.dataWords));
    const inputFiles: readonly InputFile[] = run.provenance;
    let meta = runMeta(allocation, inputs.area, inputs.dataWords, inputs.vintage);
    let note: string | undefined;
    // The LSOA table is made only for formats other than CSV, which is written row by row (lsoaCsv).
    let table: Table | undefined;
    if (run.table === undefined) table = format === 'csv' ? undefined : lsoaTable(allocation);
    else if (run.lookup !== undefined) {
      const areas = run.table as LookupTabulation;
      table = areaTable(areas);
      header.push(lookupNote(areas, run.lookup.file));
    } else {
      const grouped = run.table as Tabulation;
      table = plan.by === 'group' && plan.level === 'district' && run.damping === undefined ? districtTable(grouped) : levelTable(grouped);
      if (plan.by === 'group' && plan.level !== 'district') {
        meta = { ...meta, level: plan.level };
        const line = groupNote(grouped, inputs.vintage);
        if (line !== undefined) header.push(line);
      }
      if (run.damping !== undefined) {
        const { damping, provenance } = run.damping;
        const dampedLevel = plan.by === 'group' && plan.level === 'former-district' ? 'former-district' : 'district';
        table = withDampingColumns(table, damping);
        note = describeDamping(damping, provenance.file, { level: dampedLevel });
        header.push(note);
        meta = { ...meta, ...dampingMeta(damping, provenance.file, { level: dampedLevel }) };
      }
    }
    if (format === 'xlsx') {
      const notes = runNotes('allocate', allocation, header, inputs, inputFiles);
      const bytes = await writeWorkbook(
        [{ name: SHEET_NAMES[level] ?? level, table: table ?? lsoaTable(allocation), caption: header }],
        notes,
        options.output,
        io,
      );
      if (sidecar !== undefined)
        await writeSidecar(
          sidecar,
          sidecarText('allocate', meta, inputFiles, { file: options.output as string, format, content: bytes }),
          options.output as string,
          io,
        );
      if (note !== undefined) io.stderr.write(`fairshare: ${oneLine(note)}\n`);
      return;
    }
    const toTerminal = format === 'table' && (options.output === undefined || options.output === '-');
    // The LSOA table as CSV, the biggest output, is written row by row (the same bytes as render's).
    const text =
      table === undefined
        ? lsoaCsv(allocation)
        : render(table, format, {
            header,
            meta,
            chalk: colourFor(toTerminal && io.stdoutIsTTY, io.env),
          });
    unwrap(await writeOutput(text, options.output, io));
    if (sidecar !== undefined)
      await writeSidecar(
        sidecar,
        sidecarText('allocate', meta, inputFiles, { file: options.output as string, format, content: text }),
        options.output as string,
        io,
      );
    // CSV has no header lines, so the damping line goes to stderr, after the data is safely written.
    if (note !== undefined && format === 'csv') io.stderr.write(`fairshare: ${oneLine(note)}\n`);
  });
  return command;
}

/**
 * A line for the header about a level's areas, where the name alone could mislead: former districts, and
 * derived wards.
 */
function groupNote(table: Tabulation, vintage: string | undefined): string | undefined {
  if (table.level === 'former-district') {
    return vintage === '2025' || vintage === undefined
      ? 'Former districts: the districts before any reorganisation since 2019 (a council never reorganised is its own).'
      : 'Former districts: no district of the 2019 vintage has been reorganised, so each is its own former district.';
  }
  if (table.level !== 'ward') return undefined;
  const derived = table.rows.filter((r) => r.derived === true).length;
  const plural = (n: number) => `${n} ward${n === 1 ? '' : 's'}`;
  return (
    `${plural(table.rows.length)}, each made of whole LSOAs as the data places them (the ONS best fit of LSOAs to the wards of 2024, except where marked derived).` +
    (derived === 0
      ? ''
      : ` ${plural(derived)} marked derived: wards of North and West Northamptonshire are the May 2025 wards, derived by area, not an ONS product.`)
  );
}

/** A line for the header saying where the shares came from and how many areas rest on estimates. */
function lookupNote(areas: LookupTabulation, file: string): string {
  const estimated = areas.rows.filter((r) => r.estimated).length;
  const plural = areas.rows.length === 1 ? areas.level : levelPlural(areas.level);
  return (
    `${areas.rows.length} ${plural}, shares from ${file}` +
    (estimated ? `; ${estimated} marked estimated (an LSOA or ward split between them, shared by estimate).` : '.')
  );
}

/**
 * The command line's options as the allocate use case takes them. The budget is checked for presence
 * later (requireBudget), after the checks that need no data, so their messages come first.
 */
function allocateOptions(options: AllocateOptions): AppAllocateOptions {
  const { area, data, formula, population, vintage, sheet, lookup, localities, previous, floor, ceiling, level } = options;
  return {
    budget: options.budget ?? '',
    exclude: options.exclude ?? [],
    weights: parseWeightSettings(options.weight ?? []),
    replace: parseReplaceSettings(options.replace ?? []),
    ...withoutUndefined({ area, data, formula, population, vintage, sheet, lookup, localities, previous, floor, ceiling, level }),
  };
}
