import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { BOUNDARY_DIR, BOUNDARY_FILES, parseBoundaries, type Boundaries } from '../../data/parseBoundaries.js';
import { coveredShares } from '../../engine/coveredShares.js';
import type { Dataset } from '../../engine/dataset.js';
import type { Allocation } from '../../engine/fairShare.js';
import type { Lookup } from '../../engine/lookup.js';
import { districtMemberships, profile } from '../../engine/profile.js';
import { tabulateAreas, type AreaTable } from '../../engine/tabulateAreas.js';
import type { ReportInput } from '../../report/html/reportContent.js';
import { compare } from '../../scenario/compare.js';
import { addAllocationOptions, type AllocationOptions, parseVintageOption, runAllocation } from '../allocationOptions.js';
import { Failure, unwrap } from '../failure.js';
import { loadLookup, readSource, type Provenance } from '../inputs.js';
import type { Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { inputRefs } from '../guardOutput.js';
import { prepare, readScenarios } from './scenarios.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

interface ReportOptions extends Omit<AllocationOptions, 'budget'> {
  readonly budget?: string;
  readonly scenarios?: string;
  readonly lookup?: string;
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
    .option('--lookup <file>', 'the division lookup for the division table (default: the shipped Northamptonshire one)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare report --budget 12.7m --exclude young-people,early-years -o adults.html\n  $ fairshare report --scenarios examples/directorates-2013.yaml -o directorates.html',
    )
    .action(async (options: ReportOptions) => {
      if (options.budget === undefined && options.scenarios === undefined) {
        throw new Failure({ kind: 'usage', code: 'no-budget', message: 'give a --budget to report on, or a --scenarios file', hint: 'e.g. fairshare report --budget 12.7m -o report.html' });
      }
      unwrap(await checkOutputPath(options.output, io, inputRefs(options, io.cwd)));
      const provenance: Provenance[] = [];
      let headline: { allocation: Allocation; area: ReportInput['area']; source: string; all: Dataset };
      let scenarios: ReportInput['scenarios'];
      if (options.scenarios !== undefined) {
        const read = await readScenarios(options.scenarios, io, parseVintageOption(options.vintage));
        unwrap(await checkOutputPath(options.output, io, [...inputRefs(options, io.cwd), ...read.inputs]));
        const prepared = await prepare(options.scenarios, io, read);
        provenance.push(...prepared.provenance);
        const base = prepared.results.find((r) => r.plan.name === prepared.parsed.baseline) ?? prepared.results[0];
        const pot = base?.pots[0];
        if (!base || !pot) throw new Error('report: a scenario file with no scenarios passed its checks');
        headline = { allocation: pot.allocation, area: base.plan.area, source: base.plan.source, all: base.plan.dataset };
        scenarios = {
          ...(prepared.parsed.description ? { title: prepared.parsed.description } : {}),
          baseline: prepared.parsed.baseline,
          results: prepared.results,
          comparison: compare(prepared.results, prepared.parsed.baseline),
        };
      } else {
        const { inputs, allocation } = await runAllocation({ ...options, budget: options.budget as string }, io);
        provenance.push(...inputs.provenance);
        headline = { allocation, area: inputs.area, source: inputs.source, all: inputs.all };
      }
      const { allocation } = headline;
      const boundaries = await readBoundaries(allocation.dataset, provenance);
      const divisions = await divisionTable(allocation, headline.all, options.lookup, io, provenance);
      // The map and chart code (d3-geo, topojson) loads only for a report, not at every start-up.
      const { reportContent } = await import('../../report/html/reportContent.js');
      const { reportHtml } = await import('../../report/html/reportHtml.js');
      const content = reportContent({
        tool: { name: PACKAGE.name, version: PACKAGE.version },
        allocation,
        area: headline.area,
        source: headline.source,
        provenance,
        ...(divisions ? { divisions } : {}),
        ...(boundaries ? { boundaries } : {}),
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
 * The shipped LSOA boundaries, when the area has any LSOA in them (else undefined: the report says the
 * maps are not available). A missing or corrupt boundary file is an error naming it.
 */
async function readBoundaries(dataset: Dataset, provenance: Provenance[]): Promise<Boundaries | undefined> {
  if (dataset.kind !== 'pack') return undefined;
  const texts = [];
  for (const name of BOUNDARY_FILES) {
    const source = unwrap(await readSource(resolve(DATA_DIR, BOUNDARY_DIR, name), 'boundaries'));
    texts.push({ file: source.provenance.path, text: source.bytes.toString('utf8') });
    provenance.push(source.provenance);
  }
  const boundaries = unwrap(parseBoundaries(texts));
  const codes = new Set(dataset.units.map((u) => u.code));
  return boundaries.features.some((f) => codes.has(f.properties.code)) ? boundaries : undefined;
}

/** The division table, when the given (or shipped) division lookup covers the area; else undefined. */
async function divisionTable(allocation: Allocation, all: Dataset, file: string | undefined, io: Io, provenance: Provenance[]): Promise<AreaTable | undefined> {
  if (file === undefined && all.kind !== 'pack') return undefined;
  const { lookup, provenance: source } = await loadLookup('division', file, all, io.cwd);
  if (file === undefined && !covers(allocation.dataset, lookup)) return undefined;
  provenance.push(source);
  return unwrap(tabulateAreas(allocation, lookup));
}

function covers(dataset: Dataset, lookup: Lookup): boolean {
  return coveredShares(dataset, lookup).ok;
}
