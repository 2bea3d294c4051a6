import { Command } from 'commander';
import { listAreas } from '../../data/area.js';
import { render } from '../../report/render.js';
import type { Table } from '../../report/table.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../failure.js';
import { loadInputs } from '../inputs.js';
import type { Io } from '../io.js';
import { chooseFormat, writeOutput } from '../output.js';
import { parseVintageOption, vintageOption, withoutUndefined } from '../allocationOptions.js';

interface AreasOptions {
  readonly vintage?: string;
  readonly search?: string;
  readonly data?: string;
  readonly format?: string;
}

/** `fairshare areas`: what `--area` accepts, with LSOA counts and population. */
export function areasCommand(io: Io): Command {
  return new Command('areas')
    .description('list the areas --area accepts: england, counties, single-tier authorities and districts')
    .option('-s, --search <text>', 'only areas whose name or code contains this text')
    .option('-d, --data <file>', 'list the districts of your own CSV instead')
    .addOption(vintageOption())
    .option('-f, --format <format>', 'table, csv, json or md')
    .addHelpText('after', '\nExamples:\n  $ fairshare areas --search north\n  $ fairshare areas --format csv > areas.csv')
    .action(async (options: AreasOptions) => {
      const format = unwrap(chooseFormat(options.format, undefined, io));
      const inputs = await loadInputs(withoutUndefined({ data: options.data, vintage: parseVintageOption(options.vintage) }), io);
      const population = inputs.all.fields.get('population');
      const wanted = options.search?.trim().toLowerCase() ?? '';
      const areas = listAreas(inputs.all).filter((a) => !wanted || a.name.toLowerCase().includes(wanted) || a.code.toLowerCase().includes(wanted));
      const table: Table = {
        columns: [
          { key: 'code', title: 'Code', kind: 'text' },
          { key: 'name', title: 'Name', kind: 'text' },
          { key: 'kind', title: 'Kind', kind: 'text' },
          { key: 'lsoas', title: 'LSOAs', kind: 'int' },
          { key: 'population', title: 'Population', kind: 'int' },
        ],
        rows: areas.map((a) => [a.code, a.name, a.kind, String(a.indices.length), String(a.indices.reduce((s, i) => s + (population?.[i] ?? 0), 0))]),
      };
      const header = [`${areas.length} areas${wanted ? ` matching "${options.search}"` : ''}. Use the code or the name with --area.`];
      const text = render(table, format, { header, meta: {}, chalk: colourFor(io.stdoutIsTTY, io.env) });
      unwrap(await writeOutput(text, undefined, io));
    });
}
