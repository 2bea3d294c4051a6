/**
 * A horizontal bar chart as one self-contained `<svg>` element (no scripts, fonts, links or `<style>`),
 * for £ per person by district and for change against the baseline.
 */
import { escapeXml } from './escapeXml.js';
import { svgNumber } from './svgNumber.js';

/** One bar: its label, its value (sets the length) and the value as the reader sees it. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Written at the end of the bar, e.g. `£34.10`; the caller formats it (money stays exact up to here). */
  readonly display: string;
}

/** How barChart draws the chart. */
export interface BarChartOptions {
  /** Shown above the chart and used as its accessible name (`aria-label`). */
  readonly title: string;
  /** Width in CSS pixels (and user units); default 640, about the text width of an A4 page. */
  readonly width?: number;
  /**
   * A diverging chart around a zero line: gains to the right in blue, losses to the left in red. Used
   * automatically when any value is negative.
   */
  readonly signed?: boolean;
  /** Prefix for the `id` of the svg (`{prefix}chart`); no id without it. */
  readonly idPrefix?: string;
  /** The svg's `class` attribute; default `bar-chart`. */
  readonly class?: string;
}

/** Bar colours from ColorBrewer (Cynthia A. Brewer, https://colorbrewer2.org): Blues, and the two ends of RdBu. */
export const BAR_COLOURS = { plain: '#3182bd', gain: '#2166ac', loss: '#b2182b' } as const;

const TITLE_HEIGHT = 30;
const ROW = 24;
const BAR = 16;
const BOTTOM = 8;
// There is no font to measure, so text widths are estimated at 7 px a character (12 px system-ui, generous).
const CHAR = 7;
const GAP = 6;

/**
 * Draws one horizontal bar per entry, in the order given: the label on the left, the bar's length
 * proportional to its value (from a zero line, the same scale for every bar), and `display` at the
 * bar's end. With `signed`, negative values run left of the zero line in red and positive ones right in blue.
 * @example
 * barChart([{ label: 'Corby', value: 41.2, display: '£41.20' }], { title: '£ per person by district' });
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 640;
  const values = bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0));
  const signed = (options.signed ?? false) || values.some((v) => v < 0);
  const maxPositive = Math.max(0, ...values);
  const maxNegative = Math.max(0, ...values.map((v) => -v));

  const longestLabel = Math.max(0, ...bars.map((bar) => bar.label.length));
  const labelWidth = Math.min(longestLabel * CHAR + 2 * GAP, width * 0.4);
  const valueWidth = Math.max(0, ...bars.map((bar) => bar.display.length)) * CHAR + GAP;
  // Room for the value text on whichever side bars can end.
  const left = labelWidth + (maxNegative > 0 ? valueWidth : 0);
  const right = width - (maxPositive > 0 || !signed ? valueWidth : 0) - GAP;
  const span = Math.max(0, right - left);
  const total = maxPositive + maxNegative;
  const scale = total > 0 ? span / total : 0;
  const zero = left + maxNegative * scale;

  const top = TITLE_HEIGHT;
  const height = top + Math.max(1, bars.length) * ROW + BOTTOM;
  const maxLabelChars = Math.max(1, Math.floor((labelWidth - 2 * GAP) / CHAR));

  const parts: string[] = [`<text x="4" y="20" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`];
  if (bars.length === 0) {
    parts.push(`<text x="4" y="${top + 16}" font-size="12">No data</text>`);
  }
  bars.forEach((bar, i) => {
    const value = values[i] ?? 0;
    const y = top + i * ROW + (ROW - BAR) / 2;
    const length = Math.abs(value) * scale;
    const x = value < 0 ? zero - length : zero;
    const fill = !signed ? BAR_COLOURS.plain : value < 0 ? BAR_COLOURS.loss : BAR_COLOURS.gain;
    const textY = y + BAR / 2 + 4;
    const label = bar.label.length > maxLabelChars ? `${bar.label.slice(0, maxLabelChars - 1)}…` : bar.label;
    const valueText =
      value < 0
        ? `<text class="value" x="${svgNumber(x - 4)}" y="${svgNumber(textY)}" font-size="12" text-anchor="end">${escapeXml(bar.display)}</text>`
        : `<text class="value" x="${svgNumber(x + length + 4)}" y="${svgNumber(textY)}" font-size="12">${escapeXml(bar.display)}</text>`;
    parts.push(
      `<g class="row">` +
        `<text class="label" x="${svgNumber(labelWidth - GAP)}" y="${svgNumber(textY)}" font-size="12" text-anchor="end">${escapeXml(label)}</text>` +
        `<rect class="bar" x="${svgNumber(x)}" y="${svgNumber(y)}" width="${svgNumber(length)}" height="${BAR}" fill="${fill}">` +
        `<title>${escapeXml(`${bar.label}: ${bar.display}`)}</title></rect>` +
        valueText +
        `</g>`,
    );
  });
  // Drawn last so it shows over the bars' ends.
  parts.push(
    `<line class="zero" x1="${svgNumber(zero)}" y1="${top - 2}" x2="${svgNumber(zero)}" y2="${height - BOTTOM + 2}" stroke="#252525" stroke-width="1"/>`,
  );

  const id = options.idPrefix === undefined ? '' : ` id="${escapeXml(`${options.idPrefix}chart`)}"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${id} class="${escapeXml(options.class ?? 'bar-chart')}" ` +
    `viewBox="0 0 ${svgNumber(width)} ${svgNumber(height)}" width="${svgNumber(width)}" height="${svgNumber(height)}" ` +
    `role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif" style="max-width:100%;height:auto">` +
    parts.join('') +
    '</svg>'
  );
}
