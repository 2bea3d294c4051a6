import { findArea } from '../data/area.js';
import { describeOtherVintage } from '../data/lsoaChanges.js';
import { VINTAGES, type Vintage } from '../data/vintage.js';
import type { Dataset, Unit } from '../engine/dataset.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
import type { AppIo } from './context.js';
import { Failure } from './failure.js';
import { loadData, loadLsoaChanges, type Inputs } from './inputs.js';
import { shellWord } from './shellWord.js';
import { firstFew } from '../engine/wording.js';

/** The options of the run as typed, which a hint's command must repeat to list the same LSOAs. */
export interface FindLsoaOptions {
  readonly data?: string;
  readonly vintage?: string;
}

/** What a code or name typed matches among some units. */
export type LsoaMatch =
  { readonly kind: 'one'; readonly index: number } | { readonly kind: 'several'; readonly indices: readonly number[] } | { readonly kind: 'none' };

/** A name or code as compared: trimmed, runs of spaces as one, in lower case. */
function folded(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The unit a user means by `typed`: the one whose code it is, else the one whose name it is (both
 * trimmed and case-insensitive; runs of spaces count as one). Several units of one name (possible in a
 * `--data` file) are `several`. Pure.
 *
 * @example matchLsoa(' daventry 008d ', pack2019.units) // => { kind: 'one', index: … } (E01027013)
 */
export function matchLsoa(typed: string, units: readonly Unit[]): LsoaMatch {
  const wanted = folded(typed);
  if (wanted === '') return { kind: 'none' };
  const byCode = units.findIndex((u) => u.code.toLowerCase() === wanted);
  if (byCode !== -1) return { kind: 'one', index: byCode };
  const byName = units.flatMap((u, i) => (folded(u.name) === wanted ? [i] : []));
  const [only] = byName;
  if (only !== undefined && byName.length === 1) return { kind: 'one', index: only };
  return byName.length > 1 ? { kind: 'several', indices: byName } : { kind: 'none' };
}

/**
 * Whether text typed for an LSOA looks like a code (`E01027013`, a `--data` code such as `F04`: a few
 * letters, then a digit, letters and digits) rather than a name (`Daventry 008D`).
 */
function looksLikeCode(text: string): boolean {
  return /^[a-z]{0,3}\d[a-z0-9]*$/i.test(text.trim());
}

/**
 * The index in the run's area of the LSOA named by code or name. Otherwise a usage Failure that says
 * what to do: an LSOA of the data outside the area names where it is and the `--area` to add; a code or
 * name of the other vintage's geography says what this vintage has instead; anything else is unknown,
 * with the nearest code or name of the area and a command that lists them all.
 *
 * @example await findLsoa('Daventry 008D', inputs, {}, io) // => the index of E01027013 in inputs.dataset
 */
export async function findLsoa(typed: string, inputs: Inputs, options: FindLsoaOptions, io: AppIo): Promise<number> {
  const wanted = typed.trim().replace(/\s+/g, ' ');
  if (wanted === '') {
    const example = inputs.dataset.units[0];
    throw new Failure({
      kind: 'usage',
      code: 'no-lsoa',
      message: 'no LSOA code or name given',
      hint: example === undefined ? 'Give an LSOA code or name' : `Give a code like ${shown(example.code)} or a name like ${shellWord(example.name)}`,
    });
  }
  const inArea = matchLsoa(wanted, inputs.dataset.units);
  if (inArea.kind === 'one') return inArea.index;
  if (inArea.kind === 'several')
    throw sharedName(
      wanted,
      inArea.indices.map((i) => inputs.dataset.units[i] as Unit),
    );
  const elsewhere = matchLsoa(wanted, inputs.all.units);
  if (elsewhere.kind === 'several')
    throw sharedName(
      wanted,
      elsewhere.indices.map((i) => inputs.all.units[i] as Unit),
    );
  if (elsewhere.kind === 'one') throw outsideArea(inputs.all.units[elsewhere.index] as Unit, inputs);
  const byCode = looksLikeCode(wanted);
  if (inputs.vintage !== undefined) {
    const other = byCode ? await codeOfOtherVintage(wanted.toUpperCase(), inputs.vintage) : await nameOfOtherVintage(wanted, inputs, io);
    if (other !== undefined) throw other;
  }
  throw unknownLsoa(wanted, byCode, inputs, options);
}

/** A name that several LSOAs of a `--data` file have: their codes, to choose from. */
function sharedName(name: string, units: readonly Unit[]): Failure {
  return new Failure({
    kind: 'usage',
    code: 'ambiguous-lsoa-name',
    message: `${units.length} LSOAs of the data are called "${shown(name)}": ${firstFew(units.map((u) => shown(u.code)))}`,
    hint: 'Give the code of the one you mean',
  });
}

/**
 * An LSOA of the data outside the selected area: where it is, and the --area (its district, or its county)
 * that holds it.
 */
function outsideArea(unit: Unit, inputs: Inputs): Failure {
  const areas = [areaArgument(inputs.all, unit.districtCode, unit.districtName)];
  if (unit.countyName !== '' && unit.countyCode !== unit.districtCode) {
    areas.push(areaArgument(inputs.all, unit.countyCode, unit.countyName));
  }
  return new Failure({
    kind: 'usage',
    code: 'lsoa-outside-area',
    message: `${shown(unit.code)} (${shown(unit.name)}) is in ${shown(unit.districtName)}, outside the selected area ${shown(inputs.area.name)}`,
    hint: `Add ${areas.map((a) => `--area ${a}`).join(' or ')}`,
  });
}

/**
 * How `--area` can name an area in a hint: by its name when the name selects exactly that area (so
 * `--area Daventry`), else by its code; written for a shell.
 */
function areaArgument(all: Dataset, code: string, name: string): string {
  const byName = findArea(all, name);
  return shellWord(code === '' || (byName.ok && byName.value.code === code) ? name : code);
}

/** A code of the other vintage's LSOA geography: which codes replaced it (ONS LSOA 2011 → 2021 changes). */
async function codeOfOtherVintage(code: string, vintage: Vintage): Promise<Failure | undefined> {
  const other = describeOtherVintage(code, vintage, (await loadLsoaChanges()).changes);
  return other === undefined ? undefined : new Failure({ kind: 'usage', code: 'lsoa-of-other-vintage', ...other });
}

/**
 * A name of an LSOA of the other vintage (LSOA names changed with the councils of 2021 and after:
 * "Daventry 008D" of 2019 is "West Northamptonshire 022D" of 2025): the code it names, and what this
 * vintage calls that LSOA, or which codes replaced it.
 */
async function nameOfOtherVintage(name: string, inputs: Inputs, io: AppIo): Promise<Failure | undefined> {
  const vintage = inputs.vintage as Vintage;
  const otherVintage = VINTAGES.find((v) => v !== vintage) as Vintage;
  // Read only on this path: a name that is nowhere in this vintage.
  const other = await loadData(undefined, undefined, io.cwd, io, otherVintage).catch((error: unknown) => {
    if (error instanceof Failure) return undefined;
    throw error;
  });
  if (other === undefined) return undefined;
  const match = matchLsoa(name, other.dataset.units);
  if (match.kind !== 'one') return undefined;
  const unit = other.dataset.units[match.index] as Unit;
  const said = `no LSOA of the ${vintage} vintage is called "${shown(name)}"`;
  const here = inputs.all.units.find((u) => u.code === unit.code);
  if (here !== undefined) {
    return new Failure({
      kind: 'usage',
      code: 'lsoa-of-other-vintage',
      message: `${said}: that is the ${otherVintage} vintage's name of ${unit.code}, which the ${vintage} vintage calls ${here.name}`,
      hint: `Give ${here.code} or ${shellWord(here.name)}, or add --vintage ${otherVintage}`,
    });
  }
  const replaced = describeOtherVintage(unit.code, vintage, (await loadLsoaChanges()).changes);
  return replaced === undefined
    ? undefined
    : new Failure({ kind: 'usage', code: 'lsoa-of-other-vintage', message: `${said}: ${replaced.message}`, hint: replaced.hint });
}

/** The longest text a suggestion is looked for (LSOA names are at most about 40 characters). */
const MAX_GUESSED = 100;

/** An LSOA nowhere in the data: the nearest code or name of the area, and a command that lists them all. */
function unknownLsoa(wanted: string, byCode: boolean, inputs: Inputs, options: FindLsoaOptions): Failure {
  const units = inputs.dataset.units;
  const codes = units.map((u) => u.code);
  const names = units.map((u) => u.name);
  // No LSOA name is near so long a text, and the edit distance to each would take seconds.
  const pick =
    wanted.length > MAX_GUESSED ? undefined : byCode ? (nearest(wanted, codes) ?? nearest(wanted, names)) : (nearest(wanted, names) ?? nearest(wanted, codes));
  const guessed = pick === undefined ? undefined : units.find((u) => u.code === pick || u.name === pick);
  const guess =
    guessed === undefined
      ? ''
      : pick === guessed.code
        ? `Did you mean ${shown(guessed.code)} (${shown(guessed.name)})? `
        : `Did you mean "${shown(guessed.name)}" (${shown(guessed.code)})? `;
  const list = ['fairshare allocate --budget 1 --level lsoa'];
  if (options.data !== undefined) list.push(`--data ${shellWord(options.data)}`);
  if (inputs.area.kind !== 'all') list.push(`--area ${areaArgument(inputs.all, inputs.area.code, inputs.area.name)}`);
  if (options.vintage !== undefined && inputs.vintage !== undefined) list.push(`--vintage ${inputs.vintage}`);
  return new Failure({
    kind: 'usage',
    code: 'unknown-lsoa',
    message: `unknown LSOA ${byCode ? 'code' : 'name'} "${shown(wanted)}"`,
    hint: `${guess}To list the LSOA codes and names of ${inputs.area.kind === 'all' ? 'the data' : shown(inputs.area.name)}, run: ${list.join(' ')}`,
  });
}
