import { describe, expect, it } from 'vitest';
import { main, program } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

/** Every command and subcommand, as the words typed before --help. */
function commandPaths(): string[][] {
  const paths: string[][] = [[]];
  const walk = (command: ReturnType<typeof program>, path: string[]): void => {
    for (const sub of command.commands) {
      const next = [...path, sub.name()];
      paths.push(next);
      walk(sub, next);
    }
  };
  walk(program(memoryIo()), []);
  return paths;
}

describe('--help', () => {
  it.each(commandPaths().map((p) => [p.join(' ') || 'fairshare', p] as const))('%s has at least one real example', async (_name, path) => {
    const io = memoryIo();
    expect(await main([...path, '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/\nExamples?:\n {2}\$ fairshare \S+/);
  });
});
