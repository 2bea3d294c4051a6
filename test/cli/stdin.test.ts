import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

describe('--data - (standard input)', () => {
  it('reads the CSV from standard input', async () => {
    const io = { ...memoryIo(), stdin: createReadStream('test/fixtures/data/five-lsoas.csv') };
    expect(await main(['allocate', '--budget', '1000', '--data', '-'], io)).toBe(0);
    expect(io.out()).toBe(
      'district_code,district_name,lsoas,population,allocation,share_pct,per_person,need_index\n,North,2,300,496.24,49.62,1.65,0.99\n,South,3,300,503.76,50.38,1.68,1.01\n',
    );
  });

  it('names standard input in messages about its contents', async () => {
    const io = { ...memoryIo(), stdin: Readable.from(['code,name,district,population,need\nA,B,C,lots,1\n']) };
    expect(await main(['allocate', '--budget', '1000', '--data', '-'], io)).toBe(1);
    expect(io.err()).toMatch(/^fairshare: error: standard input:2:4 \(column "population"\): population "lots" is not a number/);
  });

  it('refuses to wait on a terminal', async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const io = { ...memoryIo(), stdin };
    expect(await main(['allocate', '--budget', '1000', '--data', '-'], io)).toBe(2);
    expect(io.err()).toContain('nothing is piped in');
  });
});
