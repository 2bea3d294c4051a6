/**
 * A formula: the domains of need, where each domain's value comes from, and how much it counts.
 * The default formula lives in data/formulas/northamptonshire.json; a `--data` file implies one domain
 * per column.
 */

/** Which way a source's values point. IoD national ranks are `less-need` (1 = most deprived in England). */
export type Direction = 'more-need' | 'less-need';

export interface Source {
  /** The dataset field (column) the values come from. */
  readonly field: string;
  readonly label: string;
  /**
   * `more-need`: a larger value means more need (a rate); `less-need`: a larger value means less need (a
   * national rank).
   */
  readonly higherMeans: Direction;
}

export interface Domain {
  readonly id: string;
  readonly label: string;
  readonly sources: readonly Source[];
  /** Default weight, as written in the formula (a decimal string keeps it exact). */
  readonly weight: string;
}

export interface Formula {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly domains: readonly Domain[];
}
