import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputDir, startOutputDir, writeOutputDir } from '../../src/cli/outputDir.js';
import { writeFailure } from '../../src/cli/output.js';

const files = new Map([
  ['a.csv', 'x\n1\n'],
  ['manifest.json', JSON.stringify({ tool: { name: 'fairshare' }, files: [{ name: 'a.csv' }] })],
]);

function parent(): string {
  return mkdtempSync(join(tmpdir(), 'fairshare-outputdir-'));
}

describe('writeOutputDir', () => {
  it('decides "already exists" at the final rename: a folder that appeared during the work is kept, not replaced', async () => {
    const cwd = parent();
    expect((await checkOutputDir('out', { force: false, cwd, inputs: [] })).ok).toBe(true);
    const temp = await startOutputDir('out', cwd);
    if (!temp.ok) throw new Error(temp.error.message);
    // Another run finishes first.
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'theirs.csv'), 'theirs');
    const result = await writeOutputDir('out', temp.value, files, { force: false, cwd });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('the output folder out already exists (another run wrote it meanwhile)');
    expect(readdirSync(join(cwd, 'out'))).toEqual(['theirs.csv']);
    expect(readdirSync(cwd)).toEqual(['out']);
  });

  it('with force, swaps a fairshare folder for the new one and removes the old', async () => {
    const cwd = parent();
    const first = await startOutputDir('out', cwd);
    if (!first.ok) throw new Error(first.error.message);
    expect((await writeOutputDir('out', first.value, files, { force: false, cwd })).ok).toBe(true);
    const again = new Map([...files, ['a.csv', 'x\n2\n']]);
    const second = await startOutputDir('out', cwd);
    if (!second.ok) throw new Error(second.error.message);
    expect((await writeOutputDir('out', second.value, again, { force: true, cwd })).ok).toBe(true);
    expect(readFileSync(join(cwd, 'out', 'a.csv'), 'utf8')).toBe('x\n2\n');
    expect(readdirSync(cwd)).toEqual(['out']);
  });

  it('with force, still refuses at the final rename a folder that is no longer fairshare’s', async () => {
    const cwd = parent();
    const temp = await startOutputDir('out', cwd);
    if (!temp.ok) throw new Error(temp.error.message);
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'notes.docx'), 'mine');
    const result = await writeOutputDir('out', temp.value, files, { force: true, cwd });
    expect(result.ok).toBe(false);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['notes.docx']);
    expect(readdirSync(cwd)).toEqual(['out']);
  });
});

describe('writeFailure', () => {
  it('names the folder the user gave and how to fix a permission problem, never the temporary', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/srv/x/.out.csv.fairshare-tmp-12'"), { code: 'EACCES' });
    const result = writeFailure(error, 'reports/out.csv');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe('cannot write reports/out.csv: the folder reports is not writable (permission denied)');
      expect(result.error.hint).toBe('Choose an -o path in a folder you can write to, or ask for write access to reports');
    }
  });

  it('drops the temporary path from other system messages', () => {
    const error = Object.assign(new Error("EIO: i/o error, open '/srv/x/.out.csv.fairshare-tmp-12'"), { code: 'EIO' });
    const result = writeFailure(error, 'out.csv');
    if (!result.ok) expect(result.error.message).toBe('cannot write out.csv: EIO: i/o error');
  });
});
