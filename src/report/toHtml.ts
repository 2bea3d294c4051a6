import { escapeHtml } from './html/escape.js';
import { htmlTable } from './html/htmlTable.js';
import type { Table } from './table.js';

/**
 * A table as a small HTML document (`-f html`) that pastes into Word as a real table: the header lines
 * as paragraphs, the table with its styles inline on every cell (Word keeps those, not a stylesheet's),
 * £ and thousands separators, numbers right-aligned, the total row in bold, then any notes. Every text
 * from inputs is escaped; a Content-Security-Policy allows no script, and nothing is loaded.
 *
 * @example toHtml(districtTable(t), { header: ['Northamptonshire: 442 LSOAs…'] }).startsWith('<!DOCTYPE html>') // => true
 */
export function toHtml(table: Table, options: { header?: readonly string[]; notes?: readonly string[]; title?: string } = {}): string {
  const paragraph = (line: string): string => `<p style="font-family:Arial,sans-serif;font-size:10pt;margin:0 0 4pt">${escapeHtml(line)}</p>`;
  const title = escapeHtml(options.title ?? options.header?.[0] ?? 'fairshare table');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${title}</title>`,
    '</head>',
    '<body>',
    ...(options.header ?? []).map(paragraph),
    htmlTable(table, { inline: true }),
    ...(options.notes ?? []).map(paragraph),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
