import { describe, expect, it } from 'vitest';
import { lookupTable } from '../../src/report/lookupTable.js';
import { toCsv } from '../../src/report/toCsv.js';

describe('lookupTable', () => {
  const rows = [
    { lsoaCode: 'E01026950', areaCode: 'E58001119', areaName: 'Clover Hill ED', share: '0.333333333333', estimated: false },
    { lsoaCode: 'E01026950', areaCode: 'E58001121', areaName: '=Corby West ED', share: '0.666666666667', estimated: true },
  ];

  it('has the lookup file’s columns, titled by their keys so a workbook reads back as the CSV, and no total row', () => {
    const table = lookupTable(rows);
    expect(table.columns.map((c) => [c.key, c.title])).toEqual([
      ['lsoa_code', 'lsoa_code'],
      ['area_code', 'area_code'],
      ['area_name', 'area_name'],
      ['share', 'share'],
      ['estimated', 'estimated'],
    ]);
    expect(table.total).toBeUndefined();
    expect(table.rows).toEqual([
      ['E01026950', 'E58001119', 'Clover Hill ED', '0.333333333333', 'no'],
      ['E01026950', 'E58001121', '=Corby West ED', '0.666666666667', 'yes'],
    ]);
  });

  it('is the lookup file as CSV: shares as written, names a spreadsheet would run defused', () => {
    expect(toCsv(lookupTable(rows))).toBe(
      "lsoa_code,area_code,area_name,share,estimated\nE01026950,E58001119,Clover Hill ED,0.333333333333,no\nE01026950,E58001121,'=Corby West ED,0.666666666667,yes\n",
    );
  });
});
