/**
 * Node's own modules that only some runs use, loaded the first time they are asked for rather than at
 * start-up: `crypto` (6 ms) and `zlib` (4 ms) are a twentieth of a county run that hashes and unzips
 * nothing (BENCHMARKS.md, "Speed at national scale"). A static `import` would load them for every run.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let cryptoModule: typeof import('node:crypto') | undefined;
let zlibModule: typeof import('node:zlib') | undefined;

/** `node:crypto`, loaded when first asked for. */
export function crypto(): typeof import('node:crypto') {
  cryptoModule ??= load('node:crypto') as typeof import('node:crypto');
  return cryptoModule;
}

/** `node:zlib`, loaded when first asked for. */
export function zlib(): typeof import('node:zlib') {
  zlibModule ??= load('node:zlib') as typeof import('node:zlib');
  return zlibModule;
}
