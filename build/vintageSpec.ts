/**
 * How a vintage's data pack is described: which source file and column feeds which pack column, and by
 * which rule. One VintageSpec per vintage (build/vintages/v2019.ts, v2025.ts); one generic builder
 * (build/buildPack.ts) reads any of them. Every rule is documented in data/README.md.
 */
import type { PackVintage } from '../src/data/packFormat.js';

/**
 * A column, found by its header: a header matches a name when, lower-cased with its spaces collapsed, it
 * starts with that name. The first name that matches one header wins; a name that matches two headers is
 * an error.
 */
export type Header = string | readonly string[];

/** How a source's rows relate to the pack's LSOAs. */
export type SourceRows =
  /** One row per LSOA, keyed by the `key` column. */
  | {
      readonly by: 'lsoa';
      readonly key: Header;
      /**
       * `exact`: the same LSOAs as the index source, no others. `country`: rows whose code does not start
       * with the spec's `country` prefix (e.g. Welsh `W01` rows) are skipped, then `exact`. `some`: a subset
       * of the index's LSOAs (e.g. one county's).
       */
      readonly cover: 'exact' | 'country' | 'some';
    }
  /** Read whole by a named transform (e.g. a district → county lookup). */
  | { readonly by: 'table' };

/** One source file: its path under the shared data folder (also its name in the pack's `sources`). */
export interface SourceSpec {
  readonly file: string;
  readonly rows: SourceRows;
}

/** A cell of an LSOA's row in one of the `by: 'lsoa'` sources. */
export interface ColumnRef {
  readonly source: string;
  readonly column: Header;
}

/**
 * One term of a whole-number sum: an earlier number field, or a source cell, times a whole number (default
 * 1).
 */
export type Term = { readonly times?: number } & ({ readonly field: string } | ColumnRef);

/** A text column of the pack. */
export type TextRule =
  /** The cell as written (trimmed). */
  | { readonly field: string; readonly kind: 'text'; readonly from: ColumnRef }
  /** One part (`code`, `name`) of a named transform's result. */
  | { readonly field: string; readonly kind: 'transform'; readonly transform: string; readonly part: string };

/** A number column of the pack. */
export type NumberRule =
  /** A whole number of people or households; thousands separators (`"1,296"`) allowed. */
  | { readonly field: string; readonly kind: 'count'; readonly from: ColumnRef }
  /** A national rank as published: a whole number from 1 (1 = most deprived); ties kept. */
  | { readonly field: string; readonly kind: 'rank'; readonly from: ColumnRef }
  /** The sum of several whole-number cells of one source. */
  | { readonly field: string; readonly kind: 'sum'; readonly source: string; readonly columns: readonly Header[] }
  /**
   * A published numerator that is blank when suppressed: a blank becomes SUPPRESSED_FILL and is counted in
   * `fills`.
   */
  | { readonly field: string; readonly kind: 'numerator'; readonly from: ColumnRef }
  /** 1 where the `numerator` field `of` was blank and filled, else 0. */
  | { readonly field: string; readonly kind: 'suppressed'; readonly of: string }
  /**
   * One division of two whole numbers, each a sum of terms: equal fractions give the same double. A zero
   * denominator is an error naming the LSOA.
   */
  | { readonly field: string; readonly kind: 'ratio'; readonly numerator: readonly Term[]; readonly denominator: readonly Term[] }
  /** One number part (e.g. `derived`) of a named transform's result. */
  | { readonly field: string; readonly kind: 'transform'; readonly transform: string; readonly part: string };

/**
 * The named transforms: computations that need more than one row of one file. Each gives every LSOA a
 * record of parts, which rules pick by name. See build/transforms.ts.
 */
export type TransformSpec =
  /**
   * The two-tier county of each district from a ward → district → county lookup (blank and E99999999
   * counties ignored); a district not in it is its own county. Parts `code`, `name`.
   */
  | {
      readonly kind: 'twoTierCounty';
      readonly source: string;
      readonly district: Header;
      readonly code: Header;
      readonly name: Header;
      /** The pack's district code and name fields. */
      readonly districtField: string;
      readonly districtNameField: string;
    }
  /**
   * The district an LSOA was in before any reorganisation, from the district name of its 2011 LSOA:
   * that name's code in the latest year up to `upTo` in which it appears in the district vintages table,
   * and the code's name that year. A name `A;B` (an LSOA straddling two former districts) goes to the one
   * that maps forward (column `forward`) to the LSOA's district today. Parts `code`, `name`.
   */
  | {
      readonly kind: 'formerDistrict';
      readonly from: ColumnRef;
      /** A `by: 'table'` source with columns `<prefix><yy>_code`, `<prefix><yy>_name`. */
      readonly vintages: string;
      readonly prefix: string;
      /** The years to look in, earliest first, as in the column names (e.g. `['16', '17', '18', '19']`). */
      readonly years: readonly string[];
      /** The year whose codes are today's districts (e.g. `24`). */
      readonly forward: string;
      /**
       * Names as the 2011 LSOA names write them → as the vintages table does (e.g. `Bristol` → `Bristol, City
       * of`).
       */
      readonly aliases: Readonly<Record<string, string>>;
      readonly districtField: string;
    }
  /**
   * The ward of each LSOA from a best-fit lookup, except in `districts`, whose LSOAs take their ward from
   * a second (`some`) lookup and are marked derived. Parts `code`, `name`, `derived` (1 or 0).
   */
  | {
      readonly kind: 'wardWithOverride';
      readonly ward: { readonly source: string; readonly code: Header; readonly name: Header };
      readonly override: { readonly source: string; readonly code: Header; readonly name: Header };
      readonly districts: readonly string[];
      readonly districtField: string;
    };

/** A cell that must equal a pack field (e.g. a file's own copy of the LSOA's district). */
export interface AgreeCheck {
  readonly from: ColumnRef;
  readonly field: string;
}

/** Known answers checked after the build, printed and enforced. */
export interface KnownAnswers {
  readonly lsoas: number;
  /** Distinct `district_code` values. */
  readonly districts: number;
  readonly fills: Readonly<Record<string, number>>;
  readonly areas: readonly AreaAnswer[];
}

/** An area's known answers: the LSOAs whose `field` is one of `codes`. */
export interface AreaAnswer {
  readonly name: string;
  readonly field: string;
  readonly codes: readonly string[];
  readonly lsoas: number;
  /** The sum of the `population` field. */
  readonly population?: number;
  /** Exactly these distinct values of another field among the area's LSOAs. */
  readonly distinct?: { readonly field: string; readonly values: readonly string[] };
}

/**
 * Everything that makes one vintage's pack.
 * @example buildPack(V2025, inputs) // see build/vintages/v2025.ts
 */
export interface VintageSpec {
  readonly vintage: PackVintage;
  readonly title: string;
  readonly vintageLabel: string;
  readonly licence: string;
  /** The pack file written under data/. */
  readonly output: string;
  /** The pack format version written: 3, the binary pack (2 and 1 write gzipped JSON for older readers). */
  readonly packVersion: 1 | 2 | 3;
  /** The prefix of the LSOA codes kept from `country` sources, e.g. `E01`. */
  readonly country: string;
  /** The sources, in the order the pack lists them. */
  readonly sources: Readonly<Record<string, SourceSpec>>;
  /** The source whose LSOAs the pack holds (a `by: 'lsoa'`, `cover: 'exact'` source). */
  readonly index: string;
  readonly transforms: Readonly<Record<string, TransformSpec>>;
  /** In order; the first must be `lsoa_code`. */
  readonly textFields: readonly TextRule[];
  /** In order. */
  readonly fields: readonly NumberRule[];
  /** Code and name fields that must give each code one name (e.g. district_code, district_name). */
  readonly oneName: readonly { readonly code: string; readonly name: string; readonly noun: string }[];
  readonly agree: readonly AgreeCheck[];
  readonly known: KnownAnswers;
}
