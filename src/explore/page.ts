/**
 * The explorer page's script (bundled by scripts/bundle.mjs into dist/explore/page.js and
 * inlined in the page by src/report/explore/exploreHtml.ts). It reads the page's model and, on every
 * change of a control, runs the project's own engine on it: weigh, fairShare and tabulate, the table of
 * the CLI (levelTable, lsoaTable) for the CSV download, compareRows against the baseline. So the page's
 * pennies are `fairshare allocate`'s. Text from the data only ever reaches the page as `textContent`.
 */
import type { Decimal } from 'decimal.js';
import type { Dataset } from '../engine/dataset.js';
import { Exact, round2 } from '../engine/exact.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { pounds, penniesOf } from '../engine/money.js';
import { parseAmount } from '../engine/parseAmount.js';
import { tableRow, tabulate, type DistrictRow, type GroupLevel } from '../engine/tabulate.js';
import { weigh } from '../engine/weigh.js';
import { display, signedPercentText, signedPoundsText } from '../report/display.js';
import { groupThousands } from '../engine/wording.js';
import type { ExploreModel, ExploreSettings } from '../report/explore/exploreModel.js';
import { scenarioYaml } from '../report/explore/scenarioYaml.js';
import { DEFAULT_PALETTE, NO_DATA_FILL } from '../report/svg/choropleth.js';
import { classOf, quantileBreaks } from '../report/svg/quantileBreaks.js';
import { levelTable, lsoaTable, type Table } from '../report/table.js';
import { toCsv } from '../report/toCsv.js';
import { compareRows, type RowChange } from '../scenario/compare.js';

/** One run of the formula on the page: the rows shown, their total, and the CLI's table of them. */
interface PageRun {
  readonly allocation: Allocation;
  readonly rows: readonly DistrictRow[];
  readonly total: DistrictRow;
  readonly table: Table;
}

const model = JSON.parse(element('explore-data').textContent ?? '{}') as ExploreModel;
const dataset: Dataset = {
  kind: model.vintage === undefined ? 'csv' : 'pack',
  file: model.dataWords,
  units: model.units,
  fields: new Map(model.fields.map(([name, values]) => [name, Float64Array.from(values)])),
};
const domainIds = model.formula.domains.map((d) => d.id);
/** Each LSOA's row by its code, for the map. */
const unitIndex = new Map(dataset.units.map((u, i) => [u.code, i]));
const baselineRuns = new Map<string, PageRun>();
let current: ExploreSettings = fromHash(location.hash) ?? model.baseline;
let lastGood: PageRun | undefined;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found;
}

function inputs(selector: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(selector)];
}

/** Run the formula with `settings`; a string says why it cannot run (as the CLI would say it). */
function run(settings: ExploreSettings): PageRun | string {
  const budget = parseAmount(settings.budget);
  if (!budget.ok) return `${budget.error.message}. ${budget.error.hint ?? ''}`;
  const excluded = new Set(settings.exclude);
  const weights = new Map(settings.weights.filter(([id]) => !excluded.has(id)));
  const weighed = weigh(model.formula, { exclude: settings.exclude, weights });
  if (!weighed.ok) return `${weighed.error.message}. ${weighed.error.hint ?? ''}`;
  const shared = fairShare(dataset, weighed.value, budget.value, { populationField: model.populationField });
  if (!shared.ok) return `${shared.error.message}. ${shared.error.hint ?? ''}`;
  const allocation = shared.value;
  if (settings.level === 'lsoa') {
    const people = Array.from(allocation.populations).reduce((sum, p) => sum.plus(p), new Exact(0));
    // As in the CLI's LSOA table, an LSOA has no need index.
    const rows = dataset.units.map((u, i) => ({
      ...tableRow(u.code, u.name, 1, new Exact(allocation.populations[i] ?? 0), pounds(allocation.pennies[i] ?? 0n), allocation.budget, people),
      needIndex: '',
    }));
    return { allocation, rows, total: tableRow('', 'Total', rows.length, people, allocation.budget, allocation.budget, people), table: lsoaTable(allocation) };
  }
  const tabulation = settings.level === 'district' ? tabulate(allocation) : tabulate(allocation, { level: settings.level as GroupLevel });
  return { allocation, rows: tabulation.rows, total: tabulation.total, table: levelTable(tabulation) };
}

/** The baseline at a level (worked out once per level). */
function baselineAt(level: string): PageRun | undefined {
  let found = baselineRuns.get(level);
  if (found === undefined) {
    const done = run({ ...model.baseline, level });
    if (typeof done === 'string') return undefined;
    found = done;
    baselineRuns.set(level, found);
  }
  return found;
}

/** The settings as the controls show them. */
function readControls(): ExploreSettings {
  const included = new Set(
    inputs('input[data-include]')
      .filter((box) => box.checked)
      .map((box) => box.dataset['include'] ?? ''),
  );
  const boxes = new Map(inputs('input[data-weight-box]').map((box) => [box.dataset['weightBox'] ?? '', box.value.trim()]));
  return {
    budget: (element('budget') as HTMLInputElement).value,
    exclude: domainIds.filter((id) => !included.has(id)),
    weights: domainIds.map((id) => [id, boxes.get(id) ?? '1'] as const),
    level: (element('level') as HTMLSelectElement).value,
  };
}

/** Show `settings` in the controls. */
function writeControls(settings: ExploreSettings): void {
  (element('budget') as HTMLInputElement).value = settings.budget;
  (element('level') as HTMLSelectElement).value = settings.level;
  const excluded = new Set(settings.exclude);
  const weights = new Map(settings.weights);
  for (const box of inputs('input[data-include]')) box.checked = !excluded.has(box.dataset['include'] ?? '');
  for (const slider of inputs('input[data-domain]')) slider.value = weights.get(slider.dataset['domain'] ?? '') ?? '1';
  for (const box of inputs('input[data-weight-box]')) box.value = weights.get(box.dataset['weightBox'] ?? '') ?? '1';
  syncDisabled();
}

/** A left-out domain's weight controls are disabled (its weight is kept for when it is ticked again). */
function syncDisabled(): void {
  const included = new Set(
    inputs('input[data-include]')
      .filter((box) => box.checked)
      .map((box) => box.dataset['include'] ?? ''),
  );
  for (const slider of inputs('input[data-domain]')) slider.disabled = !included.has(slider.dataset['domain'] ?? '');
  for (const box of inputs('input[data-weight-box]')) box.disabled = !included.has(box.dataset['weightBox'] ?? '');
}

/** Work the page out again for the controls' settings. */
function update(): void {
  current = readControls();
  writeHash(current);
  const status = element('status');
  const done = run(current);
  if (typeof done === 'string') {
    status.textContent = done;
    status.className = 'error';
    element('allocation').setAttribute('aria-busy', 'true');
    return;
  }
  status.textContent = '';
  status.className = '';
  element('allocation').removeAttribute('aria-busy');
  lastGood = done;
  const base = baselineAt(current.level);
  renderTable(done, base === undefined ? done.rows.map(() => undefined) : compareRows(base.rows, done.rows));
  element('total').textContent = display(done.total.allocation.toFixed(2), 'money');
  renderMap(done.allocation);
}

const COLUMNS = [
  { field: 'code', title: 'Code', text: true },
  { field: 'name', title: 'Name', text: true },
  { field: 'lsoas', title: 'LSOAs' },
  { field: 'population', title: 'Population' },
  { field: 'allocation', title: 'Allocation' },
  { field: 'share', title: '% of total' },
  { field: 'per-person', title: '£ per person' },
  { field: 'need-index', title: 'Need index' },
  { field: 'change', title: 'Change £' },
  { field: 'change-pct', title: 'Change %' },
  { field: 'rank-change', title: 'Rank change' },
] as const;

function cellTexts(row: DistrictRow, change: RowChange | undefined): Record<(typeof COLUMNS)[number]['field'], string> {
  // The change is a difference of whole pennies, so exact in pennies.
  const pennies = change?.change === undefined ? undefined : penniesOf(change.change);
  return {
    code: row.code,
    name: row.name,
    lsoas: groupThousands(String(row.lsoas)),
    population: display(row.population.toString(), 'int'),
    allocation: display(row.allocation.toFixed(2), 'money'),
    share: display(row.sharePct, 'pct'),
    'per-person': display(row.perPerson, 'money'),
    'need-index': row.needIndex,
    change: pennies === undefined ? '' : signedPoundsText(pennies),
    'change-pct': change === undefined || change.changePct === '' ? '' : signedPercentText(change.changePct),
    'rank-change': change?.rankChange === undefined ? '' : display(String(change.rankChange), 'delta'),
  };
}

function renderTable(done: PageRun, changes: readonly (RowChange | undefined)[]): void {
  const table = element('allocation');
  const level = model.levels.find((l) => l.id === current.level)?.label ?? current.level;
  const caption = table.querySelector('caption');
  if (caption) caption.textContent = `Allocation by ${level.toLowerCase()}, against the baseline`;
  const head = document.createElement('tr');
  for (const column of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.title;
    if ('text' in column) th.className = 'text';
    head.append(th);
  }
  table.querySelector('thead')?.replaceChildren(head);
  const body = done.rows.map((row, i) => {
    const tr = document.createElement('tr');
    tr.dataset['code'] = row.code;
    const texts = cellTexts(row, changes[i]);
    for (const column of COLUMNS) {
      const td = document.createElement(column.field === 'name' ? 'th' : 'td');
      if (column.field === 'name') (td as HTMLTableCellElement).scope = 'row';
      td.dataset['field'] = column.field;
      td.textContent = texts[column.field];
      const moved = column.field === 'change' || column.field === 'change-pct' || column.field === 'rank-change';
      td.className = [
        'text' in column ? 'text' : '',
        moved && texts[column.field].startsWith('+') ? 'up' : moved && texts[column.field].startsWith('-') ? 'down' : '',
      ]
        .filter(Boolean)
        .join(' ');
      tr.append(td);
    }
    return tr;
  });
  table.querySelector('tbody')?.replaceChildren(...body);
  const foot = document.createElement('tr');
  const totals = cellTexts(done.total, undefined);
  for (const column of COLUMNS) {
    const td = document.createElement('td');
    td.dataset['field'] = column.field;
    td.className = 'text' in column ? 'text' : '';
    const ratio = column.field === 'share' || column.field === 'per-person' || column.field === 'need-index';
    td.textContent = ratio && current.level === 'ward' ? '' : totals[column.field];
    if (column.field === 'code') td.textContent = '';
    foot.append(td);
  }
  table.querySelector('tfoot')?.replaceChildren(foot);
}

/** Each LSOA's £ per person (as a number, for the colour class), or undefined where no one lives. */
function perPerson(allocation: Allocation): (number | undefined)[] {
  return allocation.amounts.map((amount, i) => {
    const people = allocation.populations[i] ?? 0;
    return people > 0 ? Number(round2((amount as Decimal).dividedBy(people))) : undefined;
  });
}

function renderMap(allocation: Allocation): void {
  const paths = [...document.querySelectorAll<SVGPathElement>('path.lsoa[data-code]')];
  if (paths.length === 0) return;
  const values = perPerson(allocation);
  const finite = values.filter((v): v is number => v !== undefined);
  const breaks = quantileBreaks(finite, DEFAULT_PALETTE.length);
  const counts = DEFAULT_PALETTE.map(() => ({ count: 0, min: Infinity, max: -Infinity }));
  for (const path of paths) {
    const i = unitIndex.get(path.dataset['code'] ?? '');
    const value = i === undefined ? undefined : values[i];
    if (value === undefined) {
      path.setAttribute('fill', NO_DATA_FILL);
      continue;
    }
    const k = classOf(value, breaks);
    path.setAttribute('fill', DEFAULT_PALETTE[k] ?? NO_DATA_FILL);
    const summary = counts[k];
    if (summary) {
      summary.count++;
      summary.min = Math.min(summary.min, value);
      summary.max = Math.max(summary.max, value);
    }
    const title = path.querySelector('title');
    if (title && i !== undefined) title.textContent = lsoaText(allocation, i);
  }
  const legend = element('legend');
  legend.replaceChildren(
    ...counts.map((c, k) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      // Through the CSSOM: the page's Content-Security-Policy allows no inline style attributes.
      swatch.style.background = DEFAULT_PALETTE[k] ?? NO_DATA_FILL;
      const label = c.count === 0 ? 'none' : `${display(c.min.toFixed(2), 'money')} to ${display(c.max.toFixed(2), 'money')} (${c.count} LSOAs)`;
      li.append(swatch, document.createTextNode(label));
      return li;
    }),
  );
}

/** What the page says of one LSOA: its name, code, district, money and need ranks. */
function lsoaText(allocation: Allocation, i: number): string {
  const unit = dataset.units[i];
  if (unit === undefined) return '';
  const people = allocation.populations[i] ?? 0;
  const amount = allocation.amounts[i] as Decimal;
  const money = display(pounds(allocation.pennies[i] ?? 0n).toFixed(2), 'money');
  const each = people > 0 ? `${display(round2(amount.dividedBy(people)), 'money')} per person` : 'no one lives here';
  const n = groupThousands(String(dataset.units.length));
  const ranks = allocation.domains
    .map((d) => `${d.domain.label} ${groupThousands(String(d.ranks[i] ?? ''))} of ${n}${d.domain.weightValue.isZero() ? ' (left out)' : ''}`)
    .join('; ');
  return `${unit.name} (${unit.code}), ${unit.districtName}: ${money}, ${each}. Need ranks (1 = least need): ${ranks}.`;
}

function showLsoa(path: SVGPathElement): void {
  if (lastGood === undefined) return;
  const i = unitIndex.get(path.dataset['code'] ?? '');
  if (i === undefined) return;
  for (const other of document.querySelectorAll('path.lsoa.selected')) other.classList.remove('selected');
  path.classList.add('selected');
  element('lsoa-info').textContent = lsoaText(lastGood.allocation, i);
}

/** The settings in the address's `#` part: `budget=…&level=…&exclude=a,b&w.<id>=2`. */
function writeHash(settings: ExploreSettings): void {
  const params = new URLSearchParams();
  params.set('budget', settings.budget);
  params.set('level', settings.level);
  if (settings.exclude.length > 0) params.set('exclude', settings.exclude.join(','));
  for (const [id, weight] of settings.weights) params.set(`w.${id}`, weight);
  const hash = `#${params.toString()}`;
  if (location.hash === hash) return;
  try {
    history.replaceState(null, '', hash);
  } catch {
    location.replace(hash);
  }
}

/** The settings of a `#` part, when it has any; unknown domains and levels in it are ignored. */
function fromHash(hash: string): ExploreSettings | undefined {
  if (hash.length < 2) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  const known = new Set(domainIds);
  const level = params.get('level');
  const weights = new Map(model.baseline.weights);
  for (const [key, value] of params) if (key.startsWith('w.') && known.has(key.slice(2))) weights.set(key.slice(2), value);
  return {
    budget: params.get('budget') ?? model.baseline.budget,
    level: level !== null && model.levels.some((l) => l.id === level) ? level : model.baseline.level,
    exclude: params.has('exclude') ? (params.get('exclude') ?? '').split(',').filter((id) => known.has(id)) : model.baseline.exclude,
    weights: domainIds.map((id) => [id, weights.get(id) ?? '1'] as const),
  };
}

/** Offer `text` as a download named `name`. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStem(): string {
  return `fairshare-${
    model.area.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'area'
  }`;
}

function wire(): void {
  for (const slider of inputs('input[data-domain]')) {
    slider.addEventListener('input', () => {
      const box = document.querySelector<HTMLInputElement>(`input[data-weight-box="${CSS.escape(slider.dataset['domain'] ?? '')}"]`);
      if (box) box.value = slider.value;
      update();
    });
  }
  for (const box of inputs('input[data-weight-box]')) {
    box.addEventListener('input', () => {
      const slider = document.querySelector<HTMLInputElement>(`input[data-domain="${CSS.escape(box.dataset['weightBox'] ?? '')}"]`);
      if (slider && box.value.trim() !== '') slider.value = box.value;
      update();
    });
  }
  for (const box of inputs('input[data-include]')) {
    box.addEventListener('change', () => {
      syncDisabled();
      update();
    });
  }
  element('budget').addEventListener('input', update);
  element('level').addEventListener('change', update);
  element('reset').addEventListener('click', () => {
    writeControls(model.baseline);
    update();
  });
  element('export-csv').addEventListener('click', () => {
    if (lastGood) download(`${fileStem()}-${current.level}.csv`, toCsv(lastGood.table), 'text/csv;charset=utf-8');
  });
  element('export-yaml').addEventListener('click', () => {
    download(`${fileStem()}-scenarios.yaml`, scenarioYaml(model, model.baseline, current), 'application/yaml;charset=utf-8');
  });
  for (const path of document.querySelectorAll<SVGPathElement>('path.lsoa[data-code]')) {
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'button');
    path.setAttribute('aria-label', dataset.units[unitIndex.get(path.dataset['code'] ?? '') ?? -1]?.name ?? path.dataset['code'] ?? '');
    path.addEventListener('mouseenter', () => showLsoa(path));
    path.addEventListener('focus', () => showLsoa(path));
  }
}

writeControls(current);
wire();
update();
