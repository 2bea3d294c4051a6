/**
 * Swapping one source of a formula for an officer's own figures (`--replace SOURCE=FILE`), keeping every
 * other source as shipped. Pure: the figures come in already read (see parseReplacement).
 */
import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Domain, Formula, Source } from '../engine/formula.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
import type { LsoaCodeHints } from './lsoaCodeHints.js';
import { parseReplacement, type Replacement } from './parseReplacement.js';

/** A source of the formula, found by its id. */
export interface SourceRef {
  /** How the source is named: the domain id when the domain has one source, else `domain.field`. */
  readonly id: string;
  readonly domain: Domain;
  readonly source: Source;
}

/**
 * The id each source of the formula goes by in `--replace`: the domain id for a domain of one source
 * (`community-safety`), `domain.field` for one of several (`adults.idaopi_rate`).
 *
 * @example sourceId(formula.domains[4], formula.domains[4].sources[1]) // => 'adults.idaopi_rate'
 */
export function sourceId(domain: Domain, source: Source): string {
  return domain.sources.length === 1 ? domain.id : `${domain.id}.${source.field}`;
}

/** Every source id of the formula, in formula order (see {@link sourceId}). */
export function sourceIds(formula: Formula): string[] {
  return formula.domains.flatMap((domain) => domain.sources.map((source) => sourceId(domain, source)));
}

/**
 * The source a `--replace` id names: a domain id when the domain has one source, or `domain.field`
 * (which a one-source domain also answers to). A domain of several sources named alone, or an id that is
 * no source, is a usage failure listing what to write instead.
 *
 * @example findSource(formula, 'community-safety') // => ok({ id: 'community-safety', domain, source: crime_rank })
 */
export function findSource(formula: Formula, ref: string): Result<SourceRef> {
  const id = ref.trim();
  const dot = id.indexOf('.');
  const domainId = dot < 0 ? id : id.slice(0, dot);
  const domain = formula.domains.find((d) => d.id === domainId);
  if (domain !== undefined && dot < 0) {
    const only = domain.sources[0] as Source;
    if (domain.sources.length === 1) return ok({ id: domain.id, domain, source: only });
    return fail('usage', 'ambiguous-source', `domain "${domain.id}" has ${domain.sources.length} sources, so --replace must name one`, {
      hint: `Write --replace ${domain.id}.${only.field}=FILE or another of ${domain.sources.slice(1).map((s) => `${domain.id}.${s.field}`).join(', ')} (fairshare domains lists them)`,
    });
  }
  const source = domain?.sources.find((s) => s.field === id.slice(dot + 1));
  if (domain !== undefined && source !== undefined) return ok({ id: sourceId(domain, source), domain, source });
  const ids = sourceIds(formula);
  const guess = nearest(id, ids);
  return fail('usage', 'unknown-source', `--replace names "${shown(id)}", which is not a source of the formula ${shown(formula.id)}`, {
    hint: `${guess === undefined ? '' : `Did you mean ${guess}? `}Sources: ${ids.join(', ')} (fairshare domains lists them)`,
  });
}

/** What a replacement does to the dataset and the formula, with the words that describe it. */
export interface Replaced {
  readonly dataset: Dataset;
  readonly formula: Formula;
}

/**
 * The dataset with the replacement's figures as a new column, and the formula with the named source
 * reading that column, pointing the replacement's way and labelled with the file it came from. The
 * dataset must be the one the figures were read against (same units, same order).
 *
 * @example replaceSource(dataset, formula, found, replacement, 'my-crime.csv').formula.domains[3].sources[0].label
 * // => 'Crime domain rank, replaced by my-crime.csv (national_rank)'
 */
export function replaceSource(dataset: Dataset, formula: Formula, ref: SourceRef, replacement: Replacement, file: string): Replaced {
  const field = `replaced:${ref.id}`;
  const fields = new Map(dataset.fields);
  fields.set(field, replacement.values);
  const swapped: Source = { field, label: `${ref.source.label}, replaced by ${file} (${replacement.column})`, higherMeans: replacement.higherMeans };
  const domains = formula.domains.map((domain) =>
    domain !== ref.domain ? domain : { ...domain, sources: domain.sources.map((source) => (source === ref.source ? swapped : source)) },
  );
  return { dataset: { ...dataset, fields }, formula: { ...formula, domains } };
}

/** One replacement to apply: the source id and file as written, its text (a workbook as CSV), its SHA-256. */
export interface ReplacementFile {
  readonly source: string;
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
}

/** What a replacement is checked against: every LSOA code of the data, how to name codes, the area. */
export interface ReplacementContext {
  readonly known: ReadonlySet<string>;
  readonly codes?: LsoaCodeHints;
  readonly areaName: string;
}

/**
 * Apply one replacement to a dataset (the area's LSOAs) and its formula: find the source, read the
 * figures against the dataset's LSOAs, swap them in, and say so in the words the run's `Data:` line adds
 * (`community-safety replaced by my-crime.csv (national_rank, SHA-256 …)`). A source the formula does not
 * have is a usage failure; a problem in the file a data failure at its line and column.
 */
export function replaceFromFile(
  dataset: Dataset,
  formula: Formula,
  replacement: ReplacementFile,
  context: ReplacementContext,
): Result<Replaced & { readonly described: string }> {
  const ref = findSource(formula, replacement.source);
  if (!ref.ok) return ref;
  const codes = dataset.units.map((u) => u.code);
  const parsed = parseReplacement(replacement.text, replacement.file, codes, context.known, {
    ...(context.codes === undefined ? {} : { codes: context.codes }),
    areaName: context.areaName,
  });
  if (!parsed.ok) return parsed;
  const name = replacement.file.split(/[\\/]/).pop() ?? replacement.file;
  const replaced = replaceSource(dataset, formula, ref.value, parsed.value, name);
  return ok({ ...replaced, described: `${ref.value.id} replaced by ${name} (${parsed.value.column}, SHA-256 ${replacement.sha256})` });
}
