import { describe, expect, it } from 'vitest';
import { BAR_COLOURS, barChart, type Bar } from '../../../src/report/svg/barChart.js';
import { elements, tagsBalance } from './svgFixtures.js';

const bars = (...values: number[]): Bar[] => values.map((value, i) => ({ label: `District ${i + 1}`, value, display: `£${value.toFixed(2)}` }));
const num = (attributes: Record<string, string> | undefined, name: string): number => Number(attributes?.[name]);

describe('barChart', () => {
  it('returns one well-formed svg element, an accessible image with a visible title', () => {
    const svg = barChart(bars(10, 20), { title: '£ per person by district' });
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    const root = elements(svg, 'svg')[0]!;
    expect(root['role']).toBe('img');
    expect(root['aria-label']).toBe('£ per person by district');
    expect(root['width']).toBe('640');
    expect(svg).toMatch(/<text[^>]*>£ per person by district<\/text>/);
    expect(svg).not.toMatch(/<script|href|url\(|<style|@font-face/);
  });

  it('draws bars from one zero line with lengths proportional to the values', () => {
    const svg = barChart(bars(10, 20, 40, 0), { title: 't' });
    const rects = elements(svg, 'rect', 'bar');
    expect(rects).toHaveLength(4);
    const zero = num(elements(svg, 'line', 'zero')[0], 'x1');
    for (const rect of rects) expect(num(rect, 'x')).toBe(zero);
    const [a, b, c, d] = rects.map((r) => num(r, 'width'));
    expect(b! / a!).toBeCloseTo(2, 2);
    expect(c! / a!).toBeCloseTo(4, 2);
    expect(d).toBe(0);
    expect(rects.every((r) => r['fill'] === BAR_COLOURS.plain)).toBe(true);
    // The longest bar ends where the room for its value text begins.
    expect(zero + c!).toBeLessThan(640);
  });

  it('puts the labels on the left and each value just past the end of its bar, in the order given', () => {
    const svg = barChart(bars(10, 40), { title: 't', width: 500 });
    expect(elements(svg, 'text', 'label').map((t) => t['text-anchor'])).toEqual(['end', 'end']);
    expect(svg.indexOf('District 1')).toBeLessThan(svg.indexOf('District 2'));
    const rects = elements(svg, 'rect', 'bar');
    const values = elements(svg, 'text', 'value');
    rects.forEach((rect, i) => expect(num(values[i], 'x')).toBeCloseTo(num(rect, 'x') + num(rect, 'width') + 4, 1));
    expect(svg).toContain('>£40.00</text>');
    expect(num(elements(svg, 'text', 'label')[0], 'x')).toBeLessThan(num(rects[0], 'x'));
    expect(elements(svg, 'svg')[0]!['width']).toBe('500');
  });

  it('draws a signed chart around a zero line: losses left in one colour, gains right in another', () => {
    const svg = barChart(bars(-10, 30, 0), { title: 'Change vs baseline', signed: true });
    const line = elements(svg, 'line', 'zero')[0]!;
    const zero = num(line, 'x1');
    expect(num(line, 'x2')).toBe(zero);
    const [loss, gain, none] = elements(svg, 'rect', 'bar');
    expect(num(loss, 'x') + num(loss, 'width')).toBeCloseTo(zero, 1);
    expect(num(gain, 'x')).toBe(zero);
    expect(num(gain, 'width') / num(loss, 'width')).toBeCloseTo(3, 2);
    expect(num(none, 'width')).toBe(0);
    expect(loss?.['fill']).toBe(BAR_COLOURS.loss);
    expect(gain?.['fill']).toBe(BAR_COLOURS.gain);
    expect(BAR_COLOURS.loss).not.toBe(BAR_COLOURS.gain);
    // The loss's value is written left of its bar, the gain's right of it.
    const [lossText, gainText] = elements(svg, 'text', 'value');
    expect(lossText?.['text-anchor']).toBe('end');
    expect(num(lossText, 'x')).toBeLessThan(num(loss, 'x'));
    expect(num(gainText, 'x')).toBeGreaterThan(num(gain, 'x') + num(gain, 'width'));
    // The zero line runs the height of the bars.
    expect(num(line, 'y1')).toBeLessThan(num(loss, 'y'));
    expect(num(line, 'y2')).toBeGreaterThan(num(none, 'y') + num(none, 'height'));
  });

  it('puts the zero line at the left when a signed chart has only gains', () => {
    const svg = barChart(bars(5, 10), { title: 't', signed: true });
    const zero = num(elements(svg, 'line', 'zero')[0], 'x1');
    const rects = elements(svg, 'rect', 'bar');
    expect(rects.every((r) => num(r, 'x') === zero)).toBe(true);
    expect(rects.every((r) => r['fill'] === BAR_COLOURS.gain)).toBe(true);
  });

  it('draws negative values as a signed chart even when not asked to', () => {
    const svg = barChart(bars(-5, 5), { title: 't' });
    const [loss, gain] = elements(svg, 'rect', 'bar');
    expect(loss?.['fill']).toBe(BAR_COLOURS.loss);
    expect(num(loss, 'width')).toBeCloseTo(num(gain, 'width'), 2);
  });

  it('draws zero-width bars, not NaN, when every value is zero', () => {
    const svg = barChart(bars(0, 0), { title: 't', signed: true });
    expect(svg).not.toContain('NaN');
    expect(elements(svg, 'rect', 'bar').map((r) => r['width'])).toEqual(['0', '0']);
  });

  it('says "No data" for no bars', () => {
    const svg = barChart([], { title: 't' });
    expect(svg).toContain('No data');
    expect(tagsBalance(svg)).toBe(true);
  });

  it('escapes labels and values, and shortens a long label, keeping it whole in the tooltip', () => {
    const long = 'A & B <Very> "Long" District Name That Goes On And On And On And On And On';
    const svg = barChart([{ label: long, value: 1, display: '<1>' }], { title: 't', width: 400 });
    expect(svg).toContain('<title>A &amp; B &lt;Very&gt; &quot;Long&quot; District Name That Goes On And On And On And On And On: &lt;1&gt;</title>');
    expect(svg).toContain('>&lt;1&gt;</text>');
    expect(svg).toMatch(/class="label"[^>]*>A &amp; B [^<]*…<\/text>/);
    expect(tagsBalance(svg)).toBe(true);
  });

  it('gives the same string for the same input', () => {
    expect(barChart(bars(1, 2, 3), { title: 't' })).toBe(barChart(bars(1, 2, 3), { title: 't' }));
  });
});
