import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { memoryIo } from './memoryIo.js';

/** Run the CLI in-process in `cwd`, without colour: its exit code, stdout and stderr. */
export async function runCli(args: readonly string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main([...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A CSV with a header as rows of header → cell. */
export type CsvRow = Record<string, string>;
export const csvRows = (text: string): CsvRow[] => parse(text, { columns: true }) as CsvRow[];

/** A money cell (`1234.56`) as whole pennies, so sums are exact. */
export const penniesOf = (amount: string | undefined): bigint => BigInt((amount ?? '').replace('.', ''));

/**
 * Run `scenarios run scenarios.yaml -o out` in `cwd` and check it is refused as bad data: exit 1, one line
 * matching `message`, and no `out` folder.
 */
export async function expectScenariosRefused(cwd: string, message: RegExp): Promise<void> {
  const ran = await runCli(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd);
  expect(ran.code).toBe(1);
  expect(ran.err).toMatch(message);
  expect(ran.err.trim().split('\n')).toHaveLength(1);
  expect(existsSync(join(cwd, 'out'))).toBe(false);
}
