import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

async function run(args: string[], cwd: string) {
  const io = memoryIo({ env: { NO_COLOR: '1' }, cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('last year’s workbook, written before the need index, as --previous', () => {
  it('is read by its titled header, damping columns and all, and damps this year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-old-workbook-'));
    const csv = parse((await run(['allocate', '--budget', '12.7m', '--vintage', '2019', '--format', 'csv'], dir)).out, { columns: true }) as Record<
      string,
      string
    >[];
    // A damped table as fairshare wrote it before the need index: a caption, then the titled header, whose
    // damping columns now follow Need index.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Districts');
    sheet.addRow(['Northamptonshire (E10000021): 422 LSOAs, 720,913 people. Budget £12,700,000.00.']);
    sheet.addRow(['Code', 'District', 'LSOAs', 'Population', 'Allocation', '% of total', '£ per person', 'Previous', 'Change %', 'Held']);
    for (const r of csv) {
      sheet.addRow([
        r.district_code,
        r.district_name,
        Number(r.lsoas),
        Number(r.population),
        Number(r.allocation),
        Number(r.share_pct) / 100,
        Number(r.per_person),
        Number(r.allocation),
        0,
        '',
      ]);
    }
    await workbook.xlsx.writeFile(join(dir, 'last-year.xlsx'));
    const damped = await run(
      [
        'allocate',
        '--budget',
        '12.7m',
        '--vintage',
        '2019',
        '--weight',
        'community-safety=3',
        '--previous',
        'last-year.xlsx',
        '--floor',
        '-1%',
        '--format',
        'csv',
      ],
      dir,
    );
    expect(damped.code, damped.err).toBe(0);
    const rows = parse(damped.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.previous)).toEqual(csv.map((r) => r.allocation));
    expect(rows.every((r) => Number(r.change_pct) >= -1)).toBe(true);
  });
});
