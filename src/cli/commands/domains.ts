import { Command } from 'commander';
import { listDomains } from '../../app/listDomains.js';
import { render } from '../../report/render.js';
import type { Table } from '../../report/table.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../../app/failure.js';
import type { Io } from '../io.js';
import { chooseFormat, writeOutput } from '../output.js';
import { sheetOption, vintageOption, withoutUndefined } from '../allocationOptions.js';

interface DomainsOptions {
  readonly vintage?: string;
  readonly area?: string;
  readonly data?: string;
  readonly sheet?: string;
  readonly format?: string;
}

/** `fairshare domains`: the formula's domains, their sources and default weights. */
export function domainsCommand(io: Io): Command {
  return new Command('domains')
    .description('list the domains of need: ids (for --exclude and --weight), labels, sources and default weights')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare domains\n  $ fairshare domains --vintage 2019\n  $ fairshare domains --area Corby --format md\n  $ fairshare allocate --budget 12.7m --replace community-safety=my-crime.csv',
    )
    .option('-a, --area <name|code>', 'the area the ranks are taken within (default: Northamptonshire)')
    .addOption(vintageOption())
    .option('-d, --data <file>', 'list the domains of your own CSV (or workbook) instead')
    .addOption(sheetOption())
    .option('-f, --format <format>', 'table, csv, json, md or html')
    .action(async (options: DomainsOptions) => {
      const format = unwrap(chooseFormat(options.format, undefined, io));
      const { data, area, vintage, sheet } = options;
      const list = await listDomains(withoutUndefined({ data, area, vintage, sheet }), io);
      const table: Table = {
        columns: [
          { key: 'id', title: 'Id', kind: 'text' },
          { key: 'label', title: 'Domain', kind: 'text' },
          { key: 'weight', title: 'Weight', kind: 'number' },
          { key: 'sources', title: 'Sources', kind: 'text' },
          { key: 'replace', title: '--replace ids', kind: 'text' },
        ],
        rows: list.domains.map((d) => [
          d.id,
          d.label,
          d.weight,
          d.sources.map((s) => `${s.label} [${s.field}; higher = ${s.higherMeans === 'more-need' ? 'more' : 'less'} need]`).join('; '),
          d.sources.map((s) => s.replaceId).join(', '),
        ]),
      };
      const header = [
        `${list.formula.name}. Need ranks are taken within ${list.area.name}: 1 = least need, ${list.area.lsoas} = most need.`,
        'A domain with several sources: each source is ranked, the ranks are averaged, and the average is ranked.',
        'Swap one source for your own figures with --replace ID=FILE (an id from the last column).',
        `Data: ${list.data}. Population bases (--population): ${list.populationBases.join(', ')}.`,
      ];
      const meta = {
        formula: list.formula.id,
        area: list.area.code,
        ...(list.vintage === undefined ? {} : { vintage: list.vintage }),
        populationBases: list.populationBases,
      };
      const text = render(table, format, { header, meta, chalk: colourFor(io.stdoutIsTTY, io.env) });
      unwrap(await writeOutput(text, undefined, io));
    });
}
