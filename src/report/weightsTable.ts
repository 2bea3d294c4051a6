import type { EffectiveWeight } from '../engine/effectiveWeights.js';
import type { OverlapPair } from '../engine/overlap.js';
import { andList } from '../engine/wording.js';
import type { Table } from './table.js';

/**
 * The counted domains' weights as a table: `domain,label,weight,nominal_pct,effective_pct`, percentages
 * to 1 decimal place, and a total row (each column adds up to 100 before rounding).
 */
export function weightsTable(weights: readonly EffectiveWeight[]): Table {
  const pct = (value: number): string => (Number.isNaN(value) ? '' : value.toFixed(1) === '-0.0' ? '0.0' : value.toFixed(1));
  const total = (pick: (w: EffectiveWeight) => number): string => pct(weights.reduce((sum, w) => sum + pick(w), 0));
  return {
    columns: [
      { key: 'domain', title: 'Domain', kind: 'text' },
      { key: 'label', title: 'Label', kind: 'text' },
      { key: 'weight', title: 'Weight', kind: 'number' },
      { key: 'nominal_pct', title: 'Nominal %', kind: 'pct' },
      { key: 'effective_pct', title: 'Effective %', kind: 'pct' },
    ],
    rows: weights.map((w) => [w.id, w.label, w.weight, pct(w.nominalPct), pct(w.effectivePct)]),
    total: ['', 'Total', '', total((w) => w.nominalPct), total((w) => w.effectivePct)],
  };
}

/**
 * How to read the table, in plain sentences: what an effective weight is, which domain drives the figure
 * most against its nominal weight, and the counted domains that tell the same story.
 */
export function weightsNote(weights: readonly EffectiveWeight[], sameStory: readonly OverlapPair[]): string[] {
  const lines = [
    "A domain's effective weight is its share of how much the LSOA figures differ from one another (cov(weight × rank, figure) ÷ var(figure)). " +
      'Above its nominal weight, a domain drives the result more than its weight alone says, because its ranks vary more or move with the other domains; below it, less.',
  ];
  const varied = weights.filter((w) => !Number.isNaN(w.effectivePct));
  if (varied.length === 0) return [...lines, 'Every LSOA of the area has the same figure, so no domain accounts for any difference.'];
  const most = varied.reduce((a, b) => (b.effectivePct - b.nominalPct > a.effectivePct - a.nominalPct ? b : a));
  if (most.effectivePct - most.nominalPct >= 0.05) {
    lines.push(`${most.label} carries ${most.effectivePct.toFixed(1)}% of the differences on ${most.nominalPct.toFixed(1)}% of the weight.`);
  }
  const against = varied.filter((w) => w.effectivePct < 0);
  if (against.length > 0) {
    const which = andList(against.map((w) => w.label));
    lines.push(
      `${which} ${against.length === 1 ? 'has a negative effective weight: its ranks run' : 'have negative effective weights: their ranks run'} against the others', so ${against.length === 1 ? 'it narrows' : 'they narrow'} the differences the others make.`,
    );
  }
  if (sameStory.length > 0) {
    const pairs = sameStory.map((p) => `${p.a} and ${p.b} (ρ = ${p.rho.toFixed(2)})`);
    lines.push(`These counted domains tell the same story (their need ranks correlate at 0.8 or more): ${andList(pairs)}.`);
  } else {
    lines.push('No two counted domains tell the same story (no pair of need ranks correlates at 0.8 or more).');
  }
  return lines;
}
