import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, guardOutput, inputRefs } from '../../src/cli/guardOutput.js';

function place(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-guard-'));
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'd.csv'), 'code\n');
  return dir;
}

describe('guardOutput', () => {
  it('lets a new file beside the inputs through', () => {
    const dir = place();
    const inputs = inputRefs({ data: 'in/d.csv' }, dir);
    expect(guardOutput('out.csv', join(dir, 'out.csv'), { kind: 'file', inputs, cwd: dir }).ok).toBe(true);
  });

  it('refuses a symlink to an input', () => {
    const dir = place();
    symlinkSync(join(dir, 'in', 'd.csv'), join(dir, 'link.csv'));
    const result = guardOutput('link.csv', join(dir, 'link.csv'), { kind: 'file', inputs: inputRefs({ data: 'in/d.csv' }, dir), cwd: dir });
    expect(result.ok ? '' : result.error.message).toBe('-o link.csv would overwrite in/d.csv, which this run reads');
  });

  it('refuses a folder that holds an input, or is the working folder, but not a sibling', () => {
    const dir = place();
    const inputs = inputRefs({ previous: 'in/d.csv' }, dir);
    expect(guardOutput('in', join(dir, 'in'), { kind: 'folder', inputs, cwd: dir }).ok).toBe(false);
    expect(guardOutput('.', dir, { kind: 'folder', inputs: [], cwd: dir }).ok).toBe(false);
    expect(guardOutput('results', join(dir, 'results'), { kind: 'folder', inputs, cwd: dir }).ok).toBe(true);
    // A name that merely starts like the input's folder is not inside it.
    expect(guardOutput('i', join(dir, 'i'), { kind: 'folder', inputs, cwd: join(dir, 'in') }).ok).toBe(true);
  });

  it('refuses anything inside the installed data folder', () => {
    const dir = place();
    const result = guardOutput('x.csv', join(DATA_DIR, 'x.csv'), { kind: 'file', inputs: [], cwd: dir });
    expect(result.ok).toBe(false);
  });

  it('counts standard input as no file', () => {
    expect(inputRefs({ data: '-' }, '/tmp')).toEqual([]);
  });
});
