import type { Area } from '../data/area.js';
import type { ComparisonRow } from '../scenario/compare.js';
import type { ScenarioResult } from '../scenario/runScenarios.js';
import { groupThousands } from './display.js';
import { describeRun, peopleLabel, runHeader, runMeta } from './describeRun.js';
import { comparisonTable, districtTable, lsoaTable, type Table } from './table.js';
import { toCsv } from './toCsv.js';
import { toJson } from './toJson.js';
import { toMarkdown } from './toMarkdown.js';
import { populationField } from '../data/populationBase.js';

export interface ScenarioFilesOptions {
  readonly format: 'csv' | 'md' | 'json';
  /** Also write each scenario's (or pot's) LSOA table, always as CSV. */
  readonly lsoa: boolean;
  readonly baseline: string;
  /** A title for the Markdown document. */
  readonly title: string;
}

/**
 * The files a scenario run writes, name → content, in a fixed order:
 * - csv: `<scenario>.csv` (a scenario with pots: `<scenario>.<pot>.csv` for each pot, and
 *   `<scenario>.csv` for their sum), and `comparison.csv`;
 * - md: one `scenarios.md` with every table and the comparison, for a committee paper;
 * - json: one `scenarios.json`;
 * and with `lsoa`, `<scenario>[.<pot>].lsoa.csv` for every pot.
 */
export function scenarioFiles(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): Map<string, string> {
  const files = new Map<string, string>();
  const stem = (result: ScenarioResult, pot: string): string => (result.plan.pooled ? `${result.plan.name}.${pot}` : result.plan.name);
  if (options.format === 'csv') {
    for (const result of results) {
      if (result.plan.pooled) for (const pot of result.pots) files.set(`${stem(result, pot.plan.name)}.csv`, toCsv(districtTable(pot.table)));
      files.set(`${result.plan.name}.csv`, toCsv(districtTable(result.table)));
    }
    files.set('comparison.csv', toCsv(comparisonTable(comparison)));
  } else if (options.format === 'md') {
    files.set('scenarios.md', markdown(results, comparison, options));
  } else {
    files.set('scenarios.json', json(results, comparison, options));
  }
  if (options.lsoa) {
    for (const result of results) for (const pot of result.pots) files.set(`${stem(result, pot.plan.name)}.lsoa.csv`, toCsv(lsoaTable(pot.allocation)));
  }
  return files;
}

function markdown(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): string {
  const parts: string[] = [`# ${options.title}`, '', `Baseline: **${options.baseline}**. Amounts are exact to the penny; each table adds up to its budget.`, ''];
  for (const result of results) {
    const { plan } = result;
    parts.push(`## ${plan.name}${plan.name === options.baseline ? ' (baseline)' : ''}`, '');
    if (plan.description) parts.push(plan.description, '');
    if (plan.pooled) {
      parts.push(`${pooledCaption(result)}  `, `Data: ${plan.source}.`, '', toMarkdown(districtTable(result.table)));
      for (const pot of result.pots) {
        parts.push(`### ${plan.name}: ${pot.plan.name}`, '');
        if (pot.plan.description) parts.push(pot.plan.description, '');
        parts.push(caption(pot.allocation, plan.area, plan.source), '', toMarkdown(districtTable(pot.table)));
      }
    } else {
      parts.push(caption((result.pots[0] as ScenarioResult['pots'][number]).allocation, plan.area, plan.source), '', toMarkdown(districtTable(result.table)));
    }
  }
  parts.push(`## Comparison with the baseline (${options.baseline})`, '', 'Change is against the same district in the baseline; rank 1 = the most £ per person.', '');
  parts.push(toMarkdown(comparisonTable(comparison)));
  return parts.join('\n');
}

function caption(allocation: ScenarioResult['pots'][number]['allocation'], area: Area, source: string): string {
  return runHeader(describeRun(allocation, area, source)).join('  \n');
}

function pooledCaption(result: ScenarioResult): string {
  const { plan } = result;
  const people = peopleLabel(populationField(plan.population));
  const pots = result.pots.map((p) => `${p.plan.name} £${groupThousands(p.plan.budget.toFixed(2))}`).join(', ');
  const per = people === 'people' ? 'all residents' : people;
  return `${plan.area.name}: budget £${groupThousands(plan.budget.toFixed(2))} in ${result.pots.length} pots (${pots}); £ per person counts ${per}.`;
}

function json(results: readonly ScenarioResult[], comparison: readonly ComparisonRow[], options: ScenarioFilesOptions): string {
  const rowsOf = (table: Table): unknown => JSON.parse(toJson(table, {})) as unknown;
  const doc = {
    baseline: options.baseline,
    scenarios: results.map((result) => ({
      name: result.plan.name,
      budget: Number(result.plan.budget.toFixed(2)),
      districts: rowsOf(districtTable(result.table)),
      pots: result.plan.pooled
        ? result.pots.map((pot) => ({ ...runMeta(pot.allocation, result.plan.area, result.plan.source), name: pot.plan.name, districts: rowsOf(districtTable(pot.table)) }))
        : undefined,
      ...(result.plan.pooled ? {} : runMeta((result.pots[0] as ScenarioResult['pots'][number]).allocation, result.plan.area, result.plan.source)),
    })),
    comparison: (rowsOf(comparisonTable(comparison)) as { rows: unknown }).rows,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
