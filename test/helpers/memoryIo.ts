import { Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

/** An Io that records what a command writes; stdout is not a terminal unless asked. */
export function memoryIo(options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): MemoryIo {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        into.push(chunk.toString());
        done();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}
