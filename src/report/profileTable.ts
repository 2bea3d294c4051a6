import type { ChalkInstance } from 'chalk';
import type { Profile } from '../engine/profile.js';
import type { Table } from './table.js';
import { toTerminal } from './toTerminal.js';

/**
 * The profile as a table for CSV, JSON and Markdown: per area, then per domain the population-weighted
 * mean need rank (`<id>_mean_rank`) and the % of people in the most-in-need fifth (`<id>_top_fifth_pct`),
 * each to 1 decimal place, then the top three domains.
 */
export function profileTable(profile: Profile, level: string): Table {
  const ids = profile.domains.map((d) => d.id);
  return {
    columns: [
      { key: 'area_code', title: 'Code', kind: 'text' },
      { key: 'area_name', title: capitalise(level), kind: 'text' },
      { key: 'lsoas', title: 'LSOAs', kind: 'int' },
      { key: 'population', title: 'Population', kind: 'int' },
      ...ids.map((id) => ({ key: `${id}_mean_rank`, title: `${id} rank`, kind: 'number' as const })),
      ...ids.map((id) => ({ key: `${id}_top_fifth_pct`, title: `${id} top 5th`, kind: 'pct' as const })),
      { key: 'top_1', title: 'Top 1', kind: 'text' },
      { key: 'top_2', title: 'Top 2', kind: 'text' },
      { key: 'top_3', title: 'Top 3', kind: 'text' },
    ],
    rows: profile.rows.map((r) => [
      r.code,
      r.name,
      String(r.lsoas),
      r.population.toFixed(0),
      ...r.meanRanks.map(fixed1),
      ...r.topFifthPct.map(fixed1),
      r.top[0] ?? '',
      r.top[1] ?? '',
      r.top[2] ?? '',
    ]),
  };
}

const SHADES = [' ', '░', '▒', '▓', '█'];

/**
 * The profile as a heat table for a terminal: one row per area, one column per domain with the mean
 * need rank and a shade for its fifth of the range (blank = least need … █ = most need), so it reads
 * without colour too; with colour, the higher fifths are yellow and red. Then the top three domains.
 */
export function profileHeat(profile: Profile, level: string, chalk: ChalkInstance): string {
  const n = profile.ranked;
  const band = (mean: number): number => (Number.isNaN(mean) ? 0 : Math.min(4, Math.floor((5 * (mean - 0.5)) / n)));
  const table: Table = {
    columns: [
      { key: 'area', title: capitalise(level), kind: 'text' },
      ...profile.domains.map((d) => ({ key: d.id, title: d.id, kind: 'number' as const })),
      { key: 'top', title: 'Top three domains', kind: 'text' },
    ],
    rows: profile.rows.map((r) => [r.name, ...r.meanRanks.map((m) => `${Number.isNaN(m) ? '' : m.toFixed(0)} ${SHADES[band(m)]}`), r.top.join(', ')]),
  };
  const paint = [chalk.dim, (s: string) => s, (s: string) => s, chalk.yellow, chalk.red];
  const text = toTerminal(table, { chalk })
    .split('\n')
    .map((line) => {
      let out = line;
      for (const [i, shade] of SHADES.entries()) if (i >= 3) out = out.replaceAll(shade, (paint[i] as (s: string) => string)(shade));
      return out;
    })
    .join('\n');
  const legend = `Mean need rank of each ${level}'s people (1 = least need, ${n} = most need in the area ranked). Shade by fifth of that range: "${SHADES.slice(1).join('", "')}" = 2nd to 5th fifth, blank = least need.`;
  return `${chalk.dim(legend)}\n\n${text}`;
}

function fixed1(value: number): string {
  return Number.isNaN(value) ? '' : value.toFixed(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
