/**
 * Issue #9: input limits (src/data/limits.ts). Over a limit the run stops early with one line naming the
 * limit, reading no more than it must: a regular file over the size limit is refused from its size, an
 * endless pipe or device at the limit (or at its first NUL byte), and absurd numbers at once. Large
 * inputs are made at test time (sparse files, pipes), never committed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, MAX_ROW_CHARS } from '../../src/data/limits.js';
import { expectRefused, FAIRSHARE, fairshare, runUntouched, scratch, snapshot } from './harness.js';

const DATA = 'code,name,district,population,need_a\nF01,Alpha,North,100,10\nF02,Bravo,South,200,30\n';

/**
 * A sparse file of `bytes` bytes in a folder of its own (too big to hash, so kept out of scratch folders).
 */
function sparse(name: string, bytes: number): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-big-'));
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return { dir, path };
}

describe('file size', () => {
  it('the documented limit is 256 MB', () => {
    expect(MAX_INPUT_BYTES).toBe(256 * 1024 * 1024);
  });

  it('refuses a 1.5 GB --data file from its size, without reading it', () => {
    const { dir, path } = sparse('big.csv', 1.5 * 1024 ** 3);
    const started = Date.now();
    const result = fairshare(['allocate', '--budget', '1m', '--data', path], { cwd: dir });
    expectRefused(result, { code: 1, message: /cannot read --data file .*big\.csv: it is 1\.5 GB, more than the 256 MB fairshare reads\. / });
    // Reading 1.5 GB of zeros would take seconds; the size alone takes milliseconds.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statSync(path).size).toBe(1.5 * 1024 ** 3);
  });

  it('refuses a file just over the limit, and a --lookup, --previous or --points file too', () => {
    const { dir, path } = sparse('big.csv', MAX_INPUT_BYTES + 1);
    writeFileSync(join(dir, 'd.csv'), DATA);
    const cases = [
      [
        ['allocate', '--budget', '1m', '--data', 'd.csv', '--level', 'ward', '--lookup', path],
        /cannot read lookup .*big\.csv: it is 256\.1 MB, more than the 256 MB/,
      ],
      [
        ['allocate', '--budget', '1m', '--previous', path, '--floor', '-5%'],
        /cannot read previous allocation .*big\.csv: it is 256\.1 MB, more than the 256 MB/,
      ],
      [['lookup', 'build', '--points', path, '-o', join(dir, 'out.csv')], /cannot read --points file .*big\.csv: it is 256\.1 MB, more than the 256 MB/],
    ] as const;
    for (const [args, message] of cases) expectRefused(fairshare(args, { cwd: dir }), { code: 1, message });
  });
});

describe('endless inputs', () => {
  it('stops reading /dev/zero at its first NUL byte', () => {
    const dir = scratch();
    const started = Date.now();
    expectRefused(runUntouched(['allocate', '--budget', '1m', '--data', '/dev/zero'], dir), {
      code: 1,
      message: /^fairshare: error: cannot read --data file \/dev\/zero: it has NUL bytes, so it is not a text file\. /,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops reading an endless pipe on standard input at the size limit', () => {
    const dir = scratch();
    const before = snapshot(dir);
    // `yes` never ends: the run must stop by itself, and `yes` then dies of a closed pipe.
    const result = spawnSync('sh', ['-c', `yes 'F01,Alpha,North,100,10' | "${process.execPath}" "${FAIRSHARE}" allocate --budget 1m --data -`], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 20_000,
    });
    expectRefused(
      { code: result.status, signal: result.signal, out: String(result.stdout), err: String(result.stderr) },
      { code: 1, message: /^fairshare: error: cannot read --data from standard input: it has more than the 256 MB fairshare reads\. / },
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('rows', () => {
  it('refuses a row longer than 1,000,000 characters, naming the limit and the line', () => {
    const dir = scratch({ 'long.csv': `${DATA}F03,${'A'.repeat(MAX_ROW_CHARS + 10)},South,1,1\n` });
    expectRefused(runUntouched(['allocate', '--budget', '1m', '--data', 'long.csv'], dir), {
      code: 1,
      message: /^fairshare: error: long\.csv:4: the row is longer than 1,000,000 characters, the most fairshare reads in one row\. /,
    });
  });
});

describe('absurd numbers', () => {
  it('refuses a population of 1e99999999 at once', () => {
    const dir = scratch({ 'd.csv': `${DATA}F03,Charlie,South,1e99999999,1\n` });
    expectRefused(runUntouched(['allocate', '--budget', '1m', '--data', 'd.csv'], dir), {
      code: 1,
      message: /^fairshare: error: d\.csv:4:4 \(column "population"\): population "1e99999999" is too long to read: its exponent is beyond ±100\. /,
    });
  });

  it('refuses a 100,000-digit need value quoting at most 60 characters of it', () => {
    const dir = scratch({ 'd.csv': `${DATA}F03,Charlie,South,1,${'7'.repeat(100_000)}\n` });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', 'd.csv'], dir);
    expectRefused(result, { code: 1, message: /need value "7{59}…" is too long to read: it has 100,000 characters, more than the 30 a number may have\. / });
    expect(result.err.length).toBeLessThan(300);
  });

  it('refuses a share with 100,000 digits in a --lookup', () => {
    const dir = scratch({
      'd.csv': DATA,
      'lk.csv': `lsoa_code,area_code,area_name,share\nF01,FW1,Alpha Ward,0.${'5'.repeat(100_000)}\nF02,FW1,Alpha Ward,1\n`,
    });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', 'd.csv', '--level', 'ward', '--lookup', 'lk.csv'], dir);
    expectRefused(result, { code: 1, message: /^fairshare: error: lk\.csv:2:4 \(column "share"\): share "0\.5{57}…" of LSOA F01 is too long to read/ });
  });
});
