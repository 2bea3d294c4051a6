import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/app/allocate.js';
import { Failure } from '../../src/app/failure.js';
import { transition } from '../../src/app/transition.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

describe('transition (app)', () => {
  it("gives each year's rows as exact strings, the default pace a third for three years, the last year at allocate's target", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-transition-app-'));
    expect(await main(['allocate', '--budget', '12.7m', '--vintage', '2019', '-o', 'last.csv'], memoryIo({ cwd: dir }))).toBe(0);
    const io = { cwd: dir, stderr: { write: () => true } };
    const r = await transition({ previous: 'last.csv', years: 3, budgets: ['12.7m', '13m', '13.3m'], vintage: '2019', weights: { 'community-safety': 3 } }, io);
    expect(r.pace).toBe('1/3');
    expect(r.years.map((y) => y.budget)).toEqual(['12700000.00', '13000000.00', '13300000.00']);
    const target = await allocate({ budget: '13.3m', vintage: '2019', weights: { 'community-safety': 3 } }, io);
    expect(r.years[2]?.rows.map((row) => row.allocation)).toEqual(target.districts.map((d) => d.allocation));
    expect(r.years[2]?.rows.map((row) => row.needIndex)).toEqual(target.districts.map((d) => d.needIndex));
    expect(r.shortfall).toBe('0.00');
    await expect(transition({ previous: 'last.csv', years: 2, budgets: ['12.7m'], pace: '0%', vintage: '2019' }, io)).rejects.toBeInstanceOf(Failure);
  });
});
