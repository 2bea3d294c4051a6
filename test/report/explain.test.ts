import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../helpers/memoryIo.js';
import { runFormula } from '../../src/app/runFormula.js';
import type { Inputs } from '../../src/app/inputs.js';
import { Exact } from '../../src/engine/exact.js';
import type { Allocation } from '../../src/engine/fairShare.js';
import { explain, pennySettlement, sharePercent } from '../../src/report/explain.js';
import { explainCaption, explainTable } from '../../src/report/explainTable.js';

// The shipped 2019 pack, as the README's example reads it: Daventry 008D in Northamptonshire, and in England.
const NO_COLOUR = new Chalk({ level: 0 });
const DAVENTRY_008D = 'E01027013';

async function run(area?: string): Promise<{ inputs: Inputs; allocation: Allocation; index: number }> {
  const { inputs, allocation } = await runFormula(
    { budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019', ...(area ? { area } : {}) },
    memoryIo(),
  );
  return { inputs, allocation, index: allocation.dataset.units.findIndex((u) => u.code === DAVENTRY_008D) };
}

let county: Awaited<ReturnType<typeof run>>;
let england: Awaited<ReturnType<typeof run>>;
beforeAll(async () => {
  [county, england] = await Promise.all([run(), run('england')]);
});

const text = (r: typeof county): string => explain(r.allocation, r.index, { area: r.inputs.area, chalk: NO_COLOUR });
const linesWith = (out: string, needle: string): string[] => out.split('\n').filter((l) => l.includes(needle));

describe('explain', () => {
  it('prints national and area ranks with thousands separators', () => {
    const out = text(england);
    expect(out).toContain('Deprivation [deprivation]: need rank 29,762 of 32,844; weight 1');
    expect(out).toContain('Geographical barriers sub-domain rank: 11,282 (higher = less need) → need rank 21,563');
    expect(out).toContain('mean of the source ranks 29,663 → need rank 29,762');
    expect(out).toContain('mean of the source ranks 28,368.5 → need rank 29,247');
    expect(out).toContain('1 × 29,762 + 1 × 21,563 + 1 × 22,541 + 1 × 30,147 + 1 × 29,247 = ');
  });

  it('explains a .5 rank as a tie once, where it arises, and not on the domain line or in the sum', () => {
    const out = text(county);
    expect(out).toContain('mean of the source ranks 390 → need rank 397.5, a tie: 2 LSOAs have a mean of 390, so each gets the mean of ranks 397 and 398');
    // 397.5 is shown three times (the domain, its mean, the sum) but called a tie once.
    const shown = linesWith(out, '397.5');
    expect(shown).toHaveLength(3);
    expect(shown.filter((l) => /\btie\b/.test(l))).toHaveLength(1);
    expect(out.match(/\btie\b/g)).toHaveLength(1);
  });

  it('gives the rule for ties at the first tie only, and names how many LSOAs share each later one over which ranks', () => {
    const out = text(england);
    expect(out.match(/a tie:/g)).toHaveLength(3);
    expect(out.match(/each gets the mean of ranks/g)).toHaveLength(1);
    // Three LSOAs over 29,761 to 29,763 share 29,762: a whole-number tie is a tie too.
    expect(out).toContain('need rank 29,762, a tie: 3 LSOAs have a mean of 29,663, so each gets the mean of ranks 29,761 to 29,763');
    expect(out).toContain(
      'IDAOPI rate (older people in income deprivation): 0.2655 (higher = more need) → need rank 26,616, a tie: 7 LSOAs have 0.2655 (ranks 26,613 to 26,619)',
    );
    // A single-source domain: its rank is its source's, so the tie is said on the source's line alone.
    const idaci = linesWith(out, '28,948.5');
    expect(idaci).toEqual([
      "  Early Years and Children's Centres [early-years]: need rank 28,948.5 of 32,844; excluded (weight 0)",
      '    IDACI rate (children in income-deprived families): 0.3137 (higher = more need) → need rank 28,948.5, a tie: 4 LSOAs have 0.3137 (ranks 28,947 to 28,950)',
    ]);
  });

  it('says nothing of ties for a rank no other LSOA has', () => {
    expect(linesWith(text(county), 'need rank 405').every((l) => !/\btie\b/.test(l))).toBe(true);
  });
});

describe('explainTable', () => {
  it('has a row per source of each domain, in the formula order, with the value and its need rank in the area', () => {
    const table = explainTable(county.allocation, county.index);
    expect(table.columns.map((c) => c.key)).toEqual([
      'lsoa_code',
      'lsoa_name',
      'domain',
      'source',
      'higher_means',
      'value',
      'need_rank',
      'domain_rank',
      'weight',
      'weighted',
      'figure',
      'population',
      'share_pct',
      'allocation',
      'per_person',
    ]);
    const sources = county.allocation.domains.flatMap((d) => d.domain.sources.map((s) => [d.domain.id, s.label]));
    expect(table.rows.map((r) => [r[2], r[3]])).toEqual(sources);
    expect(table.rows[0]?.slice(0, 7)).toEqual([DAVENTRY_008D, 'Daventry 008D', 'deprivation', 'Income domain rank', 'less need', '3666', '402']);
    // The IDAOPI rate exactly as the pack holds it, not the 4 places of the text.
    const idaopi = table.rows.find((r) => r[3]?.startsWith('IDAOPI'));
    expect(Number(idaopi?.[5])).toBe(county.allocation.dataset.fields.get('idaopi_rate')?.[county.index]);
    expect(idaopi?.[6]).toBe('378');
  });

  it("puts a domain's rank, weight and weight × rank on its first row only, so weight × rank adds up to the figure", () => {
    const table = explainTable(county.allocation, county.index);
    const col = (key: string) => table.columns.findIndex((c) => c.key === key);
    const adults = table.rows.filter((r) => r[col('domain')] === 'adults');
    expect(adults.map((r) => [r[col('domain_rank')], r[col('weight')], r[col('weighted')]])).toEqual([
      ['397.5', '1', '397.5'],
      ['', '', ''],
    ]);
    expect(table.rows.find((r) => r[col('domain')] === 'young-people')?.slice(col('domain_rank'), col('weighted') + 1)).toEqual(['411', '0', '0']);
    const sum = table.rows.reduce((s, r) => s.plus(r[col('weighted')] || 0), new Exact(0));
    expect(sum.toString()).toBe('1725.5');
    expect(table.total?.[col('weighted')]).toBe('1725.5');
    expect(table.total?.[1]).toBe('Total');
  });

  it('gives the figure, population, share and allocation on every row as exact decimal strings, agreeing with the text', () => {
    const table = explainTable(county.allocation, county.index);
    const tail = table.rows.map((r) => r.slice(-5));
    expect(new Set(tail.map((t) => t.join()))).toEqual(new Set(['1725.5,1811,0.411901,52311.41,28.89']));
    expect(sharePercent(county.allocation, county.index)).toBe('0.411901');
    const out = text(county);
    expect(out).toContain('share = 3,124,880.5 / 758,648,634 = 0.411901%');
    expect(out).toContain('Allocation: £52,311.41, £28.89 per person');
    for (const row of table.rows) for (const cell of row) expect(typeof cell).toBe('string');
  });

  it('is the same money as the allocation: the rows carry its pennies for the LSOA', () => {
    const table = explainTable(england.allocation, england.index);
    const amount = england.allocation.amounts[england.index]?.toFixed(2);
    expect(table.rows.every((r) => r.at(-2) === amount)).toBe(true);
  });
});

describe('explainCaption', () => {
  it('names the LSOA, the run, how to read the columns and the whole-penny step', () => {
    const caption = explainCaption(county.allocation, county.index, county.inputs.area, county.inputs.dataWords);
    const { leftover, gotPenny } = pennySettlement(county.allocation, county.index);
    expect(leftover.toString()).toBe('202');
    expect(gotPenny).toBe(false);
    expect(caption[0]).toBe('Daventry 008D – E01027013, Daventry (E07000151)');
    expect(caption).toContain(
      'Domains counted: deprivation ×1, access-to-facilities ×1, communities ×1, community-safety ×1, adults ×1. Excluded: young-people, early-years.',
    );
    expect(caption.join('\n')).toContain('1 = least need, 422 = most need');
    expect(caption.join('\n')).toContain('Share = figure × population / 758,648,634 (Σ figure × population over the 422 LSOAs)');
    expect(caption.join('\n')).toContain('this LSOA did not get one of the 202 leftover pennies');
  });
});
