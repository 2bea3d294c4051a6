import { Command } from 'commander';
import { DAMPING_LEVELS } from '../../app/damping.js';
import { unwrap } from '../../app/failure.js';
import { planReport, reportRun, type ReportOptions as AppReportOptions, type ReportPlan } from '../../app/report.js';
import { readScenarios, type ScenarioSource } from '../../app/scenarios.js';
import { addAllocationOptions, type AllocationOptions, formulaOptions, withoutUndefined } from '../allocationOptions.js';
import { addDampingOptions, type DampingOptions } from '../dampingOptions.js';
import { inputRefs } from '../guardOutput.js';
import type { Io } from '../io.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { TOOL } from '../workbook.js';

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
  command.option('--lookup <file>', 'the division lookup for the division table (default: the shipped Northamptonshire one)');
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
      const checked = planReport(reportOptions(options));
      unwrap(await checkOutputPath(options.output, io, inputRefs(options, io.cwd)));
      let source: ScenarioSource | undefined;
      if (checked.scenarios !== undefined) {
        source = await readScenarios(checked.scenarios, io);
        unwrap(await checkOutputPath(options.output, io, [...inputRefs(options, io.cwd), ...source.inputs]));
      }
      const model = await reportRun(source === undefined ? withFormulaSettings(checked, options) : checked, io, source);
      // The map and chart code (d3-geo, topojson) loads only for a report, not at every start-up.
      const { reportContent } = await import('../../report/html/reportContent.js');
      const { reportHtml } = await import('../../report/html/reportHtml.js');
      unwrap(await writeOutput(reportHtml(reportContent({ tool: TOOL, ...model })), options.output, io));
    });
  return command;
}

/**
 * The command line's options as the report use case takes them, but for --weight and --replace: those
 * are read only for a --budget run, after the checks that need no data (see withFormulaSettings), so
 * their messages come where they always have.
 */
function reportOptions(options: ReportOptions): AppReportOptions {
  const { budget, scenarios, area, data, formula, population, vintage, sheet, lookup, previous, floor, ceiling, level } = options;
  return {
    exclude: options.exclude ?? [],
    ...withoutUndefined({ budget, scenarios, area, data, formula, population, vintage, sheet, lookup, previous, floor, ceiling, level }),
  };
}

/** A checked --budget report with the --weight and --replace settings read. Throws a usage Failure. */
function withFormulaSettings(checked: ReportPlan, options: ReportOptions): ReportPlan {
  const { budget, weights, replace } = formulaOptions(options);
  return { ...checked, options: { ...checked.options, budget, weights, replace } };
}
