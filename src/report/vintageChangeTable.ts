import type { VintageChange, VintageChangeRow } from '../engine/compareVintages.js';
import { percentOf, poundsPlain } from '../engine/money.js';
import { signedPercentText, signedPoundsText } from './display.js';
import type { Column, Table } from './table.js';

/**
 * The two vintages compared, older first, as they name the columns (`allocation_2019`, `allocation_2025`).
 */
export interface VintagePair {
  readonly before: string;
  readonly after: string;
}

/**
 * The comparison of two vintages as a table: for CSV, JSON and workbooks every column
 * (`former_district_code,former_district_name,lsoas_2019,lsoas_2025,population_2019,population_2025,
 * allocation_2019,allocation_2025,change,change_pct,population_effect,boundaries_effect,data_effect,
 * sources_effect,changed_lsoas_2019,changed_lsoas_2025`; no `sources_effect` when the sources were not
 * split out); `summary` keeps the money only, for terminals and committee papers. `change_pct` is the
 * change ÷ the older allocation × 100, half-up to 2 places, empty when that was £0.
 *
 * @example vintageChangeTable(change, { before: '2019', after: '2025' }).columns[6].key // => 'allocation_2019'
 */
export function vintageChangeTable(change: VintageChange, years: VintagePair, options: { summary?: boolean } = {}): Table {
  const { before, after } = years;
  const columns: (Column & { cell: (r: VintageChangeRow) => string; full?: true })[] = [
    { key: 'former_district_code', title: 'Code', kind: 'text', cell: (r) => r.code },
    { key: 'former_district_name', title: 'Former district', kind: 'text', cell: (r) => r.name },
    { key: `lsoas_${before}`, title: `LSOAs ${before}`, kind: 'int', cell: (r) => String(r.lsoasBefore), full: true },
    { key: `lsoas_${after}`, title: `LSOAs ${after}`, kind: 'int', cell: (r) => String(r.lsoasAfter), full: true },
    { key: `population_${before}`, title: `Population ${before}`, kind: 'int', cell: (r) => String(r.peopleBefore), full: true },
    { key: `population_${after}`, title: `Population ${after}`, kind: 'int', cell: (r) => String(r.peopleAfter), full: true },
    { key: `allocation_${before}`, title: before, kind: 'money', cell: (r) => poundsPlain(r.before) },
    { key: `allocation_${after}`, title: after, kind: 'money', cell: (r) => poundsPlain(r.after) },
    { key: 'change', title: 'Change', kind: 'money', signed: true, cell: (r) => poundsPlain(r.change) },
    { key: 'change_pct', title: 'Change %', kind: 'pct', signed: true, cell: (r) => percentOf(r.change.toString(), r.before.toString()) },
    { key: 'population_effect', title: 'Population', kind: 'money', signed: true, cell: (r) => poundsPlain(r.population) },
    { key: 'boundaries_effect', title: 'Boundaries', kind: 'money', signed: true, cell: (r) => poundsPlain(r.boundaries) },
    { key: 'data_effect', title: 'Data', kind: 'money', signed: true, cell: (r) => poundsPlain(r.data) },
    ...(change.sources
      ? [{ key: 'sources_effect', title: 'Sources', kind: 'money', signed: true, cell: (r: VintageChangeRow) => poundsPlain(r.sources) } as const]
      : []),
    { key: `changed_lsoas_${before}`, title: `Changed LSOAs ${before}`, kind: 'int', cell: (r) => String(r.changedBefore), full: true },
    { key: `changed_lsoas_${after}`, title: `Changed LSOAs ${after}`, kind: 'int', cell: (r) => String(r.changedAfter), full: true },
  ];
  const shown = options.summary === true ? columns.filter((c) => c.full !== true) : columns;
  return {
    columns: shown.map(({ key, title, kind, signed }) => ({ key, title, kind, ...(signed ? { signed } : {}) })),
    rows: change.rows.map((r) => shown.map((c) => c.cell(r))),
    total: shown.map((c) => c.cell(change.total)),
  };
}

/**
 * What each column of the split means, and each row's change in one sentence, for the lines under a
 * terminal or Markdown table (a committee paper reads the sentences, not the columns).
 *
 * @example vintageChangeNotes(change, years)[1] // => 'South Northamptonshire: +£186,004.51 (+14.45%): population +£…, boundaries −£…, data +£…, sources −£….'
 */
export function vintageChangeNotes(change: VintageChange, years: VintagePair): string[] {
  const { before, after } = years;
  const parts = (r: VintageChangeRow): string =>
    [
      `population ${signedPoundsText(r.population)}`,
      `boundaries ${signedPoundsText(r.boundaries)}`,
      `data ${signedPoundsText(r.data)}`,
      ...(change.sources ? [`sources ${signedPoundsText(r.sources)}`] : []),
    ].join(', ');
  const legend = [
    `How to read the change from ${before} to ${after}: the parts add up exactly to the change.`,
    'Population: what the change in the share of the people alone moved, for each piece of ground (an LSOA, or a 2011 LSOA with the 2021 LSOAs ONS split it into), at its old need.',
    'Boundaries: the rest of the change on the LSOAs ONS split, merged or redesigned in 2021 (their new pieces are ranked apart), and all the money of LSOAs that moved in or out of the area.',
    change.sources
      ? `Data: the rest of the change on the LSOAs ONS left unchanged: their new need ranks (IoD2025 for IoD2019), and the penny rounding. Sources: what the formula's new sources alone change (Census 2021 disability and unpaid care in the adults domain), against the ${after} data with the ${before} sources.`
      : 'Data: the rest of the change on the LSOAs ONS left unchanged: their new need ranks (IoD2025 for IoD2019, and any change of sources), and the penny rounding.',
  ];
  const lines = change.rows.map(
    (r) =>
      `${r.name || r.code}: ${signedPoundsText(r.change)}${r.before === 0n ? '' : ` (${signedPercentText(percentOf(r.change.toString(), r.before.toString()))})`}: ${parts(r)}.`,
  );
  return [...legend, ...lines];
}
