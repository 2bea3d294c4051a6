/**
 * How messages about LSOA codes in a user's file (a lookup, points) name the codes the run expects: the
 * geography of the data's LSOAs, an example code, and, for a code of the other vintage's geography, which
 * vintage holds it and which codes replaced it. Pure.
 */
import type { Dataset } from '../engine/dataset.js';
import { describeOtherVintage, type LsoaChange } from './lsoaChanges.js';
import type { Vintage } from './vintage.js';

export interface LsoaCodeHints {
  /**
   * The geography of the data's LSOAs, in words: `LSOA (2021)`, `LSOA (2011)`, or `LSOA` for a --data file.
   */
  readonly geography: string;
  /** A code of the data, for the hint. */
  readonly example: string;
  /** A command that lists the data's LSOA codes, runnable as written. */
  readonly listing?: string;
  /**
   * For a code that is not in the data: a sentence saying it is of the other vintage, and what replaced it.
   */
  readonly otherVintage?: (code: string) => string | undefined;
}

/** The hints the 2019 pack's messages always gave, for callers that name no data. */
export const LSOA_2011_HINTS: LsoaCodeHints = { geography: 'LSOA (2011)', example: 'E01027315' };

/**
 * The hints for a run's data: the LSOA geography of its vintage, its first code, and (for a shipped pack)
 * what the ONS LSOA 2011 → 2021 changes say of a code of the other geography.
 *
 * @example lsoaCodeHints(pack2025, '2025', changes).otherVintage?.('E01027014')
 * // => 'E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405: give one of those codes, or add --vintage 2019'
 */
export function lsoaCodeHints(dataset: Dataset, vintage: Vintage | undefined, changes: readonly LsoaChange[]): LsoaCodeHints {
  const geography = vintage === '2025' ? 'LSOA (2021)' : vintage === '2019' ? 'LSOA (2011)' : 'LSOA';
  const example = dataset.units[0]?.code ?? 'E01027315';
  if (vintage === undefined) return { geography, example };
  return {
    geography,
    example,
    listing: `fairshare allocate --budget 1 --level lsoa --format csv --vintage ${vintage}`,
    otherVintage: (code) => {
      const other = describeOtherVintage(code, vintage, changes);
      return other === undefined ? undefined : `${other.message}: ${other.hint.charAt(0).toLowerCase()}${other.hint.slice(1)}`;
    },
  };
}
