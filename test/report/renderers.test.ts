import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/report/table.js';
import { defuse, toCsv } from '../../src/report/toCsv.js';
import { toJson } from '../../src/report/toJson.js';
import { toMarkdown } from '../../src/report/toMarkdown.js';
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

  it('adds colour codes only when the chalk instance has colour', () => {
    expect(toTerminal(table, { chalk: new Chalk({ level: 0 }) })).not.toContain('\u001b[');
    expect(toTerminal(table, { chalk: new Chalk({ level: 1 }) })).toContain('\u001b[1m');
  });
});

describe('toJson', () => {
  it('writes numbers as numbers, text as strings, and the metadata alongside', () => {
    const parsed = JSON.parse(toJson(table, { area: 'Fixture' })) as { area: string; rows: unknown[]; total: unknown };
    expect(parsed.area).toBe('Fixture');
    expect(parsed.rows[0]).toEqual({ district_name: 'North|East', population: 1500, allocation: 1234567.89, share_pct: 60 });
    expect(parsed.total).toEqual({ district_name: 'Total', population: 2500, allocation: 2057613.15, share_pct: 100 });
  });
});
