import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// `allocate -o FILE --manifest`: the run's provenance beside a CSV that stays clean for Excel.
const FIVE = join(import.meta.dirname, '..', 'fixtures', 'data', 'five-lsoas.csv');

async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-sidecar-'));
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('allocate --manifest', () => {
  it('writes FILE.manifest.json naming every input and the output by SHA-256, and leaves the CSV as it was', async () => {
    const dir = tempDir();
    copyFileSync(FIVE, join(dir, 'areas.csv'));
    expect((await run(['allocate', '--budget', '1000', '--data', 'areas.csv', '-o', 'plain.csv'], dir)).code).toBe(0);
    const result = await run(['allocate', '--budget', '1000', '--data', 'areas.csv', '-o', 'table.csv', '--manifest'], dir);
    expect(result.code, result.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['areas.csv', 'plain.csv', 'table.csv', 'table.csv.manifest.json']);
    const table = readFileSync(join(dir, 'table.csv'));
    expect(table.equals(readFileSync(join(dir, 'plain.csv')))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'table.csv.manifest.json'), 'utf8'));
    expect(manifest.command).toBe('allocate');
    expect(manifest.inputs).toEqual([{ role: 'data file', file: 'areas.csv', sha256: sha(readFileSync(FIVE)) }]);
    expect(manifest.output).toEqual({ file: 'table.csv', format: 'csv', sha256: sha(table) });
    expect(manifest.run.budget).toBe('1000.00');
  });

  it('gives the same bytes for the same inputs typed from another folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'inputs'));
    copyFileSync(FIVE, join(root, 'inputs', 'areas.csv'));
    const a = await run(['allocate', '--budget', '1000', '--data', 'inputs/areas.csv', '-o', 'a.csv', '--manifest'], root);
    const b = await run(['allocate', '--budget', '1000', '--data', 'areas.csv', '-o', join(root, 'a2.csv'), '--manifest'], join(root, 'inputs'));
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const manifest = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8'));
    expect({ ...manifest('a2.csv.manifest.json'), output: undefined }).toEqual({ ...manifest('a.csv.manifest.json'), output: undefined });
    expect(manifest('a2.csv.manifest.json').output.sha256).toBe(manifest('a.csv.manifest.json').output.sha256);
  });

  it('is refused without -o FILE, before any work', async () => {
    const result = await run(['allocate', '--budget', '1000', '--data', 'missing.csv', '--manifest'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'fairshare: error: --manifest writes FILE.manifest.json beside -o FILE, but there is no -o FILE. Add -o FILE, e.g. -o table.csv --manifest\n',
    );
  });

  it('never writes its sidecar over an input', async () => {
    const dir = tempDir();
    copyFileSync(FIVE, join(dir, 'areas.csv'));
    writeFileSync(join(dir, 't.csv.manifest.json'), 'lsoa_code,value\n');
    const result = await run(
      ['allocate', '--budget', '1000', '--data', 'areas.csv', '--previous', 't.csv.manifest.json', '--floor', '-2%', '-o', 't.csv', '--manifest'],
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('would overwrite t.csv.manifest.json, which this run reads');
    expect(readdirSync(dir).sort()).toEqual(['areas.csv', 't.csv.manifest.json']);
  });
});
