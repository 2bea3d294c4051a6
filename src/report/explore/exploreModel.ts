/**
 * What an explorer page holds: the area's LSOAs with the fields its formula reads, the formula, the
 * baseline settings and the map. The app layer makes it (src/app/explore.ts), the page's script reads it
 * (src/explore/page.ts) and runs the engine on it. Plain data, written into the page as JSON.
 */
import type { Unit } from '../../engine/dataset.js';
import type { Formula } from '../../engine/formula.js';

/** The settings a page shares the budget with: the baseline's, or those the officer has chosen. */
export interface ExploreSettings {
  /** The budget as typed (`12.7m`, `£1.2bn`, `12700000.00`). */
  readonly budget: string;
  /** Domain ids left out. */
  readonly exclude: readonly string[];
  /** Each domain's weight, as a decimal string, in the formula's order. */
  readonly weights: readonly (readonly [string, string])[];
  /** The level of the table: `district`, `former-district`, `ward`, `lsoa`, … */
  readonly level: string;
}

/** A level the page can show, with its name for people. */
export interface ExploreLevel {
  readonly id: string;
  readonly label: string;
}

/** What a scenario file exported from the page says of its data (as the command that made it was given). */
export interface ExploreScenarioBasis {
  /** The area's code, which names it exactly. */
  readonly area: string;
  readonly vintage?: string;
  /** `--formula` as given, when it was. */
  readonly formula?: string;
  /** `--data` as given, when it was. */
  readonly data?: string;
  /** `--population` as given (`total` by default). */
  readonly population: string;
  /** `--replace` as given: source id and file. */
  readonly replace: readonly (readonly [string, string])[];
}

export interface ExploreModel {
  readonly tool: { readonly name: string; readonly version: string };
  readonly area: { readonly kind: string; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The data in words (`IoD2025 (…)`, `data file my.csv`). */
  readonly dataWords: string;
  readonly vintage?: string;
  readonly licence?: string;
  /** The formula as loaded, before the baseline's exclusions and weights. */
  readonly formula: Formula;
  /** The dataset field of the people counted (`population`, `population_65_plus`, …). */
  readonly populationField: string;
  readonly baseline: ExploreSettings;
  readonly levels: readonly ExploreLevel[];
  /** The area's LSOAs, sorted by code, as the engine has them. */
  readonly units: readonly Unit[];
  /** The fields the formula and the population base read, one value per unit: name and values. */
  readonly fields: readonly (readonly [string, readonly number[]])[];
  readonly scenario: ExploreScenarioBasis;
  /** Why the page has no map, when it has none. */
  readonly mapUnavailable?: string;
}
