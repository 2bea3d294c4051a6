/**
 * A share lookup: how each small area (LSOA) is split between the areas of another geography (wards,
 * electoral divisions). An LSOA's shares add up to 1. Shares are kept as the exact decimal text of the
 * file so that nothing is lost before the engine scales them to whole numbers.
 */

export interface LookupRow {
  readonly lsoaCode: string;
  readonly areaCode: string;
  readonly areaName: string;
  /**
   * The share of the LSOA in the area, as written: a decimal from 0 to 1, e.g. `1`, `0.5`, `0.333333333333`.
   */
  readonly share: string;
  /** True when the share is an estimate (e.g. a ward split equally between divisions), not a count. */
  readonly estimated: boolean;
  /** The line of the file the row came from (from 1), for messages. */
  readonly line: number;
}

export interface Lookup {
  /** The file it was read from, for messages and provenance. */
  readonly file: string;
  /** What the areas are called, e.g. `ward` or `division` (for headers). */
  readonly level: string;
  readonly rows: readonly LookupRow[];
}
