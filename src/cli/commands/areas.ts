import { Command } from 'commander';
import { listAreas } from '../../app/listAreas.js';
import { render } from '../../report/render.js';
import type { Table } from '../../report/table.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { chooseFormat, writeOutput } from '../output.js';
import { vintageOption, withoutUndefined } from '../allocationOptions.js';

interface AreasOptions {
  readonly vintage?: string;
  readonly search?: string;
  readonly data?: string;
  readonly format?: string;
}

/** `fairshare areas`: what `--area` accepts, with LSOA counts and population. */
export function areasCommand(io: Io): Command {
  return new Command('areas')
    .description(
      'list the areas --area accepts: england, regions (2025), counties, single-tier authorities, former counties, districts and former districts (2025)',
    )
    .option('-s, --search <text>', 'only areas whose name or code contains this text (short forms too: Northants, Hull)')
    .option('-d, --data <file>', 'list the districts of your own CSV instead')
    .addOption(vintageOption())
    .option('-f, --format <format>', 'table, csv, json, md or html')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare areas --search north
  $ fairshare areas --vintage 2025 --search northants
  $ fairshare areas --format csv > areas.csv

Kinds: england; region (2025); county (two-tier, E10); unitary, metropolitan, london (single-tier
councils, each its own county); former-county (a 2019 county now shared between new councils, under its
2019 code: Northamptonshire E10000021 = North + West Northamptonshire, Cumbria E10000006 = Cumberland +
Westmorland and Furness; 2025); district (two-tier, E07); former-district (a district merged into a new
council since, e.g. Kettering; 2025).`,
    )
    .action(async (options: AreasOptions) => {
      const format = unwrap(chooseFormat(options.format, undefined, io));
      const { data, vintage, search } = options;
      const { areas } = await listAreas(withoutUndefined({ data, vintage, search }), io);
      const table: Table = {
        columns: [
          { key: 'code', title: 'Code', kind: 'text' },
          { key: 'name', title: 'Name', kind: 'text' },
          { key: 'kind', title: 'Kind', kind: 'text' },
          { key: 'lsoas', title: 'LSOAs', kind: 'int' },
          { key: 'population', title: 'Population', kind: 'int' },
        ],
        rows: areas.map((a) => [a.code, a.name, a.kind, String(a.lsoas), String(a.population)]),
      };
      const searched = (search?.trim() ?? '') !== '';
      const header = [`${areas.length} areas${searched ? ` matching "${search}"` : ''}. Use the code or the name with --area.`];
      const text = render(table, format, { header, meta: {}, chalk: colourFor(io.stdoutIsTTY, io.env) });
      unwrap(await writeOutput(text, undefined, io));
    });
}
