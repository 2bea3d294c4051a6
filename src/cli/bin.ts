import { main } from './main.js';
import { processIo } from './io.js';

/**
 * Entry point for the `fairshare` and `allocate` bins. `prefix` is prepended to the arguments, so
 * `allocate …` runs exactly `fairshare allocate …`.
 */
export async function run(prefix: readonly string[] = []): Promise<void> {
  // A closed pipe (`fairshare … | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await main([...prefix, ...process.argv.slice(2)], processIo());
}
