import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// Every command a hint quotes ("Run "fairshare …"") runs as written: pasted back, it exits 0.
async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The commands a message quotes, as argument lists (the hints quote no argument with a space). */
function quotedCommands(message: string): string[][] {
  return [...message.matchAll(/"(fairshare [^"]+)"/g)].map((m) => (m[1] as string).split(' ').slice(1));
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-hints-'));

describe('the commands hints quote', () => {
  it.each([
    ['an unknown area with a guess', ['allocate', '--budget', '1m', '--area', 'Corbyy', '--vintage', '2019']],
    ['an unknown area without one', ['allocate', '--budget', '1m', '--area', 'Qqqqqqqqqqqq', '--vintage', '2025']],
  ])('run as written, for %s', async (_, args) => {
    const dir = tempDir();
    const failed = await run(args, dir);
    expect(failed.code).toBe(2);
    const commands = quotedCommands(failed.err);
    expect(commands.length, failed.err).toBeGreaterThan(0);
    for (const command of commands) {
      const again = await run(command, dir);
      expect(again.code, `${command.join(' ')}: ${again.err}`).toBe(0);
      expect(again.out).not.toBe('');
    }
  });

  it.each(['2019', '2025'])('run as written and list codes of the right vintage, for a points file of unknown LSOAs (%s)', async (vintage) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'points.csv'), 'lsoa_code,area_code,area_name\nE01999999,W1,Fixture Ward\n');
    const failed = await run(['lookup', 'build', '--points', 'points.csv', '-o', 'lookup.csv', '--vintage', vintage], dir);
    expect(failed.code).toBe(1);
    const [command] = quotedCommands(failed.err);
    expect(command, failed.err).toBeDefined();
    const listing = await run(command as string[], dir);
    expect(listing.code, listing.err).toBe(0);
    const example = /such as (E01\d{6})/.exec(failed.err)?.[1];
    expect(listing.out).toContain(`${example},`);
  });
});
