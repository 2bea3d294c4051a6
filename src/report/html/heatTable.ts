import type { Profile } from '../../engine/profile.js';
import { escapeHtml } from './escape.js';

/** Five shades from least to most need (ColorBrewer YlOrRd, 5 classes), with text that stays readable. */
const SHADES = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const TEXT = ['#1d1d1f', '#1d1d1f', '#1d1d1f', '#ffffff', '#ffffff'];

/**
 * The domain profile as an HTML heat table: one row per area, the mean need rank in each domain shaded
 * by its fifth of the 1..N range (the number is always shown, so it reads in black and white), and the
 * area's top three domains.
 */
export function heatTable(profile: Profile, level: string): string {
  const n = profile.ranked;
  const band = (mean: number): number => Math.min(4, Math.max(0, Math.floor((5 * (mean - 0.5)) / n)));
  const head = `<tr><th scope="col">${escapeHtml(capitalise(level))}</th>${profile.domains
    .map((d) => `<th scope="col" class="num">${escapeHtml(d.label)}</th>`)
    .join('')}<th scope="col">Top three domains</th></tr>`;
  const labels = new Map(profile.domains.map((d) => [d.id, d.label]));
  const rows = profile.rows
    .map((r) => {
      const cells = r.meanRanks
        .map((m) => {
          if (Number.isNaN(m)) return '<td class="num"></td>';
          const b = band(m);
          return `<td class="num heat" style="background:${SHADES[b]};color:${TEXT[b]}">${m.toFixed(0)}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(r.name)}</th>${cells}<td class="top">${r.top.map((id) => escapeHtml(labels.get(id) ?? id)).join('<br>')}</td></tr>`;
    })
    .join('\n');
  return `<table class="heat"><thead>${head}</thead><tbody>\n${rows}\n</tbody></table>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
