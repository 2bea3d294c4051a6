/**
 * A file a run will read, named before it is read: as the user wrote it, and where it is. The CLI checks
 * every output against these, so that no output overwrites an input (src/cli/guardOutput.ts).
 */
export interface InputRef {
  /** The file as the user wrote it, for messages. */
  readonly shown: string;
  /** Its absolute path. */
  readonly path: string;
}
