import { Command } from 'commander';
import { explain } from '../../report/explain.js';
import { nearest } from '../../engine/nearest.js';
import { addAllocationOptions, type AllocationOptions, runAllocation } from '../allocationOptions.js';
import { colourFor } from '../colour.js';
import { Failure, unwrap } from '../failure.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { describeOtherVintage } from '../../data/lsoaChanges.js';
import { loadLsoaChanges } from '../inputs.js';

/** `fairshare explain LSOA`: one LSOA's ranks, figure, share and amount with the arithmetic written out. */
export function explainCommand(io: Io): Command {
  const command = new Command('explain')
    .description("show how one LSOA's amount is worked out: its need rank in each domain, its figure, population, share and pennies")
    .argument('<lsoa>', 'the LSOA code, e.g. E01027013');
  addAllocationOptions(command);
  command.addHelpText('after', '\nExample:\n  $ fairshare explain E01027013 --budget 12.7m --exclude young-people,early-years');
  command.action(async (code: string, options: AllocationOptions) => {
    const { inputs, allocation } = await runAllocation(options, io);
    const wanted = code.trim().toUpperCase();
    const index = allocation.dataset.units.findIndex((u) => u.code.toUpperCase() === wanted);
    if (index === -1) {
      const elsewhere = inputs.all.units.find((u) => u.code.toUpperCase() === wanted);
      if (elsewhere) {
        throw new Failure({
          kind: 'usage',
          code: 'lsoa-outside-area',
          message: `${elsewhere.code} (${elsewhere.name}) is in ${elsewhere.districtName}, outside the selected area ${inputs.area.name}`,
          hint: `Add --area "${elsewhere.districtName}" or --area "${elsewhere.countyName || elsewhere.districtName}"`,
        });
      }
      // A code of the other vintage's LSOA geography: say which codes replaced it.
      if (inputs.vintage !== undefined) {
        const other = describeOtherVintage(wanted, inputs.vintage, (await loadLsoaChanges()).changes);
        if (other !== undefined) throw new Failure({ kind: 'usage', code: 'lsoa-of-other-vintage', ...other });
      }
      const guess = nearest(wanted, allocation.dataset.units.map((u) => u.code));
      throw new Failure({
        kind: 'usage',
        code: 'unknown-lsoa',
        message: `unknown LSOA code "${code}"`,
        hint: `${guess ? `Did you mean ${guess}? ` : ''}Run "fairshare allocate --budget 1 --level lsoa" to list the codes`,
      });
    }
    const text = explain(allocation, index, { area: inputs.area, chalk: colourFor(io.stdoutIsTTY, io.env) });
    unwrap(await writeOutput(text, undefined, io));
  });
  return command;
}
