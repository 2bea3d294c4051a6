import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { gunzipSync } from 'node:zlib';
import { BOUNDARY_DIR, BOUNDARY_FILES, BOUNDARY_FILES_2021, parseBoundaries, WARD_BOUNDARY_FILES_2025, type Boundaries } from '../../data/parseBoundaries.js';
import type { Vintage } from '../../data/vintage.js';
import { coveredShares } from '../../engine/coveredShares.js';
import type { Dataset } from '../../engine/dataset.js';
import type { Allocation } from '../../engine/fairShare.js';
import type { Lookup } from '../../engine/lookup.js';
import { districtMemberships, profile } from '../../engine/profile.js';
import { hasLevel, tabulate } from '../../engine/tabulate.js';
import { tabulateAreas, type AreaTable } from '../../engine/tabulateAreas.js';
import type { ReportInput } from '../../report/html/reportContent.js';
import { compare } from '../../scenario/compare.js';
import { addAllocationOptions, type AllocationOptions, runAllocation } from '../allocationOptions.js';
import { addDampingOptions, type DampingOptions } from '../dampingOptions.js';
import { DAMPING_LEVELS, type DampingSettings, parseDampingOptions, runDamping } from '../../app/damping.js';
import { Failure, unwrap } from '../../app/failure.js';
import { loadLookup, readSource, type Provenance } from '../../app/inputs.js';
import type { Io } from '../io.js';
import { TOOL } from '../workbook.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { overrides, prepare, readScenarios } from './scenarios.js';

const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

interface ReportOptions extends Omit<AllocationOptions, 'budget'>, DampingOptions {
  readonly budget?: string;
  readonly scenarios?: string;
  readonly lookup?: string;
  readonly level?: string;
  readonly output: string;
}

/** `fairshare report`: a self-contained HTML appendix for a committee paper. */
export function reportCommand(io: Io): Command {
  const command = new Command('report')
    .description('write a self-contained HTML report (tables, charts, maps, method, provenance) that opens offline and prints on A4')
    .requiredOption('-o, --output <file>', 'the HTML file to write (written whole or not at all)')
    .option('-s, --scenarios <file>', 'report a scenario file instead: its baseline in full, then every scenario against it');
  addAllocationOptions(command, { budgetRequired: false });
  command
    .option('--lookup <file>', 'the division lookup for the division table (default: the shipped Northamptonshire one)');
  addDampingOptions(command)
    .option('-l, --level <level>', `with --previous, the table it damps: ${DAMPING_LEVELS.join(' (the default) or ')}`)
    .addHelpText(
      'after',
      `
Damping (--previous FILE with --floor and/or --ceiling) works as in allocate: the district table (or, with
--level former-district, the former-district table) shows the damped amounts with previous, change_pct
and held, below the one line that says who was held and what moved; the other tables, the chart and the
maps show the formula amounts before damping, and say so.

Examples:
  $ fairshare report --budget 12.7m --exclude young-people,early-years -o adults.html
  $ fairshare report --budget 12.7m --previous last-year.csv --floor -2% --ceiling +2% -o damped.html
  $ fairshare report --budget 12.7m --level former-district --previous last-year-2019.csv --floor -5% --ceiling +5% -o damped.html
  $ fairshare report --scenarios examples/directorates-2013.yaml -o directorates.html`,
    )
    .action(async (options: ReportOptions) => {
      if (options.budget === undefined && options.scenarios === undefined) {
        throw new Failure({ kind: 'usage', code: 'no-budget', message: 'give a --budget to report on, or a --scenarios file', hint: 'e.g. fairshare report --budget 12.7m -o report.html' });
      }
      const damping = reportDamping(options);
      unwrap(await checkOutputPath(options.output, io, inputRefs(options, io.cwd)));
      const provenance: Provenance[] = [];
      let headline: { allocation: Allocation; area: ReportInput['area']; source: string; all: Dataset; vintage: Vintage | undefined };
      let scenarios: ReportInput['scenarios'];
      if (options.scenarios !== undefined) {
        const read = await readScenarios(options.scenarios, io, overrides(options));
        unwrap(await checkOutputPath(options.output, io, [...inputRefs(options, io.cwd), ...read.inputs]));
        const prepared = await prepare(options.scenarios, io, read);
        provenance.push(...prepared.provenance);
        const base = prepared.results.find((r) => r.plan.name === prepared.parsed.baseline) ?? prepared.results[0];
        const pot = base?.pots[0];
        if (!base || !pot) throw new Error('report: a scenario file with no scenarios passed its checks');
        headline = { allocation: pot.allocation, area: base.plan.area, source: base.plan.source, all: base.plan.dataset, vintage: base.plan.vintage };
        scenarios = {
          ...(prepared.parsed.description ? { title: prepared.parsed.description } : {}),
          baseline: prepared.parsed.baseline,
          results: prepared.results,
          comparison: compare(prepared.results, prepared.parsed.baseline),
        };
      } else {
        const { inputs, allocation } = await runAllocation({ ...options, budget: options.budget as string }, io);
        provenance.push(...inputs.provenance);
        headline = { allocation, area: inputs.area, source: inputs.source, all: inputs.all, vintage: inputs.vintage };
      }
      const { allocation } = headline;
      let damped: ReportInput['damped'];
      if (damping !== undefined) {
        // As allocate does: on 2025 the former districts keep their 2019 codes, so last year's 2019
        // district table damps this year's former districts.
        const grouped = damping.level === 'district' ? tabulate(allocation) : tabulate(allocation, { level: 'former-district' });
        const formerDistricts = damping.level === 'district' ? new Set(tabulate(allocation, { level: 'former-district' }).rows.map((r) => r.code)) : undefined;
        const result = await runDamping(grouped, damping.settings, io, formerDistricts);
        provenance.push(result.provenance);
        damped = { table: result.table, damping: result.damping, previous: result.provenance.path };
      }
      const boundaries = await readBoundaries(allocation.dataset, headline.vintage, provenance);
      const wardBoundaries = await readWardBoundaries(allocation.dataset, headline.vintage, provenance);
      // The shipped division lookup is of the 2011 LSOAs (the 2019 vintage); a --lookup can be of any.
      const divisions = headline.vintage === '2025' && options.lookup === undefined ? undefined : await divisionTable(allocation, headline.all, options.lookup, io, provenance, headline.vintage);
      // The map and chart code (d3-geo, topojson) loads only for a report, not at every start-up.
      const { reportContent } = await import('../../report/html/reportContent.js');
      const { reportHtml } = await import('../../report/html/reportHtml.js');
      const content = reportContent({
        tool: TOOL,
        allocation,
        area: headline.area,
        source: headline.source,
        ...(headline.vintage ? { vintage: headline.vintage } : {}),
        provenance,
        ...(divisions ? { divisions } : {}),
        ...(damped ? { damped } : {}),
        ...(typeof boundaries === 'string' ? { mapsUnavailable: boundaries } : { boundaries }),
        ...(wardBoundaries === undefined ? {} : typeof wardBoundaries === 'string' ? { wardMapUnavailable: wardBoundaries } : { wardBoundaries }),
        profile: profile(
          allocation.domains,
          allocation.populations,
          districtMemberships(allocation.dataset),
        ),
        ...(scenarios ? { scenarios } : {}),
      });
      unwrap(await writeOutput(reportHtml(content), options.output, io));
    });
  return command;
}

/**
 * The damping asked for, checked before any work, with the level it damps: --previous (with --floor and
 * --ceiling) as allocate takes them, at --level district (the default) or former-district. --level says
 * only which table --previous damps (the report shows every level anyway), so it needs --previous; and a
 * scenario file's report takes no --previous. Throws Failure.
 */
function reportDamping(options: ReportOptions): { settings: DampingSettings; level: 'district' | 'former-district' } | undefined {
  const level = (options.level ?? 'district').trim().toLowerCase();
  if (options.level !== undefined && options.previous === undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'level-without-previous',
      message: '--level in a report says which table --previous damps, but there is no --previous',
      hint: 'Add --previous FILE (and --floor, --ceiling), or leave --level out: the report shows the district, former-district, ward and division tables it has',
    });
  }
  if (options.previous !== undefined && options.scenarios !== undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'previous-with-scenarios',
      message: '--previous damps a --budget report, not a --scenarios one',
      hint: 'Give previous:, floor: and ceiling: for the scenarios in the scenario file, or report a --budget run with --previous',
    });
  }
  const settings = parseDampingOptions(options, level);
  if (settings === undefined) return undefined;
  return { settings, level: level === 'former-district' ? 'former-district' : 'district' };
}

/** Beyond this many LSOAs (all of England) the report leaves the maps out: too heavy for a committee paper. */
const MAX_MAP_LSOAS = 5000;

/** The councils whose LSOAs the finer Northamptonshire 2021 boundary file covers. */
const NORTHAMPTONSHIRE_2021 = new Set(['E06000061', 'E06000062']);

/**
 * The shipped LSOA boundaries of the area's LSOAs and nothing else, or why there is no map. The 2019
 * vintage has Northamptonshire's 2011 LSOAs; the 2025 vintage the finer Northamptonshire 2021 file for
 * North and West Northamptonshire and all of England's 2021 LSOAs (super generalised) for anywhere else.
 * A map is drawn only when every LSOA of the area has its boundary: never a partial map, never another
 * area's. A missing or corrupt boundary file is an error naming it.
 */
async function readBoundaries(dataset: Dataset, vintage: Vintage | undefined, provenance: Provenance[]): Promise<Boundaries | string> {
  if (dataset.kind !== 'pack') return 'the data is your own file, and fairshare ships boundaries only for its own LSOAs';
  if (dataset.units.length > MAX_MAP_LSOAS) return `the area has ${dataset.units.length.toLocaleString('en-GB')} LSOAs, too many to map legibly on a page`;
  const codes = new Set(dataset.units.map((u) => u.code));
  const files =
    vintage === '2025'
      ? [dataset.units.every((u) => NORTHAMPTONSHIRE_2021.has(u.districtCode)) ? BOUNDARY_FILES_2021.northamptonshire : BOUNDARY_FILES_2021.england]
      : BOUNDARY_FILES;
  const texts = [];
  for (const name of files) {
    const source = unwrap(await readSource(resolve(DATA_DIR, BOUNDARY_DIR, name), 'boundaries'));
    texts.push({ file: source.provenance.path, text: (name.endsWith('.gz') ? gunzipSync(source.bytes) : source.bytes).toString('utf8') });
    provenance.push(source.provenance);
  }
  const boundaries = unwrap(parseBoundaries(texts, { only: codes }));
  const missing = codes.size - boundaries.features.length;
  if (missing > 0) return `${missing.toLocaleString('en-GB')} of its ${codes.size.toLocaleString('en-GB')} LSOAs have no boundary in the shipped files`;
  return boundaries;
}

/**
 * The shipped ward boundaries of the area's wards and nothing else, or why there is no ward map;
 * undefined when the data has no wards (the 2019 vintage, a `--data` file). Only North and West
 * Northamptonshire's May 2025 wards are shipped (66), so the area must lie within those two councils,
 * and every one of its wards must have a boundary: never a partial map, never another area's wards. A
 * missing or corrupt boundary file is an error naming it.
 */
async function readWardBoundaries(dataset: Dataset, vintage: Vintage | undefined, provenance: Provenance[]): Promise<Boundaries | string | undefined> {
  if (dataset.kind !== 'pack' || vintage !== '2025' || !hasLevel(dataset, 'ward')) return undefined;
  const wards = new Set(dataset.units.map((u) => u.wardCode ?? ''));
  const councils = [...new Set(dataset.units.map((u) => u.districtCode))].sort();
  if (!councils.every((c) => WARD_BOUNDARY_FILES_2025[c] !== undefined)) {
    return 'fairshare ships ward boundaries only for North and West Northamptonshire (their May 2025 wards)';
  }
  const texts = [];
  for (const council of councils) {
    const source = unwrap(await readSource(resolve(DATA_DIR, BOUNDARY_DIR, WARD_BOUNDARY_FILES_2025[council] as string), 'boundaries'));
    texts.push({ file: source.provenance.path, text: source.bytes.toString('utf8') });
    provenance.push(source.provenance);
  }
  const boundaries = unwrap(parseBoundaries(texts, { only: wards, units: 'ward' }));
  const missing = wards.size - boundaries.features.length;
  if (missing > 0) return `${missing} of its ${wards.size} wards have no boundary in the shipped ward files`;
  return boundaries;
}

/** The division table, when the given (or shipped) division lookup covers the area; else undefined. */
async function divisionTable(
  allocation: Allocation,
  all: Dataset,
  file: string | undefined,
  io: Io,
  provenance: Provenance[],
  vintage: Vintage | undefined,
): Promise<AreaTable | undefined> {
  if (file === undefined && all.kind !== 'pack') return undefined;
  const { lookup, provenance: source } = await loadLookup('division', file, all, io, vintage);
  if (file === undefined && !covers(allocation.dataset, lookup)) return undefined;
  provenance.push(source);
  return unwrap(tabulateAreas(allocation, lookup));
}

function covers(dataset: Dataset, lookup: Lookup): boolean {
  return coveredShares(dataset, lookup).ok;
}
