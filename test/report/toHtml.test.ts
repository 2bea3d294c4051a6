import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/report/toHtml.js';
import type { Table } from '../../src/report/table.js';

const TABLE: Table = {
  columns: [
    { key: 'district_name', title: 'District', kind: 'text' },
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'share_pct', title: '% of total', kind: 'pct' },
  ],
  rows: [
    ['<script>alert(1)</script>', '1234.50', '12.35'],
    ['North\u202eEast', '-5.00', '87.65'],
  ],
  total: ['Total', '1229.50', '100.00'],
};

describe('toHtml', () => {
  it('writes a document whose table pastes into Word: styles inline on every cell, numbers right-aligned, a bold total', () => {
    const html = toHtml(TABLE, { header: ['Fixture area: budget £1,229.50.'] });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<p style="font-family:Arial,sans-serif;font-size:10pt;margin:0 0 4pt">Fixture area: budget £1,229.50.</p>');
    expect(html).toContain('<td style="border:1px solid #808080;padding:2pt 5pt;text-align:right">£1,234.50</td>');
    expect(html).toContain('<td style="border:1px solid #808080;padding:2pt 5pt;text-align:right">-£5.00</td>');
    expect(html).toContain('<tfoot><tr><td style="border:1px solid #808080;padding:2pt 5pt;text-align:left;font-weight:bold">Total</td>');
    expect(html).not.toContain('class=');
  });

  it('escapes every name from inputs, shows no bidi override, and allows no script', () => {
    const html = toHtml(TABLE, { header: ['<b>area</b>'] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('North?East');
    expect(html).not.toContain('\u202e');
    expect(html).toContain('&lt;b&gt;area&lt;/b&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});
