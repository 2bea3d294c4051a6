import { Command } from 'commander';
import { tabulate } from '../../engine/tabulate.js';
import { describeRun, runHeader, runMeta } from '../../report/describeRun.js';
import { render } from '../../report/render.js';
import { districtTable, lsoaTable } from '../../report/table.js';
import { addAllocationOptions, type AllocationOptions, runAllocation } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { unwrap } from '../failure.js';
import type { Io } from '../io.js';
import { checkOutputPath, chooseFormat, writeOutput } from '../output.js';
import { Failure } from '../failure.js';

interface AllocateOptions extends AllocationOptions {
  readonly level: string;
  readonly format?: string;
  readonly output?: string;
}

/** `fairshare allocate`: share a budget and print or write the district (or LSOA) table. */
export function allocateCommand(io: Io, name = 'allocate'): Command {
  const command = new Command(name).description('share a budget across districts (or LSOAs) in proportion to need × population');
  addAllocationOptions(command)
    .option('-l, --level <level>', 'district or lsoa', 'district')
    .option('-f, --format <format>', 'table, csv, json or md (default: table on a terminal, csv into a pipe or a .csv file)')
    .option('-o, --output <file>', 'write to this file instead of stdout (written whole or not at all)');
  command.addHelpText(
    'after',
    `
Examples:
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years
  $ fairshare allocate --budget £38.1m --weight community-safety=2 --format md
  $ fairshare allocate --budget 500k --area Kettering --level lsoa -o kettering.csv
  $ fairshare allocate --budget 1.2bn --area england -o england.csv
  $ fairshare allocate --budget 1000 --data my-areas.csv`,
  );
  command.action(async (options: AllocateOptions) => {
    const level = options.level.toLowerCase();
    if (level !== 'district' && level !== 'lsoa') {
      throw new Failure({ kind: 'usage', code: 'bad-level', message: `unknown level "${options.level}"`, hint: 'Use --level district or --level lsoa' });
    }
    const format = unwrap(chooseFormat(options.format, options.output, io));
    unwrap(await checkOutputPath(options.output, io));
    const { inputs, allocation } = await runAllocation(options, io);
    const table = level === 'lsoa' ? lsoaTable(allocation) : districtTable(tabulate(allocation));
    const description = describeRun(allocation, inputs.area, inputs.source);
    const toTerminal = format === 'table' && (options.output === undefined || options.output === '-');
    const text = render(table, format, {
      header: runHeader(description),
      meta: runMeta(allocation, inputs.area, inputs.source),
      chalk: colourFor(toTerminal && io.stdoutIsTTY, io.env),
    });
    unwrap(await writeOutput(text, options.output, io));
  });
  return command;
}
