import type { Area } from '../data/area.js';
import type { ComparisonRow } from '../scenario/compare.js';
import type { ScenarioResult } from '../scenario/runScenarios.js';
import { poundsText } from './display.js';
import { describeRun, peopleLabel, runHeader, runMeta } from './describeRun.js';
import type { Tabulation } from '../engine/tabulate.js';
import type { ScenarioLevel } from '../scenario/planScenarios.js';
import { anyLevelTable, comparisonTable, lsoaTable, withDampingColumns, type Table } from './table.js';
import { dampingMeta, describeDamping } from './describeDamping.js';
import { formulaDomains, toXlsx, type XlsxSettings, type XlsxSheet } from './toXlsx.js';
import { toCsv } from './toCsv.js';
import type { InputFile } from '../data/inputFile.js';
import { jsonText, toJson } from './toJson.js';
import { markdownLines, markdownText, toMarkdown } from './toMarkdown.js';
import { populationField } from '../data/populationBase.js';
import type { TransitionTables } from '../data/transitionFromPrevious.js';
import {
  transitionJson,
  transitionLine,
  transitionNotes,
  transitionSummary,
  transitionYearTable,
  type TransitionLevel,
  type TransitionSettings,
} from './transitionTables.js';

export interface ScenarioFilesOptions {
  readonly format: 'csv' | 'md' | 'json' | 'xlsx';
  /** Also write each scenario's (or pot's) LSOA table, always as CSV. */
  readonly lsoa: boolean;
  readonly baseline: string;
  /** A title for the Markdown document and the workbook's Notes sheet. */
  readonly title: string;
  /** For the workbook's Notes sheet: the tool and its version, and the input files with their SHA-256. */
  readonly tool: { readonly name: string; readonly version: string };
  readonly inputs: readonly InputFile[];
  /** The data's licence statement for the Notes sheet, when the shipped data pack was used. */
  readonly licence?: string;
}

/**
 * The files a scenario run writes, name → content, in a fixed order:
 * - csv: `<scenario>.csv` (a scenario with pots: `<scenario>.<pot>.csv` for each pot, and
 *   `<scenario>.csv` for their sum), and `comparison.csv`;
 * - md: one `scenarios.md` with every table and the comparison, for a committee paper;
 * - json: one `scenarios.json`;
 * - xlsx: one `scenarios.xlsx` workbook (bytes) with a sheet per scenario and pot, a Comparison sheet
 *   and a Notes sheet with every scenario's resolved settings and the inputs' SHA-256;
 * and with `lsoa`, `<scenario>[.<pot>].lsoa.csv` for every pot.
 */
export async function scenarioFiles(
  results: readonly ScenarioResult[],
  comparison: readonly ComparisonRow[],
  options: ScenarioFilesOptions,
): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const stem = (result: ScenarioResult, pot: string): string => (result.plan.pooled ? `${result.plan.name}.${pot}` : result.plan.name);
  if (options.format === 'csv') {
    for (const result of results) {
      if (result.plan.pooled) for (const pot of result.pots) files.set(`${stem(result, pot.plan.name)}.csv`, toCsv(anyLevelTable(pot.table)));
      files.set(`${result.plan.name}.csv`, toCsv(scenarioTable(result)));
      const moved = transitionOf(result);
      if (moved === undefined) continue;
      files.set(`${result.plan.name}.path.csv`, toCsv(moved.summary));
      for (const [t, table] of moved.years.entries()) files.set(`${result.plan.name}.year-${t + 1}.csv`, toCsv(table));
    }
    files.set('comparison.csv', toCsv(comparisonTable(comparison, levelOf(results))));
  } else if (options.format === 'md') {
    files.set('scenarios.md', markdown(results, comparison, options));
  } else if (options.format === 'xlsx') {
    files.set('scenarios.xlsx', await workbook(results, comparison, options));
  } else {
    files.set('scenarios.json', json(results, comparison, options));
  }
  if (options.lsoa) {
    for (const result of results) for (const pot of result.pots) files.set(`${stem(result, pot.plan.name)}.lsoa.csv`, toCsv(lsoaTable(pot.allocation)));
  }
  return files;
}

/**
 * A scenario's own table: its level table, and for a damped scenario the damped amounts with the
 * columns `previous,change_pct,held` after them, as `allocate --previous` writes it.
 */
export function scenarioTable(result: ScenarioResult): Table {
  if (result.damping === undefined) return anyLevelTable(result.table);
  // Only district and former-district tables are damped (see planScenarios).
  return withDampingColumns(anyLevelTable(result.table as Tabulation), result.damping);
}

/**
 * A damped scenario's damping in one line (see describeDamping), saying that its table and the comparison
 * use the damped amounts, and for a scenario with pots that the pots' own tables do not; undefined for
 * a scenario that is not damped.
 */
export function scenarioDamping(result: ScenarioResult): string | undefined {
  const { plan, damping } = result;
  if (damping === undefined || plan.damping === undefined) return undefined;
  const moved = transitionOf(result);
  if (moved !== undefined) {
    const uses = plan.pooled
      ? "The scenario's table (the sum of its pots, then year 1 of the path) and the comparison are year 1's amounts; each pot's own table has its formula amounts."
      : "The scenario's table and the comparison are year 1's amounts.";
    return `${transitionLine(moved.path, moved.settings)} ${uses}`;
  }
  const line = describeDamping(damping, plan.damping.previous, { level: plan.level === 'former-district' ? 'former-district' : 'district' });
  const uses = plan.pooled
    ? "The scenario's table (the sum of its pots, then damped) and the comparison use the damped amounts; each pot's own table has its formula amounts."
    : "The scenario's table and the comparison use the damped amounts.";
  return `${line} ${uses}`;
}

function markdown(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): string {
  const parts: string[] = [
    `# ${markdownText(options.title)}`,
    '',
    `Baseline: **${markdownText(options.baseline)}**. Amounts are exact to the penny; each table adds up to its budget.`,
    '',
    ...localitiesLines(results).flatMap((line) => [markdownText(line), '']),
  ];
  for (const result of results) {
    const { plan } = result;
    parts.push(`## ${markdownText(plan.name)}${plan.name === options.baseline ? ' (baseline)' : ''}`, '');
    if (plan.description) parts.push(markdownLines(plan.description.split(/\r?\n/)), '');
    const damped = scenarioDamping(result);
    if (plan.pooled) {
      parts.push(
        markdownLines([pooledCaption(result), `Data: ${plan.dataWords}.`, ...(damped === undefined ? [] : [damped])]),
        '',
        toMarkdown(scenarioTable(result)),
      );
      for (const pot of result.pots) {
        parts.push(`### ${markdownText(`${plan.name}: ${pot.plan.name}`)}`, '');
        if (pot.plan.description) parts.push(markdownLines(pot.plan.description.split(/\r?\n/)), '');
        parts.push(caption(pot.allocation, plan.area, pot.plan.dataWords), '', toMarkdown(anyLevelTable(pot.table)));
      }
    } else {
      const header = runHeader(describeRun((result.pots[0] as ScenarioResult['pots'][number]).allocation, plan.area, plan.dataWords));
      parts.push(markdownLines([...header, ...(damped === undefined ? [] : [damped])]), '', toMarkdown(scenarioTable(result)));
    }
    const moved = transitionOf(result);
    if (moved !== undefined) {
      parts.push(`### ${markdownText(`${plan.name}: path`)}`, '', toMarkdown(moved.summary));
      for (const [t, table] of moved.years.entries()) {
        parts.push(`### ${markdownText(`${plan.name}: year ${t + 1}`)}`, '', markdownLines([moved.notes[t] ?? '']), '', toMarkdown(table));
      }
      parts.push(markdownLines([moved.notes.at(-1) ?? '']), '');
    }
  }
  parts.push(
    `## Comparison with the baseline (${markdownText(options.baseline)})`,
    '',
    `Change is against the same ${levelWord(results)} in the baseline; rank 1 = the most £ per person, and a rank change of +1 is one place up.`,
    '',
  );
  parts.push(toMarkdown(comparisonTable(comparison, levelOf(results))));
  return parts.join('\n');
}

/**
 * The workbook: per scenario its table (a pooled one's sum first, then its pots), the comparison, and Notes.
 */
function workbook(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): Promise<Uint8Array> {
  const sheets: XlsxSheet[] = [];
  const settings: XlsxSettings[] = [];
  for (const result of results) {
    const { plan } = result;
    const title = `${plan.name}${plan.name === options.baseline ? ' (baseline)' : ''}${plan.description ? `: ${plan.description}` : ''}`;
    const scenarioLines = [`Input data: ${plan.data ?? 'the shipped data pack'}; formula: ${plan.formulaRef ?? 'the default'}.`];
    const damped = scenarioDamping(result);
    const dampedLines = damped === undefined ? [] : [damped];
    if (plan.pooled) {
      const lines = [pooledCaption(result), `Data: ${plan.dataWords}.`, ...dampedLines];
      sheets.push({ name: plan.name, table: scenarioTable(result), caption: [title, ...lines] });
      settings.push({ heading: title, lines: [...scenarioLines, ...lines] });
      for (const pot of result.pots) {
        const potTitle = `${plan.name}: ${pot.plan.name}${pot.plan.description ? `: ${pot.plan.description}` : ''}`;
        const header = runHeader(describeRun(pot.allocation, plan.area, pot.plan.dataWords));
        const own =
          pot.plan.data === undefined && pot.plan.formulaRef === undefined
            ? []
            : [`Pot data: ${pot.plan.data ?? "its scenario's"}; formula: ${pot.plan.formulaRef ?? "its scenario's"}.`];
        sheets.push({ name: `${plan.name} ${pot.plan.name}`, table: anyLevelTable(pot.table), caption: [potTitle, ...header] });
        settings.push({ heading: potTitle, lines: [...own, ...header, `Population base: ${pot.plan.population}.`], domains: formulaDomains(pot.plan.formula) });
      }
    } else {
      const pot = result.pots[0] as ScenarioResult['pots'][number];
      const header = [...runHeader(describeRun(pot.allocation, plan.area, plan.dataWords)), ...dampedLines];
      sheets.push({ name: plan.name, table: scenarioTable(result), caption: [title, ...header] });
      settings.push({
        heading: title,
        lines: [...scenarioLines, ...header, `Population base: ${pot.plan.population}.`],
        domains: formulaDomains(pot.plan.formula),
      });
    }
    const moved = transitionOf(result);
    if (moved !== undefined) {
      sheets.push({
        name: `${plan.name} path`,
        table: moved.summary,
        caption: [`${plan.name}: path`, transitionLine(moved.path, moved.settings), ...moved.notes],
      });
      for (const [t, table] of moved.years.entries()) {
        sheets.push({ name: `${plan.name} year ${t + 1}`, table, caption: [`${plan.name}: year ${t + 1}`, moved.notes[t] ?? ''] });
      }
    }
  }
  sheets.push({
    name: 'Comparison',
    table: comparisonTable(comparison, levelOf(results)),
    caption: [
      `Comparison with the baseline (${options.baseline}). Change is against the same ${levelWord(results)} in the baseline; rank 1 = the most £ per person, and a rank change of +1 is one place up.`,
    ],
  });
  const sources = [...new Set(results.map((r) => r.plan.dataWords))];
  return toXlsx(sheets, {
    title: options.title,
    lines: [`Baseline: ${options.baseline}. Amounts are exact to the penny; each table adds up to its budget.`, ...localitiesLines(results)],
    settings,
    sources,
    ...(options.licence === undefined ? {} : { licence: options.licence }),
    provenance: options.inputs,
    tool: options.tool,
  });
}

function caption(allocation: ScenarioResult['pots'][number]['allocation'], area: Area, source: string): string {
  return markdownLines(runHeader(describeRun(allocation, area, source)));
}

function pooledCaption(result: ScenarioResult): string {
  const { plan } = result;
  const people = peopleLabel(populationField(plan.population));
  const pots = result.pots.map((p) => `${p.plan.name} ${poundsText(p.plan.budget)}`).join(', ');
  const per = people === 'people' ? 'all residents' : people;
  return `${plan.area.name}: budget ${poundsText(plan.budget)} in ${result.pots.length} pots (${pots}); £ per person counts ${per}.`;
}

function json(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): string {
  const rowsOf = (table: Table): unknown => JSON.parse(toJson(table, {})) as unknown;
  const doc = {
    baseline: options.baseline,
    scenarios: results.map((result) => ({
      name: result.plan.name,
      budget: result.plan.budget.toFixed(2),
      districts: rowsOf(scenarioTable(result)),
      ...(result.damping === undefined || result.plan.damping === undefined
        ? {}
        : dampingMeta(result.damping, result.plan.damping.previous, { level: result.plan.level === 'former-district' ? 'former-district' : 'district' })),
      ...transitionDoc(result),
      pots: result.plan.pooled
        ? result.pots.map((pot) => ({
            ...runMeta(pot.allocation, result.plan.area, pot.plan.dataWords, pot.plan.data === undefined ? result.plan.vintage : undefined),
            name: pot.plan.name,
            districts: rowsOf(anyLevelTable(pot.table)),
          }))
        : undefined,
      ...(result.plan.pooled
        ? {}
        : runMeta((result.pots[0] as ScenarioResult['pots'][number]).allocation, result.plan.area, result.plan.dataWords, result.plan.vintage)),
    })),
    comparison: (rowsOf(comparisonTable(comparison, levelOf(results))) as { rows: unknown }).rows,
    ...(levelOf(results) === 'district' ? {} : { level: levelOf(results) }),
  };
  return jsonText(doc);
}

/** A transition scenario's path as the documents show it: its tables, its lines and what was asked. */
interface TransitionView {
  readonly path: TransitionTables['path'];
  readonly tables: TransitionTables['tables'];
  readonly level: TransitionLevel;
  readonly settings: TransitionSettings;
  /** The path table, and each year's table. */
  readonly summary: Table;
  readonly years: readonly Table[];
  /** One line a year on who was protected and who paid, then whether the final year reaches the target. */
  readonly notes: readonly string[];
}

/** A scenario's transition as the documents show it; undefined for a scenario without `transition:`. */
function transitionOf(result: ScenarioResult): TransitionView | undefined {
  const { plan, transition } = result;
  if (transition === undefined || plan.transition === undefined || plan.damping === undefined) return undefined;
  const level: TransitionLevel = plan.level === 'former-district' ? 'former-district' : 'district';
  const { floor, ceiling, previous } = plan.damping;
  const settings: TransitionSettings = {
    previous,
    pace: plan.transition.pace,
    ...(floor === undefined ? {} : { floor }),
    ...(ceiling === undefined ? {} : { ceiling }),
  };
  const { path, tables } = transition;
  return {
    path,
    tables,
    level,
    settings,
    summary: transitionSummary(path, level),
    years: path.years.map((y, t) => transitionYearTable(path, y.year, tables[t] as Tabulation, level)),
    notes: transitionNotes(path, level, previous),
  };
}

/** A transition scenario's part of the JSON document: `transition: {…}` (see transitionJson). */
function transitionDoc(result: ScenarioResult): { transition?: Record<string, unknown> } {
  const moved = transitionOf(result);
  return moved === undefined ? {} : { transition: transitionJson(moved.path, moved.tables, moved.level, moved.settings) };
}

/**
 * For a run by locality, one line saying where the localities come from and how their amounts are made;
 * none otherwise.
 */
function localitiesLines(results: readonly ScenarioResult[]): string[] {
  const lookup = results[0]?.plan.localities;
  if (lookup === undefined) return [];
  return [
    `Tables by locality, from ${lookup.file}: each LSOA's pennies go to its localities by their shares (the people too), ` +
      "as in the ward and division tables, so every table adds up exactly to its budget. % of total, £ per person and the need index are each locality's own.",
  ];
}

/** The level of a run's tables: one per file, so the first scenario's. */
function levelOf(results: readonly ScenarioResult[]): ScenarioLevel {
  return results[0]?.plan.level ?? 'district';
}

/** The level in words, singular: `district`, `former district`. */
function levelWord(results: readonly ScenarioResult[]): string {
  return levelOf(results).replace(/-/g, ' ');
}
