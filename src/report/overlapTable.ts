import type { ChalkInstance } from 'chalk';
import type { OverlapPair } from '../engine/overlap.js';
import type { Table } from './table.js';
import { toTerminal } from './toTerminal.js';

/** Every pair as a table: `within,a,b,rho,same_story` (ρ to 4 places; same_story `yes` when |ρ| ≥ 0.8). */
export function overlapTable(pairs: readonly OverlapPair[]): Table {
  return {
    columns: [
      { key: 'within', title: 'Within', kind: 'text' },
      { key: 'a', title: 'A', kind: 'text' },
      { key: 'b', title: 'B', kind: 'text' },
      { key: 'rho', title: 'ρ', kind: 'number' },
      { key: 'same_story', title: 'Same story', kind: 'text' },
    ],
    rows: pairs.map((p) => [p.within, p.a, p.b, Number.isNaN(p.rho) ? '' : p.rho.toFixed(4), p.sameStory ? 'yes' : 'no']),
  };
}

/**
 * The domain pairs as a matrix for a terminal (ρ to 2 places, `*` where |ρ| ≥ 0.8, red with colour),
 * then the pairs of sources inside multi-source domains.
 */
export function overlapMatrix(pairs: readonly OverlapPair[], domainIds: readonly string[], chalk: ChalkInstance): string {
  const rho = new Map(
    pairs
      .filter((p) => p.within === 'domains')
      .flatMap((p) => [
        [`${p.a}|${p.b}`, p],
        [`${p.b}|${p.a}`, p],
      ]),
  );
  const cell = (a: string, b: string): string => {
    if (a === b) return '1.00 ';
    const p = rho.get(`${a}|${b}`);
    if (!p || Number.isNaN(p.rho)) return '';
    return `${p.rho.toFixed(2)}${p.sameStory ? '*' : ' '}`;
  };
  const matrix: Table = {
    columns: [{ key: 'domain', title: '', kind: 'text' }, ...domainIds.map((id, i) => ({ key: id, title: `(${i + 1})`, kind: 'number' as const }))],
    rows: domainIds.map((a, i) => [`(${i + 1}) ${a}`, ...domainIds.map((b) => cell(a, b))]),
  };
  const text = toTerminal(matrix, { chalk }).replace(/(-?\d\.\d\d\*)/g, (m) => chalk.red(m));
  const inside = pairs.filter((p) => p.within !== 'domains');
  const lines = [chalk.dim("Spearman's ρ between the domains' need ranks; * = |ρ| ≥ 0.8, the two tell the same story."), '', text];
  if (inside.length) {
    lines.push(chalk.dim('Sources inside a domain:'));
    for (const p of inside)
      lines.push(`  ${p.within}: ${p.a} ~ ${p.b}  ρ = ${Number.isNaN(p.rho) ? 'n/a' : p.rho.toFixed(2)}${p.sameStory ? chalk.red(' * same story') : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
