// The engine's public surface: pure functions, no I/O. Re-exports only.
export type { Dataset, Unit } from './dataset.js';
export { fail, formatError, ok } from './errors.js';
export type { ErrorKind, FairshareError, Location, Result } from './errors.js';
export { Exact, round2 } from './exact.js';
export { fairShare } from './fairShare.js';
export type { Allocation, DomainRanking, FairShareOptions } from './fairShare.js';
export type { Direction, Domain, Formula, Source } from './formula.js';
export { largestRemainder } from './largestRemainder.js';
export { editDistance, nearest } from './nearest.js';
export { AMOUNT_FORMS, parseAmount } from './parseAmount.js';
export { rank } from './rank.js';
export type { RankOptions } from './rank.js';
export { tabulate } from './tabulate.js';
export type { DistrictRow, DistrictTable } from './tabulate.js';
export { MAX_WEIGHT_DECIMALS, weigh } from './weigh.js';
export type { WeighOptions, WeightedDomain, WeightedFormula } from './weigh.js';
