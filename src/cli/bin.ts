import { main } from './main.js';
import { processIo } from './io.js';
import { cleanUp, cleanUpOnSignals } from './temporaries.js';
import { EXIT } from './exitCode.js';

/**
 * Entry point for the `fairshare` and `allocate` bins. `prefix` is prepended to the arguments, so
 * `allocate …` runs exactly `fairshare allocate …`.
 */
export async function run(prefix: readonly string[] = []): Promise<void> {
  process.stdout.on('error', stdoutFailed);
  cleanUpOnSignals();
  process.exitCode = await main([...prefix, ...process.argv.slice(2)], processIo());
}

/**
 * Standard output failed. A closed pipe (`fairshare … | head`) is not an error; anything else (a full
 * disk, `> /dev/full`) is one line and exit 1, never a stack trace.
 */
function stdoutFailed(error: NodeJS.ErrnoException): void {
  cleanUp();
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  const why = error.code === 'ENOSPC' ? 'the disk is full' : error.message;
  process.stderr.write(`fairshare: error: cannot write to standard output: ${why}\n`);
  process.exit(EXIT.failed);
}
