import type { Table } from '../table.js';
import { escapeHtml } from './escape.js';
import { htmlTable } from './htmlTable.js';
import { REPORT_CSS } from './style.js';
import type { InputFile } from '../../data/inputFile.js';

/** A figure for the report: an inline SVG with a caption. */
export interface ReportFigure {
  readonly svg: string;
  readonly caption: string;
}

/** Everything the committee report shows, already worked out; `reportHtml` only lays it out. */
export interface ReportContent {
  readonly tool: { readonly name: string; readonly version: string };
  readonly title: string;
  /** One sentence under the title. */
  readonly lede: string;
  /** Label → value pairs for the headline box (area, budget, formula, excluded domains, data). */
  readonly facts: readonly (readonly [string, string])[];
  readonly districts: Table;
  /** A sentence under the district table about its amounts (e.g. that they are before damping). */
  readonly districtsNote?: string;
  /** The one damping line, shown above the table it damped: the district or the former-district table. */
  readonly damping?: { readonly level: 'district' | 'former-district'; readonly line: string };
  readonly divisions?: { readonly table: Table; readonly note: string };
  /** The former districts, when the area's councils were reorganised since 2019. */
  readonly formerDistricts?: { readonly table: Table; readonly note: string };
  /**
   * The ward table with its note, and the ward map or one sentence why there is none (`mapNote`); only a
   * note when the area has too many wards for a table.
   */
  readonly wards?: { readonly table?: Table; readonly note: string; readonly map?: ReportFigure; readonly mapNote?: string };
  readonly perPerson: ReportFigure;
  /** The two main maps and one small map per domain, or why there are none. */
  readonly maps:
    { readonly main: readonly ReportFigure[]; readonly domains: readonly ReportFigure[]; readonly note?: string } | { readonly unavailable: string };
  /** The domain profile heat table (HTML), with its level. */
  readonly profile?: { readonly html: string; readonly note: string };
  /** The counted domains' nominal and effective weights, with the sentences on how to read them. */
  readonly weights?: { readonly table: Table; readonly notes: readonly string[] };
  readonly scenarios?: {
    readonly baseline: string;
    readonly tables: readonly { readonly name: string; readonly description?: string; readonly table: Table }[];
    readonly comparison: Table;
    readonly changes: readonly ReportFigure[];
  };
  /** Paragraphs of method (HTML-escaped here). */
  readonly method: readonly string[];
  readonly sources: readonly string[];
  readonly provenance: readonly InputFile[];
}

/**
 * The committee report as one self-contained HTML page: inline CSS and SVG only, no scripts, no fonts,
 * no network requests (a Content-Security-Policy forbids them), a print stylesheet for A4 with page
 * breaks between sections, and no timestamps, so the same inputs give the same bytes.
 */
export function reportHtml(content: ReportContent): string {
  const e = escapeHtml;
  const sections: string[] = [];
  const section = (id: string, title: string, body: string): void => {
    sections.push(`<section id="${id}"${sections.length === 0 ? ' class="first"' : ''}>\n<h2>${e(title)}</h2>\n${body}\n</section>`);
  };
  const figure = (f: ReportFigure): string => `<figure>${f.svg}<figcaption>${e(f.caption)}</figcaption></figure>`;

  const facts = content.facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('');
  const dampingLine = (level: 'district' | 'former-district'): string =>
    content.damping?.level === level ? `<p class="note damping">${e(content.damping.line)}</p>` : '';
  section(
    'allocation',
    'Allocation by district',
    `${dampingLine('district')}${htmlTable(content.districts)}${content.districtsNote ? `<p class="note">${e(content.districtsNote)}</p>` : ''}<p class="note">Amounts are exact to the penny and add up to the budget; percentages and £ per person are rounded half-up to 2 places. The need index is a district's share of the money divided by its share of the people: 1.00 is the area's average, 1.32 is 1.32 times it.</p>`,
  );
  if (content.formerDistricts) {
    section(
      'former-districts',
      'Allocation by former district',
      `<p class="note">${e(content.formerDistricts.note)}</p>${dampingLine('former-district')}${htmlTable(content.formerDistricts.table)}`,
    );
  }
  if (content.divisions) {
    section('divisions', 'Allocation by county electoral division', `<p class="note">${e(content.divisions.note)}</p>${htmlTable(content.divisions.table)}`);
  }
  if (content.wards) {
    const w = content.wards;
    section(
      'wards',
      'Allocation by ward',
      `<p class="note">${e(w.note)}</p>${w.table ? htmlTable(w.table) : ''}${w.map ? figure(w.map) : ''}${w.mapNote ? `<p class="note">${e(w.mapNote)}</p>` : ''}`,
    );
  }
  section('per-person', '£ per person by district', figure(content.perPerson));
  if ('unavailable' in content.maps) {
    section('maps', 'Maps', `<p class="note">${e(content.maps.unavailable)}</p>`);
  } else {
    const note = content.maps.note ? `<p class="note">${e(content.maps.note)}</p>` : '';
    section('maps', 'Where the money goes', `${note}<div class="maps">${content.maps.main.map(figure).join('\n')}</div>`);
    section(
      'domains',
      'Need in each domain',
      `<p class="note">Each LSOA's need rank in each domain within the area (darker = more need), in quintiles.</p><div class="multiples">${content.maps.domains.map(figure).join('\n')}</div>`,
    );
  }
  if (content.profile) section('profile', 'Domain profile', `<p class="note">${e(content.profile.note)}</p>${content.profile.html}`);
  if (content.weights) {
    const w = content.weights;
    section('weights', 'Which domains drive the result', `${htmlTable(w.table)}${w.notes.map((line) => `<p class="note">${e(line)}</p>`).join('')}`);
  }
  if (content.scenarios) {
    const s = content.scenarios;
    const tables = s.tables
      .map((t) => `<h3>${e(t.name)}${t.name === s.baseline ? ' (baseline)' : ''}</h3>${t.description ? `<p>${e(t.description)}</p>` : ''}${htmlTable(t.table)}`)
      .join('\n');
    section(
      'scenarios',
      'Scenarios',
      `<p>Compared with the baseline, <strong>${e(s.baseline)}</strong>.</p>${s.changes.map(figure).join('\n')}<h3>Comparison with the baseline</h3>${htmlTable(s.comparison)}${tables}`,
    );
  }
  section('method', 'Method', content.method.map((p) => `<p>${e(p)}</p>`).join('\n'));
  section('sources', 'Data sources and licence', `<ul>${content.sources.map((s) => `<li>${e(s)}</li>`).join('')}</ul>`);
  const inputs = content.provenance.map((p) => `<tr><td>${e(p.role)}</td><td><code>${e(p.file)}</code></td><td class="hash">${e(p.sha256)}</td></tr>`).join('');
  section(
    'provenance',
    'Provenance',
    `<p>Made with ${e(content.tool.name)} ${e(content.tool.version)}. The same inputs give the same report, byte for byte.</p><table><thead><tr><th>Input</th><th>File</th><th>SHA-256</th></tr></thead><tbody>${inputs}</tbody></table>`,
  );

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(content.tool.name)} ${e(content.tool.version)}">
<title>${e(content.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${e(content.title)}</h1>
<p class="lede">${e(content.lede)}</p>
<dl class="facts">${facts}</dl>
</header>
${sections.join('\n')}
</body>
</html>
`;
}
