import { describe, expect, it } from 'vitest';
import { choropleth, DEFAULT_PALETTE, NO_DATA_FILL, type ChoroplethOptions, type MapArea } from '../../../src/report/svg/choropleth.js';
import { elements, squaresMap, tagsBalance } from './svgFixtures.js';

const CODES = ['F01', 'F02', 'F03', 'F04', 'F05', 'F06', 'F07', 'F08', 'F09', 'F10'];
const OPTIONS: ChoroplethOptions = { title: '£ per person', legend: true, formatValue: (v) => `£${v.toFixed(2)}` };

const areas = (values: readonly (number | undefined)[]): MapArea[] =>
  values.map((value, i) => ({ code: CODES[i]!, value, tooltip: value === undefined ? `Testtown ${CODES[i]}` : `Testtown ${CODES[i]}: ${value}` }));

/** The fill of each LSOA path, in map order. */
const fills = (svg: string): string[] => elements(svg, 'path', 'lsoa').map((a) => a['fill']!);
const [C0, C1, C2, C3, C4] = DEFAULT_PALETTE;

describe('choropleth', () => {
  it('returns one well-formed svg element, an accessible image with a visible title', () => {
    const svg = choropleth(squaresMap(CODES), areas([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), OPTIONS);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(tagsBalance(svg)).toBe(true);
    const root = elements(svg, 'svg')[0]!;
    expect(root['role']).toBe('img');
    expect(root['aria-label']).toBe('£ per person');
    expect(root['font-family']).toBe('system-ui, sans-serif');
    expect(svg).toMatch(/<text[^>]*>£ per person<\/text>/);
  });

  it('refers to nothing outside itself: no scripts, links, styles, images or fonts', () => {
    const svg = choropleth(squaresMap(CODES), areas([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), OPTIONS);
    for (const forbidden of ['<script', 'href', 'url(', '<style', '<image', '@import', '@font-face', 'src=', 'on']) {
      if (forbidden === 'on') expect(svg).not.toMatch(/\son\w+=/);
      else expect(svg).not.toContain(forbidden);
    }
  });

  it('draws every LSOA as one path with its code, shape and quintile colour', () => {
    const map = squaresMap(CODES);
    const svg = choropleth(map, areas([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), OPTIONS);
    const paths = elements(svg, 'path', 'lsoa');
    expect(paths.map((p) => p['data-code'])).toEqual(CODES);
    expect(paths.map((p) => p['d'])).toEqual(map.lsoas.map((l) => l.d));
    expect(fills(svg)).toEqual([C0, C0, C1, C1, C2, C2, C3, C3, C4, C4]);
    expect(svg).toContain('<path class="lsoa" data-code="F01" d="M0,0L10,0L10,10L0,10Z" fill="#ffffb2"><title>Testtown F01: 1</title></path>');
  });

  it('colours by value, not by the order of the areas', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const shuffled = areas(values).reverse();
    expect(fills(choropleth(squaresMap(CODES), shuffled, OPTIONS))).toEqual([C4, C4, C3, C3, C2, C2, C1, C1, C0, C0]);
  });

  it('gives equal values the same colour', () => {
    const svg = choropleth(squaresMap(CODES), areas([1, 2, 2, 2, 2, 3, 4, 5, 6, 7]), OPTIONS);
    expect(fills(svg)).toEqual([C0, C0, C0, C0, C0, C2, C3, C3, C4, C4]);
  });

  it('draws LSOAs without a value grey and says "no data" in their tooltip', () => {
    const map = squaresMap(['F01', 'F02', 'F03', 'F04']);
    const svg = choropleth(map, [...areas([5, undefined, Number.NaN])], OPTIONS);
    expect(fills(svg)).toEqual([C0, NO_DATA_FILL, NO_DATA_FILL, NO_DATA_FILL]);
    expect(svg).toContain('<title>Testtown F02: no data</title>');
    // F04 has no area at all: its title is its name and code.
    expect(svg).toContain('<title>Testtown F04 (F04): no data</title>');
    expect(svg).toContain('no data (3 LSOAs)');
  });

  it('escapes ampersands, angle brackets and quotes in tooltips and the title', () => {
    const tooltip = `Barnes & Sons <b>"best"</b> 'ever'`;
    const svg = choropleth(squaresMap(['F01']), [{ code: 'F01', value: 1, tooltip }], { ...OPTIONS, title: 'A & B <"c">' });
    expect(svg).toContain('<title>Barnes &amp; Sons &lt;b&gt;&quot;best&quot;&lt;/b&gt; &#39;ever&#39;</title>');
    expect(svg).toContain('aria-label="A &amp; B &lt;&quot;c&quot;&gt;"');
    expect(svg).not.toContain('<b>');
    expect(tagsBalance(svg)).toBe(true);
  });

  it('draws the district borders over the LSOAs and the outline over both, without fill', () => {
    const svg = choropleth(squaresMap(CODES), areas([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), OPTIONS);
    const last = svg.lastIndexOf('class="lsoa"');
    const districts = svg.indexOf('class="districts"');
    const outline = svg.indexOf('class="outline"');
    expect(last).toBeLessThan(districts);
    expect(districts).toBeLessThan(outline);
    for (const cls of ['districts', 'outline']) {
      const [line] = elements(svg, 'path', cls);
      expect(line?.['fill']).toBe('none');
      expect(line?.['pointer-events']).toBe('none');
    }
  });

  it('shows a quintile legend: five colour boxes, each with its lowest and highest value and count', () => {
    const svg = choropleth(squaresMap(CODES), areas([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), OPTIONS);
    expect(svg).toContain('Quintiles, lowest to highest');
    const legend = svg.slice(svg.indexOf('class="legend"'));
    expect(elements(legend, 'rect').map((r) => r['fill'])).toEqual([...DEFAULT_PALETTE]);
    for (const text of ['£1.00 to £2.00 (2 LSOAs)', '£3.00 to £4.00 (2 LSOAs)', '£9.00 to £10.00 (2 LSOAs)']) {
      expect(legend).toContain(text);
    }
    expect(legend).not.toContain('no data');
  });

  it('says which classes are empty when there are fewer than five distinct values', () => {
    const svg = choropleth(squaresMap(CODES.slice(0, 4)), areas([9, 5, 5, 5]), OPTIONS);
    const legend = svg.slice(svg.indexOf('class="legend"'));
    expect(legend).toContain('£5.00 (3 LSOAs)');
    expect(legend).toContain('£9.00 (1 LSOA)');
    expect(legend.match(/no LSOAs in this class/g)).toHaveLength(3);
  });

  it('adds a grey "no data" box to the legend when some LSOAs have no value', () => {
    const svg = choropleth(squaresMap(CODES.slice(0, 3)), areas([1, undefined, 3]), OPTIONS);
    const legend = svg.slice(svg.indexOf('class="legend"'));
    expect(elements(legend, 'rect').map((r) => r['fill'])).toEqual([...DEFAULT_PALETTE, NO_DATA_FILL]);
    expect(legend).toContain('no data (1 LSOA)');
  });

  it('leaves the legend out when not asked for, and is shorter for it', () => {
    const withLegend = choropleth(squaresMap(CODES), areas([1, 2, 3]), OPTIONS);
    const without = choropleth(squaresMap(CODES), areas([1, 2, 3]), { ...OPTIONS, legend: false });
    expect(without).not.toContain('class="legend"');
    expect(without).not.toContain('Quintiles');
    const height = (svg: string): number => Number(elements(svg, 'svg')[0]!['height']);
    expect(height(without)).toBeLessThan(height(withLegend));
    // Title band plus the map.
    expect(elements(without, 'svg')[0]!['viewBox']).toBe('0 0 100 40');
  });

  it('uses a palette of another length as that many classes of equal count', () => {
    const palette = ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'];
    const svg = choropleth(squaresMap(CODES.slice(0, 8)), areas([1, 2, 3, 4, 5, 6, 7, 8]), { ...OPTIONS, palette });
    expect(fills(svg)).toEqual(['#eff3ff', '#eff3ff', '#bdd7e7', '#bdd7e7', '#6baed6', '#6baed6', '#2171b5', '#2171b5']);
    expect(svg).toContain('Quartiles, lowest to highest');
  });

  it('sets ids from the prefix, a class, and a CSS size that keeps the proportions', () => {
    const svg = choropleth(squaresMap(CODES), areas([1]), { ...OPTIONS, legend: false, idPrefix: 'fig1-', width: 50, class: 'map wide' });
    const root = elements(svg, 'svg')[0]!;
    expect(root['id']).toBe('fig1-map');
    expect(root['class']).toBe('map wide');
    expect(root['width']).toBe('50');
    expect(root['height']).toBe('20');
    expect(svg).toContain('id="fig1-title"');
    expect(choropleth(squaresMap(CODES), areas([1]), OPTIONS)).not.toContain(' id=');
  });

  it('ignores areas that are not on the map when working out the classes', () => {
    const extra: MapArea[] = [...areas([1, 2, 3, 4, 5]), { code: 'Z99', value: 1000, tooltip: 'elsewhere' }];
    const svg = choropleth(squaresMap(CODES.slice(0, 5)), extra, OPTIONS);
    expect(fills(svg)).toEqual([C0, C1, C2, C3, C4]);
    expect(svg).not.toContain('elsewhere');
  });

  it('draws a ward map with one <path class="ward"> per ward and counts wards in the legend', () => {
    const map = { ...squaresMap(CODES.slice(0, 4)), units: 'ward' as const };
    const svg = choropleth(map, areas([9, 5, 5, undefined]), OPTIONS);
    expect(elements(svg, 'path', 'ward').map((p) => p['data-code'])).toEqual(CODES.slice(0, 4));
    expect(elements(svg, 'path', 'lsoa')).toEqual([]);
    expect(svg).toContain('<g class="wards"');
    const legend = svg.slice(svg.indexOf('class="legend"'));
    expect(legend).toContain('£5.00 (2 wards)');
    expect(legend).toContain('£9.00 (1 ward)');
    expect(legend).toContain('no wards in this class');
    expect(legend).toContain('no data (1 ward)');
    expect(legend).not.toContain('LSOA');
  });

  it('draws LSOAs, byte for byte as before, when the map does not say what its areas are', () => {
    const lsoas = choropleth(squaresMap(CODES), areas([1, 2, 3]), OPTIONS);
    expect(choropleth({ ...squaresMap(CODES), units: 'lsoa' }, areas([1, 2, 3]), OPTIONS)).toBe(lsoas);
    expect(lsoas).toContain('<path class="lsoa" data-code="F01"');
    expect(lsoas).toContain('<g class="lsoas"');
  });

  it('gives the same string for the same input', () => {
    const a = choropleth(squaresMap(CODES), areas([3, 1, 2]), OPTIONS);
    expect(choropleth(squaresMap(CODES), areas([3, 1, 2]), OPTIONS)).toBe(a);
  });
});
