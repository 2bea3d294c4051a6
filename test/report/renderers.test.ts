import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/report/table.js';
import { defuse, toCsv } from '../../src/report/toCsv.js';
import { jsonText, toJson } from '../../src/report/toJson.js';
import { markdownLines, markdownText, toMarkdown } from '../../src/report/toMarkdown.js';
import { toTerminal } from '../../src/report/toTerminal.js';

const table: Table = {
  columns: [
    { key: 'district_name', title: 'District', kind: 'text' },
    { key: 'population', title: 'Population', kind: 'int' },
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'share_pct', title: '% of total', kind: 'pct' },
  ],
  rows: [
    ['North|East', '1500', '1234567.89', '60.00'],
    ['=SUM(A1)', '1000', '823045.26', '40.00'],
  ],
  total: ['Total', '2500', '2057613.15', '100.00'],
};

describe('toCsv', () => {
  it('writes keys as the header, plain numbers and no total row', () => {
    expect(toCsv(table)).toBe("district_name,population,allocation,share_pct\nNorth|East,1500,1234567.89,60.00\n'=SUM(A1),1000,823045.26,40.00\n");
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+44', '-x', '@SUM', '\tx', '\rx', 'Corby', "O'Neill"].map(defuse)).toEqual([
      "'=1+1",
      "'+44",
      "'-x",
      "'@SUM",
      "'\tx",
      "'\rx",
      'Corby',
      "O'Neill",
    ]);
  });

  it('also defuses a formula character after a comma, semicolon, tab or line break inside the cell', () => {
    expect(['North; =1+1', 'a,@SUM(A1)', 'a\t-2', 'a\n+1', 'a;  =1', 'Kettering, Rural', 'Rushden; East', 'A-B=C', 'x@y.com'].map(defuse)).toEqual([
      "'North; =1+1",
      "'a,@SUM(A1)",
      "'a\t-2",
      "'a\n+1",
      "'a;  =1",
      'Kettering, Rural',
      'Rushden; East',
      'A-B=C',
      'x@y.com',
    ]);
  });

  it('never touches number, money or percentage columns, so negative money stays a number', () => {
    const signed: Table = {
      columns: [
        { key: 'name', title: 'Name', kind: 'text' },
        { key: 'change', title: 'Change', kind: 'money', signed: true },
        { key: 'change_pct', title: 'Change %', kind: 'pct', signed: true },
        { key: 'rho', title: 'ρ', kind: 'number' },
      ],
      rows: [['-x; =1', '-1234.50', '-2.00', '-0.5']],
    };
    expect(toCsv(signed)).toBe("name,change,change_pct,rho\n'-x; =1,-1234.50,-2.00,-0.5\n");
  });
});

describe('toMarkdown', () => {
  it('writes a table with £, separators, right-aligned numbers, escaped pipes and a bold total row', () => {
    expect(toMarkdown(table)).toBe(
      [
        '| District | Population | Allocation | % of total |',
        '| --- | ---: | ---: | ---: |',
        '| North\\|East | 1,500 | £1,234,567.89 | 60.00% |',
        '| =SUM(A1) | 1,000 | £823,045.26 | 40.00% |',
        '| **Total** | **2,500** | **£2,057,613.15** | **100.00%** |',
        '',
      ].join('\n'),
    );
  });

  it('keeps hostile text inside its cell: pipes, line breaks, HTML, links, emphasis and bidi controls', () => {
    const hostile: Table = {
      columns: [
        { key: 'name', title: 'Name <b>', kind: 'text' },
        { key: 'population', title: 'Population', kind: 'int' },
      ],
      rows: [
        ['a|b\nc\r\nd', '1'],
        ['<script>alert(1)</script> & &amp;', '2'],
        ['[click](http://x) ![i](http://y) *b* _i_ `c` ~~s~~ $x$ \\', '3'],
        ['\u202eevil\u2066 \u001b]0;t\u0007', '4'],
      ],
    };
    const lines = toMarkdown(hostile).split('\n');
    expect(lines).toEqual([
      '| Name &lt;b&gt; | Population |',
      '| --- | ---: |',
      '| a\\|b c d | 1 |',
      '| &lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; | 2 |',
      '| \\[click\\](http://x) !\\[i\\](http://y) \\*b\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ \\$x\\$ \\\\ | 3 |',
      '| ?evil? ?\\]0;t? | 4 |',
      '',
    ]);
    // Every row has exactly the three unescaped pipes of a two-column table.
    for (const line of lines.slice(2, -1)) expect(line.match(/(?<!\\)\|/g)).toHaveLength(3);
  });

  it('escapes caption lines like cells, and anything at a line start that would make a block', () => {
    expect(markdownLines(['# Big <i>', '- list', '+ x', '=== ', '1. one', '2) two', '  indented', 'Data: a|b\nc.'])).toBe(
      ['\\# Big &lt;i&gt;', '\\- list', '\\+ x', '\\=== ', '1\\. one', '2\\) two', 'indented', 'Data: a\\|b c.'].join('  \n'),
    );
    expect(markdownText('plain £1,234.50 – é')).toBe('plain £1,234.50 – é');
  });
});

describe('toTerminal', () => {
  it('aligns text left and numbers right, with rules around the total row', () => {
    const text = toTerminal(table, { chalk: new Chalk({ level: 0 }) });
    expect(text.split('\n')).toEqual([
      'District    Population     Allocation  % of total',
      '──────────  ──────────  ─────────────  ──────────',
      'North|East       1,500  £1,234,567.89      60.00%',
      '=SUM(A1)         1,000    £823,045.26      40.00%',
      '──────────  ──────────  ─────────────  ──────────',
      'Total            2,500  £2,057,613.15     100.00%',
      '',
    ]);
  });

  it('shows control and bidi characters in cells and titles as ?, keeping the columns aligned', () => {
    const hostile: Table = {
      columns: [
        { key: 'name', title: 'Na\u001b[2Jme', kind: 'text' },
        { key: 'population', title: 'Population', kind: 'int' },
      ],
      rows: [
        ['Alpha\u001b]0;pwned\u0007', '100'],
        ['\u202eevil\nx', '2000'],
      ],
      total: ['Total\u009b', '2100'],
    };
    const text = toTerminal(hostile, { chalk: new Chalk({ level: 0 }) });
    expect(text.split('\n')).toEqual([
      'Na?[2Jme         Population',
      '───────────────  ──────────',
      'Alpha?]0;pwned?         100',
      '?evil?x               2,000',
      '───────────────  ──────────',
      'Total?                2,100',
      '',
    ]);
  });

  it('adds colour codes only when the chalk instance has colour', () => {
    expect(toTerminal(table, { chalk: new Chalk({ level: 0 }) })).not.toContain('\u001b[');
    expect(toTerminal(table, { chalk: new Chalk({ level: 1 }) })).toContain('\u001b[1m');
  });
});

describe('toJson', () => {
  it('writes counts as numbers, money and percentages as exact strings, text as strings, and the metadata alongside', () => {
    const parsed = JSON.parse(toJson(table, { area: 'Fixture' })) as { area: string; rows: unknown[]; total: unknown };
    expect(parsed.area).toBe('Fixture');
    expect(parsed.rows[0]).toEqual({ district_name: 'North|East', population: 1500, allocation: '1234567.89', share_pct: '60.00' });
    expect(parsed.total).toEqual({ district_name: 'Total', population: 2500, allocation: '2057613.15', share_pct: '100.00' });
  });

  it('writes money with exactly 2 decimals, negative money as a string, ranks as numbers and empty cells as null', () => {
    const mixed: Table = {
      columns: [
        { key: 'allocation', title: 'Allocation', kind: 'money' },
        { key: 'change', title: 'Change', kind: 'money', signed: true },
        { key: 'change_pct', title: 'Change %', kind: 'pct' },
        { key: 'rank', title: 'Rank', kind: 'number' },
      ],
      rows: [
        ['12700000', '-1234.5', '-0.25', '2.5'],
        ['0.10', '', '', ''],
      ],
    };
    const text = toJson(mixed, {});
    expect(JSON.parse(text)).toEqual({
      rows: [
        { allocation: '12700000.00', change: '-1234.50', change_pct: '-0.25', rank: 2.5 },
        { allocation: '0.10', change: null, change_pct: null, rank: null },
      ],
    });
    expect(text).toContain('"allocation": "12700000.00"');
  });

  it('writes C1 and bidi controls in names as \\u escapes, so the file cannot act on a terminal, and parses back the same', () => {
    const named: Table = { columns: [{ key: 'name', title: 'Name', kind: 'text' }], rows: [['a\u009b2J\u202eb\u2066\u007f\u001b']] };
    const text = toJson(named, {});
    expect(text).toContain('"name": "a\\u009b2J\\u202eb\\u2066\\u007f\\u001b"');
    expect((JSON.parse(text) as { rows: { name: string }[] }).rows[0]?.name).toBe('a\u009b2J\u202eb\u2066\u007f\u001b');
  });

  it('jsonText writes any document the same way, for files that gather several tables', () => {
    expect(jsonText({ name: 'a\u202eb', budget: '1.00' })).toBe('{\n  "name": "a\\u202eb",\n  "budget": "1.00"\n}\n');
  });

  it('refuses a money cell that is not pounds to the penny: a bug upstream, not a rounding', () => {
    const bad: Table = { columns: [{ key: 'allocation', title: 'Allocation', kind: 'money' }], rows: [['1.005']] };
    expect(() => toJson(bad, {})).toThrow(/allocation.*1\.005/);
  });
});
