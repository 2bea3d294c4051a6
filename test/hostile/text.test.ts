/**
 * Issue #9: text from inputs cannot act where it is shown. Names of areas and districts come from the
 * officer's `--data` CSV, so each case here runs the built bin on a made-up CSV whose names are hostile
 * (formulas, terminal escape sequences, HTML, Markdown, bidirectional overrides) and checks the bytes
 * that come out: CSV, Markdown, the terminal table, error messages, JSON and the HTML report.
 * The files are written at test time because several names hold control characters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runUntouched, scratch } from './harness.js';

const ESC = '\u001b';
const BEL = '\u0007';
const RLO = '\u202e';
const LRI = '\u2066';
const CSI = '\u009b';

/** One CSV record, quoted where needed. */
const record = (cells: readonly (string | number)[]): string =>
  cells.map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

/** Rows of code, name, district, population, need_a, need_b: made-up codes F01…, hostile names. */
const csv = (rows: readonly (readonly (string | number)[])[]): string =>
  `${[['code', 'name', 'district', 'population', 'need_a', 'need_b'], ...rows].map(record).join('\n')}\n`;

const EVIL = csv([
  ['F01', '=HYPERLINK("http://x")', 'North', 100, 10, 5],
  ['F02', `Alpha${ESC}]0;pwned${BEL}`, `North${ESC}[2J`, 200, 30, 5],
  ['F03', '<script>alert(1)</script>', 'So|uth', 150, 20, 1],
  ['F04', `a|b; =1+1${RLO}evil${LRI}`, '-x; =2', 50, 40, 9],
  ['F05', 'line\nbreak [link](http://y) *b*', `South${CSI}2J`, 100, 20, 7],
]);

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const BUDGET = ['--budget', '1m', '--data', 'evil.csv'];

describe('CSV output', () => {
  it('puts an apostrophe before a formula at the start of a name or after ; , tab or a line break, and only in text columns', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['allocate', ...BUDGET, '--level', 'lsoa', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`F01,"'=HYPERLINK(""http://x"")",`);
    expect(result.out).toContain(`F04,'a|b; =1+1${RLO}evil${LRI},,'-x; =2,50,`);
    // A name that does not start a formula anywhere is left exactly as it was.
    expect(result.out).toContain(`F03,<script>alert(1)</script>,,So|uth,150,`);
  });

  it('leaves negative money in signed columns a number', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['sensitivity', ...BUDGET, '--draws', '20', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toMatch(/,without_need_a,without_need_b$/);
    const changes = lines.slice(1).flatMap((line) => line.split(',').slice(-2));
    expect(changes.some((c) => c.startsWith('-'))).toBe(true);
    for (const change of changes) expect(change).toMatch(/^-?\d+\.\d\d$/);
    expect(result.out).toContain(`\n,'-x; =2,`);
  });

  it('defuses district names in fairshare areas too', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['areas', '--data', 'evil.csv', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`\n,'-x; =2,district,1,50\n`);
  });
});

describe('Markdown output', () => {
  it('keeps every name inside its cell: no raw HTML, links, emphasis, line breaks or bidi controls', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['allocate', ...BUDGET, '--level', 'lsoa', '--format', 'md'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    expect(result.out).not.toContain('<script>');
    expect(result.out).not.toMatch(/(?<!\\)\]\(http/);
    const table = result.out.split('\n').filter((line) => line.startsWith('|'));
    // Header, rule, five LSOAs and the total: a line break in a name did not add a row.
    expect(table).toHaveLength(8);
    // Ten columns: eleven unescaped pipes on every line.
    for (const line of table) expect(line.match(/(?<!\\)\|/g), line).toHaveLength(11);
    expect(result.out).toContain('| F03 | &lt;script&gt;alert(1)&lt;/script&gt; |  | So\\|uth |');
    expect(result.out).toContain('| F05 | line break \\[link\\](http://y) \\*b\\* |  | South?2J |');
    expect(result.out).toContain('| F04 | a\\|b; =1+1?evil? |');
  });

  it('escapes the caption too: an area name cannot start a heading or inject HTML', () => {
    const dir = scratch({
      'big.csv': csv([
        ['F01', 'a', '# <b>Big</b>', 100, 10, 5],
        ['F02', 'b', '# <b>Big</b>', 200, 30, 5],
        ['F03', 'c', 'Other', 150, 20, 1],
      ]),
    });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', 'big.csv', '--area', '# <b>Big</b>', '--format', 'md'], dir);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('\\# &lt;b&gt;Big&lt;/b&gt;: 2 LSOAs, 300 people. Budget £1,000,000.00.  ');
    expect(result.out).not.toContain('<b>');
  });
});

describe('terminal table', () => {
  it('shows escape sequences and bidi controls as ?, so a name cannot clear the screen or set the title, and columns still line up', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['allocate', ...BUDGET, '--level', 'lsoa', '--format', 'table'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    expect(result.out).toContain('Alpha?]0;pwned?');
    expect(result.out).toContain('North?[2J');
    const lines = result.out.split('\n');
    const header = lines.find((line) => line.startsWith('LSOA code')) as string;
    const end = header.indexOf('Population') + 'Population'.length;
    const rows = lines.filter((line) => /^F0\d /.test(line));
    expect(rows).toHaveLength(5);
    // Population is right-aligned under its title on every row, so every ? took exactly one place.
    for (const row of rows) expect(row.slice(end - 3, end + 1), row).toMatch(/^ *\d+ $/);
  });

  it('sanitises the run header above the table: the data file name and area name are shown inert', () => {
    const name = `we${ESC}[2Jird.csv`;
    const dir = scratch({ [name]: csv([['F01', 'a', `Zed${ESC}]0;x${BEL}`, 100, 10, 5]]) });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', name, '--format', 'table'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    expect(result.out).toContain('All rows of we?[2Jird.csv: 1 LSOAs');
    expect(result.out).toContain('Zed?]0;x?');
  });

  it('sanitises fairshare areas, whose names are the districts of the file, and the --search it repeats above them', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['areas', '--data', 'evil.csv', '--search', `North${ESC}[2J`, '--format', 'table'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    expect(result.out).toContain('1 areas matching "North?[2J"');
    expect(result.out).toContain('North?[2J');
  });

  it('sanitises the run header that sensitivity prints above its own tables', () => {
    const name = `we${ESC}]0;x${BEL}ird.csv`;
    const dir = scratch({ [name]: EVIL });
    const result = runUntouched(['sensitivity', '--budget', '1m', '--data', name, '--draws', '20', '--format', 'table'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    expect(result.out).toContain('Data: data file we?]0;x?ird.csv.');
  });
});

describe('error messages', () => {
  it('quote a hostile --area on one line with its escape sequences shown as ?', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['allocate', ...BUDGET, '--area', `Nope${ESC}]0;pwned${BEL}\nline2${RLO}`], dir);
    expectRefused(result, { code: 2, message: /unknown area "Nope\?\]0;pwned\?[? ]line2\?"/ });
    expect(result.err).not.toMatch(CONTROLS);
  });

  it('quote a hostile cell value from the data file inertly', () => {
    const dir = scratch({ 'bad.csv': `code,name,district,population,need_a\nF01,a,North,x${ESC}[2J${CSI}1m,1\n` });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', 'bad.csv'], dir);
    expectRefused(result, { code: 1, message: /bad\.csv:2:4 .*"x\?\[2J\?1m"/ });
    expect(result.err).not.toMatch(CONTROLS);
  });
});

describe('error messages (the file name)', () => {
  it('show a hostile data file name inertly where the message names the file, line and column', () => {
    const name = `b${ESC}[2Jad.csv`;
    const dir = scratch({ [name]: 'code,name,district,population,need_a\nF01,a,North,x,1\n' });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', name], dir);
    expectRefused(result, { code: 1, message: /^fairshare: error: b\?\[2Jad\.csv:2:4 \(column "population"\)/ });
    expect(result.err).not.toMatch(CONTROLS);
  });
});

describe('JSON output', () => {
  it('carries money as strings to the penny, including the budget, and escapes control characters in names', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['allocate', ...BUDGET, '--level', 'lsoa', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(CONTROLS);
    const doc = JSON.parse(result.out) as { budget: unknown; rows: Record<string, unknown>[]; total: Record<string, unknown> };
    expect(doc.budget).toBe('1000000.00');
    expect(doc.total['allocation']).toBe('1000000.00');
    for (const row of doc.rows) {
      expect(row['allocation']).toMatch(/^\d+\.\d\d$/);
      expect(row['per_person']).toMatch(/^\d+\.\d\d$/);
      expect(typeof row['population']).toBe('number');
    }
    expect(doc.rows.reduce((sum, r) => sum + BigInt(String(r['allocation']).replace('.', '')), 0n)).toBe(100_000_000n);
    expect(doc.rows[1]?.['lsoa_name']).toBe(`Alpha${ESC}]0;pwned${BEL}`);
  });
});

describe('HTML report', () => {
  it('escapes names with <script>, quotes and bidi controls, under a CSP that forbids scripts', () => {
    const dir = scratch({
      'evil.csv': csv([
        ['F01', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 100, 10, 5],
        ['F02', 'b', '" onmouseover="alert(2)', 200, 30, 5],
        ['F03', 'c', "' onclick='alert(3)", 150, 20, 1],
        ['F04', 'd', `${RLO}evil${LRI} &amp;`, 50, 40, 9],
      ]),
    });
    const result = runUntouched(['report', ...BUDGET, '-o', 'r.html'], dir);
    expect(result.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script|onmouseover="|onclick='/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot; onmouseover=&quot;alert(2)');
    expect(html).toContain('&#39; onclick=&#39;alert(3)');
    expect(html).toContain('?evil? &amp;amp;');
    expect(html).not.toMatch(CONTROLS);
  });
});

describe('sensitivity --concentration', () => {
  it('refuses a Dirichlet concentration below 1, naming the minimum', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['sensitivity', ...BUDGET, '--method', 'dirichlet', '--concentration', '0.01', '--format', 'csv'], dir);
    expectRefused(result, { code: 2, message: /--concentration must be at least 1, got "0\.01"/ });
  });

  it('gives full bands at the minimum', () => {
    const dir = scratch({ 'evil.csv': EVIL });
    const result = runUntouched(['sensitivity', ...BUDGET, '--method', 'dirichlet', '--concentration', '1', '--draws', '5000', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    for (const line of result.out.trim().split('\n').slice(1)) {
      const cells = line.split(',').slice(-12);
      for (const cell of cells) expect(cell, line).toMatch(/^-?\d+(\.\d+)?$/);
      expect(cells[9], line).not.toBe('100.00');
    }
  });
});

describe('scenario documents (scenarios run --format md|json)', () => {
  const SCENARIOS = [
    'description: "<img src=x onerror=alert(1)> | # Title"',
    'defaults:',
    '  data: evil.csv',
    'scenarios:',
    '  one:',
    `    description: "first line\\n# not a heading [x](http://z) \\u202eevil"`,
    '    budget: 1m',
    '  two:',
    '    pots:',
    '      a:',
    '        description: "<b>bold</b>"',
    '        budget: 1m',
    '      b:',
    '        budget: 2m',
    '',
  ].join('\n');

  it('Markdown: titles, descriptions and captions cannot inject HTML, headings, links or bidi controls', () => {
    const dir = scratch({ 'evil.csv': EVIL, 's.yaml': SCENARIOS });
    const result = runUntouched(['scenarios', 'run', 's.yaml', '-o', 'out', '--format', 'md'], dir);
    expect(result.code).toBe(0);
    const md = readFileSync(join(dir, 'out', 'scenarios.md'), 'utf8');
    expect(md).not.toMatch(CONTROLS);
    expect(md).not.toMatch(/<img|<b>|<script>/);
    expect(md).not.toMatch(/(?<!\\)\]\(http/);
    expect(md.split('\n')[0]).toBe('# &lt;img src=x onerror=alert(1)&gt; \\| # Title');
    expect(md).toContain('first line  \n\\# not a heading \\[x\\](http://z) ?evil');
    // Every line that starts a heading is one the tool wrote.
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/ .*/, '')),
    ).toEqual(['#', '##', '##', '###', '###', '##']);
  });

  it('JSON: budgets are strings and control characters in names are \\u escapes', () => {
    const dir = scratch({ 'evil.csv': EVIL, 's.yaml': SCENARIOS });
    const result = runUntouched(['scenarios', 'run', 's.yaml', '-o', 'out', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'out', 'scenarios.json'), 'utf8');
    expect(text).not.toMatch(CONTROLS);
    const doc = JSON.parse(text) as { scenarios: { budget: unknown; districts: { rows: { district_name: string }[] } }[] };
    expect(doc.scenarios.map((s) => s.budget)).toEqual(['1000000.00', '3000000.00']);
    expect(doc.scenarios[0]?.districts.rows.map((r) => r.district_name)).toContain(`North${ESC}[2J`);
  });
});
