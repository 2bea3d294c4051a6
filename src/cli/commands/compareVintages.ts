import { Command, Option } from 'commander';
import { POPULATION_BASES } from '../../data/populationBase.js';
import { DEFAULT_FORMULAS } from '../../data/vintage.js';
import type { VintageChange } from '../../engine/compareVintages.js';
import type { Allocation } from '../../engine/fairShare.js';
import { AMOUNT_FORMS } from '../../engine/parseAmount.js';
import { plain } from '../../engine/shown.js';
import { describeRun, runMeta } from '../../report/describeRun.js';
import { poundsText } from '../../report/display.js';
import { groupThousands } from '../../engine/wording.js';
import { render } from '../../report/render.js';
import { markdownText } from '../../report/toMarkdown.js';
import { toHtml } from '../../report/toHtml.js';
import { formulaDomains } from '../../report/toXlsx.js';
import { tableOutput, writeWorkbook } from '../workbook.js';
import { vintageChangeNotes, vintageChangeTable } from '../../report/vintageChangeTable.js';
import { collect, collectList, parseWeightSettings, requireBudget, withoutUndefined } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import {
  BRIDGE_FORMULA,
  compareVintagesRun,
  planCompareVintages,
  YEARS,
  type CompareVintagesOptions as AppCompareVintagesOptions,
  type CompareVintagesRun,
} from '../../app/compareVintages.js';
import { budgetAmount } from '../../app/formulaSettings.js';
import { inputRefs } from '../guardOutput.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { packLicence } from '../../data/packFormat.js';

interface CompareVintagesOptions {
  readonly budget?: string;
  readonly exclude?: string[];
  readonly weight?: string[];
  readonly area?: string;
  readonly population: string;
  readonly formula2019?: string;
  readonly formula2025?: string;
  readonly format?: string;
  readonly output?: string;
}

/**
 * `fairshare compare-vintages`: the same budget and formula on the 2019 and 2025 vintages, by former
 * district, with the change split into its causes.
 */
export function compareVintagesCommand(io: Io): Command {
  const command = new Command('compare-vintages')
    .description(
      'the same budget and formula on the 2019 and 2025 vintages, side by side by former district, with each change split into population, boundaries, data and sources',
    )
    .option('-b, --budget <amount>', `required: the budget to share on both vintages, e.g. ${AMOUNT_FORMS}`)
    .addOption(new Option('-x, --exclude <ids>', 'leave these domains out on both vintages; comma-separated, repeatable').argParser(collectList))
    .addOption(new Option('-w, --weight <id=x>', 'count a domain x times on both vintages; repeatable').argParser(collect))
    .option(
      '-a, --area <name|code>',
      'the area (default: Northamptonshire): as on the 2025 vintage; the 2019 side is the 2019 area of the same code, or else the 2011 LSOAs its 2021 LSOAs were made from',
    )
    .option('-p, --population <base>', `the population to share by, on both vintages: ${POPULATION_BASES.join(', ')} (total and 60+ are in both)`, 'total')
    .option('--formula-2019 <name|file>', `the formula on the 2019 vintage (default: ${DEFAULT_FORMULAS['2019']})`)
    .option(
      '--formula-2025 <name|file>',
      `the formula on the 2025 vintage (default: ${DEFAULT_FORMULAS['2025']}; then the change its new sources make is split out against ${BRIDGE_FORMULA})`,
    )
    .option(
      '-f, --format <format>',
      'table, csv, json, md, html (pastes into Word as a table) or xlsx (default: table on a terminal, csv into a pipe, else from the -o extension)',
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (written whole or not at all); xlsx needs a file')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare compare-vintages --budget 12.7m --exclude young-people,early-years
  $ fairshare compare-vintages --budget 12.7m --exclude young-people,early-years --format md -o change.md
  $ fairshare compare-vintages --budget 38.1m --area "West Northamptonshire" -o change.csv
  $ fairshare compare-vintages --budget 12.7m --formula-2025 northamptonshire-2025-like-2019

The rows are the districts of 2019 (for Northamptonshire the seven former districts of the 2012 model):
a 2021 LSOA is counted in the district of the 2011 LSOAs it was made from. Each row's change from 2019 to
2025 is split exactly, to the penny, into:
  population  what the change in the share of the people alone moved, for each piece of ground (an LSOA,
              or a 2011 LSOA with the 2021 LSOAs ONS split it into), at its 2019 need;
  boundaries  the rest of the change on the LSOAs ONS split, merged or redesigned in 2021, and all the
              money of LSOAs that moved in or out of the area (E01027305 went to Cherwell);
  data        the rest of the change on the LSOAs ONS left unchanged: their new need ranks (and the
              penny rounding);
  sources     what the 2025 formula's new sources alone change (Census 2021 disability and unpaid care),
              against the 2025 data with the 2019 sources (${BRIDGE_FORMULA}); only with the default
              --formula-2025.
The parts add up exactly to the change. The CSV also has each row's LSOAs, people and changed LSOAs in
both vintages.`,
    );
  command.action(async (options: CompareVintagesOptions) => {
    const checked = planCompareVintages(compareOptions(options));
    const refs = [
      ...inputRefs(withoutUndefined({ formula: options.formula2019 }), io.cwd),
      ...inputRefs(withoutUndefined({ formula: options.formula2025 }), io.cwd),
    ];
    const format = await tableOutput(options.format, options.output, io, refs);
    const run = await compareVintagesRun(checked, io);
    const { change, budget, before, after, areaBefore, areaAfter, older, newer, bridgeFormula, provenance } = run;

    const header = headerLines(change, { before, after, areaBefore, areaAfter, older, newer, sameCode: run.sameCode, bridgeFormula: bridgeFormula?.id });
    if (format === 'xlsx') {
      const sheet = { name: 'Change of vintage', table: vintageChangeTable(change, YEARS), caption: header };
      const notes = {
        title: `fairshare compare-vintages: ${areaAfter.name}, budget ${poundsText(budget)}`,
        lines: [...header, ...vintageChangeNotes(change, YEARS)],
        settings: [
          { heading: `${YEARS.before} formula: ${before.formula.name} (${before.formula.id})`, domains: formulaDomains(before.formula) },
          { heading: `${YEARS.after} formula: ${after.formula.name} (${after.formula.id})`, domains: formulaDomains(after.formula) },
        ],
        sources: [older.dataWords, newer.dataWords],
        ...packLicence(older.pack, newer.pack),
        provenance,
      };
      await writeWorkbook([sheet], notes, options.output, io);
      return;
    }
    const human = format === 'table' || format === 'md' || format === 'html';
    const table = vintageChangeTable(change, YEARS, { summary: human });
    const toTerminal = format === 'table' && (options.output === undefined || options.output === '-');
    const text = render(table, format, {
      header,
      meta: {
        budget: budget.toFixed(2),
        area: { kind: areaAfter.kind, code: areaAfter.code, name: areaAfter.name },
        rows: 'former districts (the districts of 2019)',
        vintages: {
          [YEARS.before]: runMeta(before, areaBefore, older.dataWords, YEARS.before),
          [YEARS.after]: runMeta(after, areaAfter, newer.dataWords, YEARS.after),
        },
        ...(bridgeFormula ? { sourcesSplitAgainst: bridgeFormula.id } : {}),
      },
      chalk: colourFor(toTerminal && io.stdoutIsTTY, io.env),
    });
    const notes = vintageChangeNotes(change, YEARS);
    if (format === 'html') {
      unwrap(await writeOutput(toHtml(table, { header, notes }), options.output, io));
      return;
    }
    const footer =
      format === 'md' ? `\n${notes.map((line) => `- ${markdownText(line)}`).join('\n')}\n` : format === 'table' ? `\n${notes.map(plain).join('\n')}\n` : '';
    unwrap(await writeOutput(text + footer, options.output, io));
  });
  return command;
}

type HeaderFacts = Pick<CompareVintagesRun, 'before' | 'after' | 'areaBefore' | 'areaAfter' | 'older' | 'newer' | 'sameCode'> & {
  readonly bridgeFormula: string | undefined;
};

/** The lines above the table: both runs, the formulas, and what the rows are. */
function headerLines(change: VintageChange, facts: HeaderFacts): string[] {
  const { before, after, areaAfter } = facts;
  const described = describeRun(after, areaAfter, facts.newer.dataWords);
  const people = (a: Allocation): string => groupThousands(String(a.populations.reduce((s, p) => s + p, 0)));
  const lines = [
    `${areaAfter.name}${areaAfter.code && areaAfter.code !== areaAfter.name && areaAfter.kind !== 'england' ? ` (${areaAfter.code})` : ''}, ${YEARS.before} against ${YEARS.after}: ${groupThousands(String(before.dataset.units.length))} LSOAs and ${people(before)} people, then ${groupThousands(String(after.dataset.units.length))} LSOAs and ${people(after)} people. Budget ${described.budget} on both.`,
    `Domains counted: ${described.counted}. Excluded: ${described.excluded}.`,
    `${YEARS.before}: ${facts.older.dataWords}; formula ${before.formula.id}.`,
    `${YEARS.after}: ${facts.newer.dataWords}; formula ${after.formula.id}${facts.bridgeFormula ? `, its new sources split out against ${facts.bridgeFormula}` : ''}.`,
    `Rows: the ${change.rows.length} districts of ${YEARS.before} (former districts); a 2021 LSOA is counted in the district of the 2011 LSOAs it was made from.`,
    ...(facts.sameCode
      ? []
      : [`The ${YEARS.before} side is the 2011 LSOAs that ${areaAfter.name}'s 2021 LSOAs were made from (the area did not exist in ${YEARS.before}).`]),
    ...(areaAfter.note === undefined ? [] : [areaAfter.note]),
  ];
  return lines.map(plain);
}

/**
 * The command line's options as the compare-vintages use case takes them. The budget is checked first,
 * then the --weight settings, then the population base, as the messages have always come.
 */
function compareOptions(options: CompareVintagesOptions): AppCompareVintagesOptions {
  const budget = budgetAmount(requireBudget(options.budget));
  const weights = parseWeightSettings(options.weight ?? []);
  const { area, population, formula2019, formula2025 } = options;
  return { budget, weights, exclude: options.exclude ?? [], ...withoutUndefined({ area, population, formula2019, formula2025 }) };
}
