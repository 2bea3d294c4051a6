/**
 * The formula a `--data` file implies: its need columns are the domains, each counted once.
 */
import type { Domain, Formula } from '../engine/formula.js';

/**
 * One domain per need column of a `--data` file, each with a single `more-need` source (the column itself)
 * and weight 1. A domain whose id is also in `base` (the default formula) keeps that domain's label, so a
 * council's own "deprivation" column still prints as "Deprivation"; otherwise the label is the id.
 *
 * @example formulaForData(['deprivation', 'need_a'], northamptonshire).domains.map((d) => d.label)
 * // => ['Deprivation', 'need_a']
 */
export function formulaForData(domainIds: readonly string[], base?: Formula): Formula {
  const labels = new Map((base?.domains ?? []).map((domain) => [domain.id, domain.label]));
  const domains = domainIds.map(
    (id): Domain => ({
      id,
      label: labels.get(id) ?? id,
      sources: [{ field: id, label: `${id} column`, higherMeans: 'more-need' }],
      weight: '1',
    }),
  );
  return {
    id: 'data-file',
    name: 'Formula from the data file',
    description: 'One domain per need column of the --data file, each weighted 1, where a higher value means more need.',
    domains,
  };
}
