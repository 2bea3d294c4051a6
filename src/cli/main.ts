import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { formatError } from '../engine/errors.js';
import { oneLine } from '../engine/shown.js';
import { allocateCommand } from './commands/allocate.js';
import { compareVintagesCommand } from './commands/compareVintages.js';
import { areasCommand } from './commands/areas.js';
import { domainsCommand } from './commands/domains.js';
import { explainCommand } from './commands/explain.js';
import { scenariosCommand } from './commands/scenarios.js';
import { profileCommand } from './commands/profile.js';
import { overlapCommand } from './commands/overlap.js';
import { weightsCommand } from './commands/weights.js';
import { transitionCommand } from './commands/transition.js';
import { lookupCommand } from './commands/lookup.js';
import { reportCommand } from './commands/report.js';
import { exploreCommand } from './commands/explore.js';
import { sensitivityCommand } from './commands/sensitivity.js';
import { EXIT, exitCode } from './exitCode.js';
import { Failure } from '../app/failure.js';
import type { Io } from './io.js';
import { cleanUp } from './temporaries.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The `fairshare` program with every subcommand, writing through `io`. */
export function program(io: Io): Command {
  const root = new Command('fairshare')
    .description('Share a public budget fairly across small areas and districts with a needs formula.')
    .version(VERSION, '-V, --version')
    .option('--verbose', 'print stack traces for errors')
    .addCommand(allocateCommand(io))
    .addCommand(explainCommand(io))
    .addCommand(domainsCommand(io))
    .addCommand(areasCommand(io))
    .addCommand(scenariosCommand(io))
    .addCommand(profileCommand(io))
    .addCommand(overlapCommand(io))
    .addCommand(weightsCommand(io))
    .addCommand(transitionCommand(io))
    .addCommand(lookupCommand(io))
    .addCommand(reportCommand(io))
    .addCommand(exploreCommand(io))
    .addCommand(sensitivityCommand(io))
    .addCommand(compareVintagesCommand(io))
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate --budget 12.7m --exclude young-people,early-years
  $ fairshare explain "West Northamptonshire 022D" --budget 12.7m --exclude young-people,early-years
  $ fairshare domains
  $ fairshare areas --search north
  $ fairshare scenarios run examples/directorates-2013.yaml -o out/
  $ fairshare profile --level former-district
  $ fairshare overlap
  $ fairshare lookup build --points postcodes.csv -o divisions.csv
  $ fairshare report --budget 12.7m --exclude young-people,early-years -o adults.html
  $ fairshare sensitivity --budget 12.7m --exclude young-people,early-years --draws 10000 --seed 1
  $ fairshare compare-vintages --budget 12.7m --exclude young-people,early-years`,
    );
  configure(root, io);
  return root;
}

function configure(command: Command, io: Io): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander puts its suggestion on a second line; keep every message on one line.
      outputError: (text, write) => write(`fairshare: ${oneLine(text.trimEnd().replace(/\s*\n\s*/g, ' '))}\n`),
    });
  for (const sub of command.commands) configure(sub, io);
}

/**
 * Run the CLI and return the exit code: 0 success, 1 bad data or failed run, 2 wrong usage. This is
 * the one place errors become messages and exit codes; a stack trace only with --verbose.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    checkWeightForm(argv);
    await program(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (help, version, or a usage error).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Failure) {
      io.stderr.write(`fairshare: error: ${formatError(error.error)}\n`);
      if (verbose && error.stack) io.stderr.write(`${error.stack}\n`);
      return exitCode(error.error.kind);
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `fairshare: error: internal error: ${oneLine(message)}. This is a bug; please report it${verbose ? '' : ' (run with --verbose for details)'}\n`,
    );
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  } finally {
    // A run that failed after starting an output leaves no temporary behind.
    cleanUp();
  }
}

/**
 * `--weight community-safety 2` or `--replace community-safety my-crime.csv` (a space for the `=`) would
 * reach commander as a stray argument, "too many arguments"; say instead how to write it. Throws Failure.
 */
function checkWeightForm(argv: readonly string[]): void {
  argv.forEach((arg, i) => {
    const id = argv[i + 1] ?? '';
    const value = argv[i + 2] ?? '';
    if ((arg === '--weight' || arg === '-w') && !id.includes('=') && /^[+-]?(\d|\.\d)/.test(value)) {
      throw new Failure({
        kind: 'usage',
        code: 'bad-weight',
        message: `--weight ${oneLine(id)} ${oneLine(value)}: a weight is written with =`,
        hint: `Write --weight ${oneLine(id)}=${oneLine(value)}`,
      });
    }
    if ((arg === '--replace' || arg === '-r') && id !== '' && !id.includes('=') && value !== '' && !value.startsWith('-')) {
      throw new Failure({
        kind: 'usage',
        code: 'bad-replace',
        message: `--replace ${oneLine(id)} ${oneLine(value)}: a replacement is written with =`,
        hint: `Write --replace ${oneLine(id)}=${oneLine(value)}`,
      });
    }
  });
}
