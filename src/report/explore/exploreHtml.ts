/**
 * The explorer page: one self-contained HTML file with its controls, an empty results table that its
 * script fills, the area's LSOA map, the model as a JSON data block and the bundled script (the project's
 * own engine). A Content-Security-Policy allows only the page's own inline script and style, by hash, and
 * no network requests at all. Pure: the script's text and the map's SVG are given.
 */
import { sha256 } from '../../data/inputFile.js';
import { wholeText } from '../../engine/wording.js';
import { escapeHtml as e } from '../html/escape.js';
import type { ExploreModel } from './exploreModel.js';

/** The page's stylesheet: readable, WCAG AA colours, visible focus, and A4 print of the table and map. */
const STYLE = `
:root { color: #1a1a1a; background: #ffffff; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
p.about { margin: 0.25rem 0; color: #333333; }
.layout { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1.5rem; align-items: start; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
form#controls { border: 1px solid #767676; border-radius: 6px; padding: 0.75rem 1rem; }
fieldset { border: 0; border-top: 1px solid #d0d0d0; margin: 0; padding: 0.5rem 0; }
legend { font-weight: 600; padding: 0; }
.row { display: flex; align-items: center; gap: 0.5rem; margin: 0.25rem 0; flex-wrap: wrap; }
.row label { min-width: 4.5rem; }
input[type=range] { flex: 1 1 8rem; accent-color: #0b4f8a; }
input[type=number] { width: 5.5rem; }
input[type=text], input[type=number], select, button { font: inherit; padding: 0.2rem 0.4rem; border: 1px solid #595959; border-radius: 4px; background: #ffffff; color: #1a1a1a; }
button { background: #0b4f8a; color: #ffffff; border-color: #0b4f8a; cursor: pointer; margin: 0.25rem 0.5rem 0.25rem 0; }
button.secondary { background: #ffffff; color: #0b4f8a; }
:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
#status { min-height: 1.5em; margin: 0.5rem 0; }
#status.error { color: #a40000; font-weight: 600; }
table#allocation { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
#allocation th, #allocation td { border-bottom: 1px solid #d0d0d0; padding: 0.3rem 0.5rem; text-align: right; white-space: nowrap; }
#allocation thead th { border-bottom: 2px solid #1a1a1a; vertical-align: bottom; }
#allocation tbody th { font-weight: 600; }
#allocation th.text, #allocation td.text { text-align: left; white-space: normal; }
table#allocation[aria-busy=true] { opacity: 0.4; }
#allocation tfoot td { font-weight: 700; border-top: 2px solid #1a1a1a; border-bottom: 0; }
td.up { color: #1b5e20; }
td.down { color: #a40000; }
.total { font-size: 1.1rem; }
.map { margin-top: 1rem; }
.map svg { max-width: 100%; height: auto; }
.map path.lsoa { cursor: pointer; }
.map path.lsoa:focus-visible, .map path.lsoa.selected { outline: none; stroke: #000000; stroke-width: 2.5px; }
#legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.5rem 0; padding: 0; list-style: none; font-size: 0.9rem; }
#legend span.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #595959; vertical-align: -0.15rem; margin-right: 0.3rem; }
#lsoa-info { min-height: 3em; border-left: 4px solid #0b4f8a; padding: 0.25rem 0.75rem; margin: 0.5rem 0; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #333333; }
@media print {
  @page { size: A4; margin: 12mm; }
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .layout { display: block; }
  form#controls, .actions, #lsoa-info, noscript { display: none; }
  .map svg { max-height: 120mm; }
  table#allocation { page-break-inside: auto; }
  #allocation tr { page-break-inside: avoid; }
}
`;

/** The `'sha256-…'` source of an inline script or style, for the Content-Security-Policy. */
function hashSource(text: string): string {
  return `'sha256-${sha256(text, 'base64')}'`;
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped, so no text from the data can close
 * the block, and the line and paragraph separators too.
 */
function dataBlock(model: ExploreModel): string {
  return JSON.stringify(model)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The explorer page of `model`, with `script` (the bundled src/explore/page.ts) inline and `mapSvg` (the
 * area's LSOAs, drawn once; the script colours them) when there is a map.
 *
 * @example exploreHtml(model, script, svg).startsWith('<!DOCTYPE html>') // => true
 */
export function exploreHtml(model: ExploreModel, bundle: string, mapSvg: string | undefined): string {
  // `</script` inside the script's strings would end the element; `<\/` is the same string in JavaScript.
  const script = bundle.replace(/<\/(script)/gi, '<\\/$1');
  const csp = [
    "default-src 'none'",
    `script-src ${hashSource(script)}`,
    `style-src ${hashSource(STYLE)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const { area, formula } = model;
  const vintage = model.vintage === undefined ? 'your own data file' : `the ${model.vintage} vintage`;
  const domains = formula.domains
    .map(
      (d, i) => `<fieldset class="domain">
<legend id="domain-${i}-name">${e(d.label)}</legend>
<div class="row"><input type="checkbox" id="include-${i}" data-include="${e(d.id)}" checked><label for="include-${i}">Include</label></div>
<div class="row"><label for="weight-${i}">Weight</label><input type="range" id="weight-${i}" min="0" max="3" step="0.05" value="1" data-domain="${e(d.id)}" aria-describedby="domain-${i}-name"><input type="number" id="weight-box-${i}" min="0" step="0.05" value="1" data-weight-box="${e(d.id)}" aria-label="Weight of ${e(d.label)}"></div>
</fieldset>`,
    )
    .join('\n');
  const levels = model.levels.map((l) => `<option value="${e(l.id)}">${e(l.label)}</option>`).join('');
  const map =
    mapSvg === undefined
      ? `<p class="about">There is no map on this page: ${e(model.mapUnavailable ?? 'no boundaries')}. The table has every figure.</p>`
      : `<figure class="map" aria-labelledby="map-caption">
<figcaption id="map-caption"><strong>£ per person by LSOA</strong>, in fifths (quintiles) of the current settings; district borders in black. Point at an LSOA, or move to it with the Tab key, for its name, code, need ranks and money.</figcaption>
<ul id="legend" aria-label="Map legend"></ul>
${mapSvg}
<div id="lsoa-info" aria-live="polite">Point at an LSOA or focus it for its figures.</div>
</figure>`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Explore the formula: ${area.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Explore the formula: ${e(area.name)}</h1>
<p class="about">${e(`${wholeText(area.lsoas)} LSOAs of ${area.name}, on ${vintage}: ${model.dataWords}. Formula: ${formula.name} (${formula.id}).`)}</p>
<p class="about">Move a weight, leave out a domain or change the budget, and the table and map are worked out again by fairshare's own engine, in this page: the same pennies as <code>fairshare allocate</code> with the same settings. Nothing is sent anywhere; the page works offline.</p>
</header>
<noscript><p><strong>This page needs JavaScript to work out the table.</strong> Use <code>fairshare allocate</code> instead.</p></noscript>
<div class="layout">
<form id="controls" aria-label="Settings">
<div class="row"><label for="budget">Budget</label><input type="text" id="budget" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="budget-help"></div>
<p id="budget-help" class="about">As on the command line: 12.7m, £1.2bn, 500 thousand, 12700000.</p>
<div class="row"><label for="level">Table by</label><select id="level">${levels}</select></div>
${domains}
<div class="actions"><button type="button" id="reset" class="secondary">Reset to baseline</button></div>
</form>
<main>
<p id="status" role="status" aria-live="polite"></p>
<p class="total">Total: <strong id="total"></strong></p>
<table id="allocation"><caption id="table-caption"></caption><thead></thead><tbody></tbody><tfoot></tfoot></table>
<div class="actions"><button type="button" id="export-csv">Download table (CSV)</button><button type="button" id="export-yaml">Download scenario (YAML)</button></div>
${map}
</main>
</div>
<footer>
<p>Made by ${e(`${model.tool.name} ${model.tool.version}`)} with <code>fairshare explore</code>. Changes are against the baseline, the settings the page was made with. Amounts are exact to the penny; the address of this page holds the current settings, so a bookmark reopens them.${model.licence === undefined ? '' : ` ${e(model.licence)}.`}</p>
</footer>
<script type="application/json" id="explore-data">${dataBlock(model)}</script>
<script>${script}</script>
</body>
</html>
`;
}
