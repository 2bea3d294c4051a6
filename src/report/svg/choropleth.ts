/**
 * A choropleth map of LSOAs (or of wards, from a ward map) as one self-contained `<svg>` element: no
 * scripts, no fonts to fetch, no links, no `<style>` (inline SVG's CSS would leak into the host page), so
 * it can sit inside an HTML report that is read offline and printed.
 */
import { groupThousands } from '../../engine/wording.js';
import { escapeXml } from './escapeXml.js';
import { svgNumber } from './svgNumber.js';
import type { ProjectedMap } from './projectBoundaries.js';
import { classOf, quantileBreaks } from './quantileBreaks.js';

/** One LSOA's value and the tooltip shown when pointing at it. */
export interface MapArea {
  readonly code: string;
  /** `undefined` (or a value that is not a finite number) means no data: the LSOA is drawn grey. */
  readonly value: number | undefined;
  /** Plain text (escaped here), e.g. `Corby 005A: £34.10 per person`. */
  readonly tooltip: string;
}

/** How choropleth draws the map. */
export interface ChoroplethOptions {
  /** Shown above the map and used as its accessible name (`aria-label`). */
  readonly title: string;
  /**
   * Prefix for the `id`s of the svg, its title and its legend (`{prefix}map`, `{prefix}title`,
   * `{prefix}legend`); no ids without it.
   */
  readonly idPrefix?: string;
  /** Draw the legend under the map. */
  readonly legend: boolean;
  /** How the legend writes a value, e.g. `(v) => '£' + groupThousands(v.toFixed(2))`. */
  readonly formatValue: (value: number) => string;
  /**
   * One colour per class, lowest first; its length is the number of classes. Default DEFAULT_PALETTE
   * (quintiles).
   */
  readonly palette?: readonly string[];
  /**
   * Width of the element in CSS pixels; default the drawing's own width (or kept in proportion to `height`).
   */
  readonly width?: number;
  /** Height of the element in CSS pixels; default in proportion to the width. */
  readonly height?: number;
  /** The svg's `class` attribute; default `choropleth`. */
  readonly class?: string;
  /**
   * For a page whose script colours and focuses the LSOAs (the explorer): the svg is a `group` whose paths
   * can be reached, not one image, and has no `style` attribute (the page's stylesheet sizes it, under a
   * Content-Security-Policy that allows no inline styles).
   */
  readonly interactive?: boolean;
}

/**
 * ColorBrewer YlOrRd, 5 classes, sequential (Cynthia A. Brewer, ColorBrewer 2.0, https://colorbrewer2.org):
 * light yellow for the lowest values to dark red for the highest; it stays in order when printed in grey.
 */
export const DEFAULT_PALETTE: readonly string[] = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];

/** The fill of an LSOA with no data: a neutral grey, outside the palette's hues. */
export const NO_DATA_FILL = '#bdbdbd';

const TITLE_HEIGHT = 30;
const LEGEND_ROW = 20;
const LEGEND_GAP = 10;
const SWATCH = 14;
const LSOA_STROKE = '#ffffff';
const DISTRICT_STROKE = '#252525';
const OUTLINE_STROKE = '#000000';

/**
 * Draws the map's LSOAs coloured by class of value: quintiles by default, i.e. breaks at the 20th, 40th,
 * 60th and 80th percentiles of the values of the LSOAs on the map, by the nearest-rank method (see
 * quantileBreaks); an LSOA is in class i when bᵢ < value ≤ bᵢ₊₁, so equal values share a class. The legend
 * lists each class with the lowest and highest value in it and its count of LSOAs. District borders and
 * the outline are drawn on top. Every LSOA is one `<path class="lsoa" data-code="…">` with a `<title>`; on a
 * ward map (`map.units === 'ward'`) every ward is one `<path class="ward" data-code="…">`, and the legend
 * counts wards.
 * @example
 * const svg = choropleth(map, areas, { title: '£ per person', legend: true, formatValue: (v) => `£${v.toFixed(2)}` });
 */
export function choropleth(map: ProjectedMap, areas: readonly MapArea[], options: ChoroplethOptions): string {
  const palette = options.palette ?? DEFAULT_PALETTE;
  if (palette.length === 0) throw new RangeError('choropleth: the palette has no colours');
  const byCode = new Map(areas.map((area) => [area.code, area]));
  const unit = UNIT_WORDS[map.units ?? 'lsoa'];

  const valueOf = (code: string): number | undefined => {
    const value = byCode.get(code)?.value;
    return value !== undefined && Number.isFinite(value) ? value : undefined;
  };
  const values = map.lsoas.map((lsoa) => valueOf(lsoa.code)).filter((v): v is number => v !== undefined);
  const breaks = quantileBreaks(values, palette.length);

  const classes = palette.map(() => ({ count: 0, min: Infinity, max: -Infinity }));
  let noData = 0;
  const paths = map.lsoas.map((lsoa) => {
    const area = byCode.get(lsoa.code);
    const value = valueOf(lsoa.code);
    let fill = NO_DATA_FILL;
    let tooltip = area !== undefined && area.tooltip !== '' ? area.tooltip : `${lsoa.name} (${lsoa.code})`;
    if (value === undefined) {
      noData += 1;
      tooltip = `${tooltip}: no data`;
    } else {
      const index = classOf(value, breaks);
      const summary = classes[index];
      if (summary !== undefined) {
        summary.count += 1;
        summary.min = Math.min(summary.min, value);
        summary.max = Math.max(summary.max, value);
      }
      fill = palette[index] ?? NO_DATA_FILL;
    }
    return (
      `<path class="${unit.pathClass}" data-code="${escapeXml(lsoa.code)}" d="${escapeXml(lsoa.d)}" fill="${escapeXml(fill)}">` +
      `<title>${escapeXml(tooltip)}</title></path>`
    );
  });

  const id = (name: string): string => (options.idPrefix === undefined ? '' : ` id="${escapeXml(options.idPrefix + name)}"`);
  const mapTop = TITLE_HEIGHT;
  const legendRows = options.legend ? 1 + palette.length + (noData > 0 ? 1 : 0) : 0;
  const legendTop = mapTop + map.height + LEGEND_GAP;
  const totalWidth = map.width;
  const totalHeight = options.legend ? legendTop + legendRows * LEGEND_ROW : mapTop + map.height;

  const parts: string[] = [];
  parts.push(`<text${id('title')} x="4" y="20" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`);
  parts.push(`<g class="map" transform="translate(0 ${mapTop})">`);
  parts.push(`<g class="${unit.groupClass}" stroke="${LSOA_STROKE}" stroke-width="0.3" stroke-linejoin="round">${paths.join('')}</g>`);
  // Borders are drawn over the LSOAs but let the pointer through, so every LSOA keeps its tooltip.
  if (map.districtBoundaries !== '') {
    parts.push(
      `<path class="districts" d="${escapeXml(map.districtBoundaries)}" fill="none" stroke="${DISTRICT_STROKE}" stroke-width="1.2" ` +
        `stroke-linejoin="round" stroke-linecap="round" pointer-events="none"/>`,
    );
  }
  if (map.outline !== '') {
    parts.push(
      `<path class="outline" d="${escapeXml(map.outline)}" fill="none" stroke="${OUTLINE_STROKE}" stroke-width="1.5" ` +
        `stroke-linejoin="round" pointer-events="none"/>`,
    );
  }
  parts.push('</g>');

  if (options.legend) {
    const rows: string[] = [`<text x="0" y="12" font-size="12" font-weight="bold">${escapeXml(classesName(palette.length))}, lowest to highest</text>`];
    const row = (i: number, fill: string, label: string): string => {
      const y = (i + 1) * LEGEND_ROW;
      return (
        `<rect x="0" y="${y}" width="${SWATCH}" height="${SWATCH}" fill="${escapeXml(fill)}" stroke="#636363" stroke-width="0.5"/>` +
        `<text x="${SWATCH + 6}" y="${y + 11}" font-size="12">${escapeXml(label)}</text>`
      );
    };
    classes.forEach((summary, i) => {
      const label =
        summary.count === 0
          ? `no ${unit.many} in this class`
          : `${summary.min === summary.max ? options.formatValue(summary.min) : `${options.formatValue(summary.min)} to ${options.formatValue(summary.max)}`} (${count(summary.count, unit)})`;
      rows.push(row(i, palette[i] ?? NO_DATA_FILL, label));
    });
    if (noData > 0) rows.push(row(palette.length, NO_DATA_FILL, `no data (${count(noData, unit)})`));
    parts.push(`<g${id('legend')} class="legend" transform="translate(4 ${legendTop})">${rows.join('')}</g>`);
  }

  const [width, height] = elementSize(totalWidth, totalHeight, options.width, options.height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${id('map')} class="${escapeXml(options.class ?? 'choropleth')}" ` +
    `viewBox="0 0 ${svgNumber(totalWidth)} ${svgNumber(totalHeight)}" width="${svgNumber(width)}" height="${svgNumber(height)}" ` +
    (options.interactive === true
      ? `role="group" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif">`
      : `role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif" style="max-width:100%;height:auto">`) +
    parts.join('') +
    '</svg>'
  );
}

function classesName(k: number): string {
  const names: Readonly<Record<number, string>> = { 3: 'Terciles', 4: 'Quartiles', 5: 'Quintiles', 10: 'Deciles' };
  return names[k] ?? `${k} classes of equal count`;
}

/** The words for the map's areas: the class of each path and of their group, and the legend's counts. */
const UNIT_WORDS = {
  lsoa: { pathClass: 'lsoa', groupClass: 'lsoas', one: 'LSOA', many: 'LSOAs' },
  ward: { pathClass: 'ward', groupClass: 'wards', one: 'ward', many: 'wards' },
} as const;

function count(n: number, unit: { readonly one: string; readonly many: string }): string {
  return n === 1 ? `1 ${unit.one}` : `${groupThousands(String(n))} ${unit.many}`;
}

/** The element's size in CSS pixels, keeping the drawing's proportions when only one side is given. */
function elementSize(viewWidth: number, viewHeight: number, width?: number, height?: number): [number, number] {
  if (width !== undefined && height !== undefined) return [width, height];
  if (width !== undefined) return [width, (width * viewHeight) / viewWidth];
  if (height !== undefined) return [(height * viewWidth) / viewHeight, height];
  return [viewWidth, viewHeight];
}
