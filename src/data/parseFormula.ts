import { fail, ok, type Result } from '../engine/errors.js';
import type { Domain, Formula, Source } from '../engine/formula.js';

/**
 * Read a formula document (data/formulas/*.json): an id, a name, a description and a list of domains,
 * each with an id, a label, a default weight and one or more sources (`field`, `label`, `higherMeans`).
 * Refuses anything else with a message naming the JSON path that is wrong.
 */
export function parseFormula(text: string, file: string): Result<Formula> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return fail('data', 'bad-formula', `the formula is not valid JSON (${(error as Error).message})`, { location: { file } });
  }
  const bad = (path: string, expected: string): Result<Formula> =>
    fail('data', 'bad-formula', `${path} must be ${expected}`, { location: { file }, hint: 'See data/README.md, section Formulas' });

  if (!isObject(doc)) return bad('the formula', 'a JSON object');
  for (const key of ['id', 'name', 'description'] as const) {
    if (typeof doc[key] !== 'string') return bad(key, 'a string');
  }
  if (!Array.isArray(doc.domains) || doc.domains.length === 0) return bad('domains', 'a non-empty list');
  const domains: Domain[] = [];
  const seen = new Set<string>();
  for (const [i, d] of doc.domains.entries()) {
    const at = `domains[${i}]`;
    if (!isObject(d)) return bad(at, 'an object');
    if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(d.id)) return bad(`${at}.id`, 'an id of lowercase letters, digits and hyphens');
    if (seen.has(d.id)) return bad(`${at}.id`, `unique, but "${d.id}" appears twice`);
    seen.add(d.id);
    if (typeof d.label !== 'string') return bad(`${at}.label`, 'a string');
    const weight = typeof d.weight === 'number' ? String(d.weight) : d.weight;
    if (typeof weight !== 'string' || !/^\d+(\.\d+)?$/.test(weight)) return bad(`${at}.weight`, 'a number of 0 or more');
    if (!Array.isArray(d.sources) || d.sources.length === 0) return bad(`${at}.sources`, 'a non-empty list');
    const sources: Source[] = [];
    for (const [j, s] of d.sources.entries()) {
      const sat = `${at}.sources[${j}]`;
      if (!isObject(s)) return bad(sat, 'an object');
      if (typeof s.field !== 'string' || s.field === '') return bad(`${sat}.field`, 'a column name');
      if (typeof s.label !== 'string') return bad(`${sat}.label`, 'a string');
      if (s.higherMeans !== 'more-need' && s.higherMeans !== 'less-need') return bad(`${sat}.higherMeans`, '"more-need" or "less-need"');
      sources.push({ field: s.field, label: s.label, higherMeans: s.higherMeans });
    }
    domains.push({ id: d.id, label: d.label, weight, sources });
  }
  return ok({ id: doc.id as string, name: doc.name as string, description: doc.description as string, domains });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
