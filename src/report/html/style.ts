/** The report's stylesheet: plain system fonts, readable on screen, A4 pages in print. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a5f; --rule: #d0d0d5; --accent: #bd0026; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1040px; padding: 24px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.7em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .5em; border-bottom: 2px solid var(--ink); padding-bottom: .2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
p, li { max-width: 48em; }
.lede { font-size: 1.1em; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 1em 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: .3em; }
th, td { padding: .25em .6em; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; }
tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: none; }
.note { color: var(--muted); font-size: .9em; }
.maps { display: flex; flex-wrap: wrap; gap: 16px; }
.maps figure { flex: 1 1 440px; max-width: 500px; }
.maps figure, .multiples figure { margin: 0; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
figcaption { font-size: .9em; color: var(--muted); }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table.heat { font-size: .85em; }
table.heat th[scope="col"] { white-space: normal; max-width: 7.5em; vertical-align: bottom; }
table.heat td.heat { text-align: right; width: 4.5em; }
table.heat td.top { font-size: .9em; min-width: 12em; }
code { font-size: .92em; }
.hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8em; word-break: break-all; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; }
  section.first { break-before: auto; }
  table, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
