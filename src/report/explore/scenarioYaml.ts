/**
 * The scenario file an explorer page exports: the page's baseline and its current settings as two
 * scenarios of one file, which `fairshare scenarios run` turns into the same tables, byte for byte. Every
 * value is written as a JSON string (valid YAML), so no name or figure from the data can act in it. Pure.
 */
import type { ExploreModel, ExploreSettings } from './exploreModel.js';

/** The names of the two scenarios. */
export const EXPLORE_SCENARIOS = { baseline: 'baseline', current: 'current' } as const;

/**
 * The scenario file of `baseline` and `current` on the model's data.
 *
 * @example scenarioYaml(model, model.baseline, { ...model.baseline, budget: '10m' }).split('\n')[0]
 * // => '# fairshare explore: the baseline and the current settings of the page, as two scenarios.'
 */
export function scenarioYaml(model: ExploreModel, baseline: ExploreSettings, current: ExploreSettings): string {
  const q = (text: string): string => JSON.stringify(text);
  const basis = model.scenario;
  const lines = [
    '# fairshare explore: the baseline and the current settings of the page, as two scenarios.',
    `# Made by ${model.tool.name} ${model.tool.version}. Run it with: fairshare scenarios run <this file> -o results`,
    ...(basis.data === undefined && basis.replace.length === 0
      ? []
      : ['# Its data and replacement files are named as they were given to fairshare explore: run it from that folder.']),
    `description: ${q(`Explorer: ${model.area.name}`)}`,
    '',
    'defaults:',
    `  area: ${q(basis.area)}`,
    ...(basis.vintage === undefined ? [] : [`  vintage: ${q(basis.vintage)}`]),
    ...(basis.data === undefined ? [] : [`  data: ${q(basis.data)}`]),
    ...(basis.formula === undefined ? [] : [`  formula: ${q(basis.formula)}`]),
    `  population: ${q(basis.population)}`,
    ...(basis.replace.length === 0 ? [] : ['  replace:', ...basis.replace.map(([source, file]) => `    ${q(source)}: ${q(file)}`)]),
    `  level: ${q(current.level)}`,
    '',
    `baseline: ${EXPLORE_SCENARIOS.baseline}`,
    '',
    'scenarios:',
    ...scenario(EXPLORE_SCENARIOS.baseline, 'The settings the page was made with', baseline),
    ...scenario(EXPLORE_SCENARIOS.current, 'The settings chosen on the page', current),
  ];
  return `${lines.join('\n')}\n`;

  function scenario(name: string, description: string, settings: ExploreSettings): string[] {
    const excluded = new Set(settings.exclude);
    const weights = settings.weights.filter(([id]) => !excluded.has(id));
    return [
      `  ${name}:`,
      `    description: ${q(description)}`,
      `    budget: ${q(settings.budget)}`,
      ...(settings.exclude.length === 0 ? [] : [`    exclude: [${settings.exclude.map(q).join(', ')}]`]),
      ...(weights.length === 0 ? [] : ['    weights:', ...weights.map(([id, weight]) => `      ${q(id)}: ${q(weight)}`)]),
    ];
  }
}
