/**
 * What the application layer needs of the outside world: the folder relative paths are taken from, where
 * one-line notices go (a file read as Windows-1252, a `--sheet` that does not apply), and standard input
 * for `--data -`. The CLI passes its own streams; a script passes its folder and, if it likes, a sink.
 * Nothing here touches `process` or the console.
 */
export interface AppIo {
  /** The folder relative paths are resolved against. */
  readonly cwd: string;
  /** Where notices go, one line each ending in a newline. */
  readonly stderr: { write(text: string): unknown };
  /** Where `-` reads from (`--data -`); absent when there is none. */
  readonly stdin?: NodeJS.ReadableStream;
}
