import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, toPackV1 } from '../../build/buildPack.js';
import { V2019 } from '../../build/vintages/v2019.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import { fixtureInputs } from '../build/packFixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fairshare-readpack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('defaultPackPath', () => {
  it('points at data/england-lsoa-2019.pack in the package root', () => {
    expect(defaultPackPath('2019')).toBe(path.join(repoRoot, 'data', 'england-lsoa-2019.pack'));
  });
});

describe('readPack', () => {
  it('reads and loads a pack file', async () => {
    const built = buildPack(V2019, fixtureInputs());
    if (!built.ok) throw new Error(built.error.message);
    const file = path.join(dir, 'fixture.json.gz');
    await writeFile(file, gzipSync(JSON.stringify(toPackV1(built.value.json))));
    const result = await readPack(file);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.dataset.file).toBe(file);
    expect(result.value.dataset.units).toHaveLength(3);
    expect(result.value.meta.fills).toEqual({ idaci_numerator: 1, idaopi_numerator: 1 });
  });

  it('returns an io error naming the file, with a hint, when the file does not exist', async () => {
    const file = path.join(dir, 'missing.json.gz');
    const result = await readPack(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('io');
    expect(result.error.code).toBe('pack-not-found');
    expect(result.error.message).toContain(file);
    expect(result.error.hint).toContain('npm run build:data');
  });

  it('returns an io error when the path is not a readable file', async () => {
    const result = await readPack(dir);
    expect(!result.ok && result.error.kind).toBe('io');
  });

  it('returns a data error for a file that is not a pack', async () => {
    const file = path.join(dir, 'junk.json.gz');
    await writeFile(file, 'junk');
    const result = await readPack(file);
    expect(!result.ok && result.error.kind).toBe('data');
  });
});
