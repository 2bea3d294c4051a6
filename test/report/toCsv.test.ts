import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { fairShare } from '../../src/engine/fairShare.js';
import { weigh } from '../../src/engine/weigh.js';
import { lsoaTable } from '../../src/report/table.js';
import { lsoaCsv, toCsv } from '../../src/report/toCsv.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

function allocation(weights: Record<string, string>, rows = FIVE_LSOAS, budget = '1000') {
  const dataset = fixtureDataset(rows);
  const weighted = weigh(fixtureFormula(['need_a', 'need_b']), { weights: new Map(Object.entries(weights)) });
  if (!weighted.ok) throw new Error(weighted.error.message);
  const shared = fairShare(dataset, weighted.value, new Exact(budget));
  if (!shared.ok) throw new Error(shared.error.message);
  return shared.value;
}

describe('lsoaTable', () => {
  it('writes each figure exactly as decimal.js writes it, with whole and decimal weights', () => {
    for (const weights of [{}, { need_a: '3' }, { need_a: '0.125' }, { need_b: '2.0000000001', need_a: '0' }]) {
      const a = allocation(weights);
      const figure = lsoaTable(a).columns.findIndex((c) => c.key === 'figure');
      expect(lsoaTable(a).rows.map((row) => row[figure])).toEqual(a.figures.map((f) => f.toString()));
    }
  });
});

/** Bytes as UTF-8 text, refusing anything that is not UTF-8. */
function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

describe('lsoaCsv', () => {
  it('writes exactly the bytes of toCsv(lsoaTable(…)), with decimal weights and fractional people', () => {
    for (const weights of [{}, { need_a: '0.125' }, { need_b: '2.0000000001', need_a: '0' }]) {
      const a = allocation(weights);
      expect(utf8(lsoaCsv(a))).toBe(toCsv(lsoaTable(a)));
    }
    const fractional = FIVE_LSOAS.map((r, i) => ({ ...r, population: r.population + i / 3 }));
    const a = allocation({}, fractional, '12345.67');
    expect(utf8(lsoaCsv(a))).toBe(toCsv(lsoaTable(a)));
  });

  it('defuses and quotes hostile names as toCsv does', () => {
    const a = allocation({});
    const hostile = ['=HYPERLINK("http://x")', 'North; =1+1', 'Kettering, Rural', '-2', 'two\nlines "Ŵ" £ 𝄞'];
    const units = a.dataset.units.map((u, i) => ({ ...u, name: hostile[i] ?? u.name, districtName: `@${u.districtName}` }));
    const renamed = { ...a, dataset: { ...a.dataset, units } };
    const csv = utf8(lsoaCsv(renamed));
    expect(csv).toBe(toCsv(lsoaTable(renamed)));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("'@North");
  });

  it('grows its buffer past the first guess, whatever the characters', () => {
    const a = allocation({});
    // Names far longer than the 128 bytes a row is first given, in characters of 1 to 4 bytes of UTF-8.
    const long = (i: number) => `${'Ŵ£𝄞x'.repeat(200 + i)},`;
    const units = a.dataset.units.map((u, i) => ({ ...u, name: long(i) }));
    const renamed = { ...a, dataset: { ...a.dataset, units } };
    expect(utf8(lsoaCsv(renamed))).toBe(toCsv(lsoaTable(renamed)));
  });
});
