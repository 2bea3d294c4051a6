/**
 * The harness for the hostile-input tests: each case is a real run of the built bin (npm test builds
 * first) in a scratch folder, and every case checks the same promises: the exit code, one line on stderr,
 * no stack trace, every input byte-identical afterwards, and no temporary file left behind.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FAIRSHARE = join(ROOT, 'bin', 'fairshare.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'hostile');

export interface BinResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

export interface RunOptions {
  /** The folder to run in (default: a new scratch folder). */
  readonly cwd: string;
  /** Bytes or text piped to standard input. */
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeout?: number;
  /**
   * Run as an ordinary user, so that file permissions apply (root ignores them): as `nobody` when the
   * tests run as root, else as the user running them.
   */
  readonly unprivileged?: boolean;
}

/** The uid and gid of `nobody`, used by {@link RunOptions.unprivileged} when the tests run as root. */
export const NOBODY = 65534;

/**
 * Whether runs with {@link RunOptions.unprivileged} can work: not root already, or root and `nobody`
 * can read the built bin (a checkout under /root cannot be read by anyone else).
 */
export const CAN_DROP_PRIVILEGES =
  process.getuid?.() !== 0 ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'dist', 'cli', 'bin.js'))})`], { uid: NOBODY, gid: NOBODY })
    .status === 0;

/** A new scratch folder holding a copy of test/fixtures/hostile (and whatever `files` adds). */
export function scratch(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-hostile-'));
  cpSync(FIXTURES, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Run `fairshare ARGS` as an officer would, without colour. */
export function fairshare(args: readonly string[], options: RunOptions): BinResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
    ...(options.input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input: options.input }),
    ...(options.unprivileged && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}),
  };
  const result = spawnSync(process.execPath, [FAIRSHARE, ...args], spawnOptions);
  return { code: result.status, signal: result.signal, out: String(result.stdout ?? ''), err: String(result.stderr ?? '') };
}

/** SHA-256 of every file under `dir` (relative path → hash), to prove a run changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hashes.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}

/** Every file and folder name under `dir` that looks like a leftover temporary. */
export function temporaries(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (/fairshare-tmp|\.tmp$|\.tmp-|\.old-/.test(entry.name)) found.push(relative(dir, path));
      if (entry.isDirectory() && statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found;
}

export interface RefusedExpectation {
  /** 1 for bad data, 2 for wrong usage. */
  readonly code: 1 | 2;
  /** What the one line must say. */
  readonly message: RegExp;
}

/**
 * The run was refused as the house promises: the exit code, exactly one line on stderr starting
 * `fairshare: error:`, no stack trace, nothing on stdout.
 */
export function expectRefused(result: BinResult, expected: RefusedExpectation): void {
  expect(result.err, `stderr of a run expected to exit ${expected.code}`).toMatch(expected.message);
  expect(result.code).toBe(expected.code);
  const lines = result.err.split('\n').filter((l) => l !== '');
  expect(lines, 'stderr must be exactly one line').toHaveLength(1);
  expect(lines[0]).toMatch(/^fairshare: error: /);
  expect(result.err).not.toMatch(/\n\s+at |internal error|This is a bug/);
}

/**
 * Run a case in `dir` and check the promises that hold whatever the outcome: every file that was there
 * before is byte-identical afterwards, and no temporary is left behind. Returns the run.
 */
export function runUntouched(args: readonly string[], dir: string, options: Omit<RunOptions, 'cwd'> = {}): BinResult {
  const before = snapshot(dir);
  const result = fairshare(args, { ...options, cwd: dir });
  const after = snapshot(dir);
  for (const [path, hash] of before) expect(after.get(path), `${path} must be unchanged`).toBe(hash);
  expect(temporaries(dir)).toEqual([]);
  return result;
}
