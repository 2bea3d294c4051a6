import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Area, defaultArea, findArea, subset } from '../data/area.js';
import { formulaForData } from '../data/formulaForData.js';
import { loadPackWithMeta, type PackMeta } from '../data/loadPack.js';
import { decodeBytes, decodeText } from '../data/decodeText.js';
import { plain } from '../engine/shown.js';
import { isWorkbook } from '../data/isWorkbook.js';
import { bytesShown, MAX_INPUT_BYTES } from '../data/limits.js';
import { parseDataCsv } from '../data/parseDataCsv.js';
import { parseFormula } from '../data/parseFormula.js';
import { defaultPackPath } from '../data/readPack.js';
import { DEFAULT_FORMULAS, DEFAULT_VINTAGE, type Vintage } from '../data/vintage.js';
import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Formula } from '../engine/formula.js';
import { Failure, unwrap } from './failure.js';
import type { Lookup } from '../engine/lookup.js';
import { parseLookup } from '../data/parseLookup.js';
import { parseLocalities, type Localities } from '../data/parseLocalities.js';
import { localityLookup } from '../data/localityLookup.js';
import { LSOA_CHANGES_FILE, parseLsoaChanges, type LsoaChange } from '../data/lsoaChanges.js';
import { lsoaCodeHints, type LsoaCodeHints } from '../data/lsoaCodeHints.js';
import type { AppIo as Io } from './context.js';
import { findSource, replaceFromFile } from '../data/replaceSource.js';
import { inputFile, type InputFile, type InputRole } from '../data/inputFile.js';

/** The package root: two folders up from this module, in dist/ or src/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The folder of built-in formulas; `--formula NAME` picks `NAME.json` from it. */
export const FORMULAS_DIR = resolve(PACKAGE_ROOT, 'data/formulas');
export const DEFAULT_FORMULA = 'northamptonshire';

/** One `SOURCE=FILE` replacement (`--replace`, `replace:`): the source id and the file, as written. */
export interface ReplaceSetting {
  readonly source: string;
  readonly file: string;
}

/** A loaded dataset with the formula that goes with it and where both came from. */
export interface LoadedData {
  readonly dataset: Dataset;
  readonly formula: Formula;
  /** Where the data came from, in a few words (the pack's vintage or the file name). */
  readonly dataWords: string;
  readonly provenance: readonly InputFile[];
  /** The vintage of the shipped pack the data came from; undefined for a `--data` file. */
  readonly vintage?: Vintage;
  /**
   * What the shipped pack says of itself (its licence, the files it was built from); undefined for a `--data`
   * file.
   */
  readonly pack?: PackMeta;
}

export interface InputOptions {
  /** `--data FILE`: the user's own CSV instead of the shipped pack. */
  readonly data?: string;
  /** `--formula NAME|FILE`: a built-in formula name or a formula JSON file. */
  readonly formula?: string;
  /** `--area NAME|CODE`; default Northamptonshire for the pack, every row for a `--data` file. */
  readonly area?: string;
  /** `--vintage 2025|2019`: which shipped pack (and default formula); default {@link DEFAULT_VINTAGE}. */
  readonly vintage?: Vintage;
  /** `--replace SOURCE=FILE`: sources of the formula swapped for the user's figures, in order. */
  readonly replace?: readonly ReplaceSetting[];
  /** `--sheet NAME`: the sheet to read of every workbook input (default: each one's first). */
  readonly sheet?: string;
}

/** The data, formula and area one run works on. */
export interface Inputs extends LoadedData {
  /** The whole dataset that was loaded. */
  readonly all: Dataset;
  /** The selected area's part of it (`dataset` is the whole). */
  readonly area: Area;
}

/** Load the data and formula, then select the area. Relative paths are taken from `baseDir`. */
export async function loadInputs(options: InputOptions, io: Io, baseDir: string = io.cwd): Promise<Inputs> {
  const loaded = await loadData(options.data, options.formula, baseDir, io, options.vintage, options.sheet);
  const area = unwrap(selectArea(loaded.dataset, options.area));
  const inputs: Inputs = { ...loaded, all: loaded.dataset, dataset: subset(loaded.dataset, area), area };
  return options.replace === undefined || options.replace.length === 0 ? inputs : withReplacements(inputs, options.replace, baseDir, io, options.sheet);
}

/**
 * The inputs with sources of the formula swapped for the user's figures (`--replace`, `replace:`): each
 * file is read relative to `baseDir` and must give a value to every LSOA of the area (its rows for other
 * LSOAs of the data are ignored). The run's "Data:" words and its provenance name each file and its
 * SHA-256. Throws Failure, naming the file, line and column.
 */
export async function withReplacements(
  inputs: Inputs,
  settings: readonly ReplaceSetting[],
  baseDir: string,
  io: Pick<Io, 'stderr'>,
  sheet?: string,
): Promise<Inputs> {
  let { dataset, formula } = inputs;
  const described: string[] = [];
  const provenance: InputFile[] = [...inputs.provenance];
  const context = { known: new Set(inputs.all.units.map((u) => u.code)), codes: await codeHints(inputs.all, inputs.vintage), areaName: inputs.area.name };
  for (const setting of settings) {
    // The source first: a typo in it is refused before the file is read.
    unwrap(findSource(formula, setting.source));
    const file = unwrap(await readSource(resolve(baseDir, setting.file), 'replacement', setting.file));
    const text = await userTable(file.bytes, setting.file, io.stderr, sheet);
    const replaced = unwrap(replaceFromFile(dataset, formula, { ...setting, text, sha256: file.provenance.sha256 }, context));
    ({ dataset, formula } = replaced);
    described.push(replaced.described);
    provenance.push(file.provenance);
  }
  return { ...inputs, dataset, formula, dataWords: [inputs.dataWords, ...described].join('; '), provenance };
}

/** The area named, or the default: Northamptonshire for the shipped pack, every row of a `--data` file. */
export function selectArea(dataset: Dataset, name: string | undefined): Result<Area> {
  return findArea(dataset, name ?? defaultArea(dataset));
}

/**
 * Load a dataset (the shipped pack of a vintage, or a `--data` CSV) and its formula: the one named, else
 * the vintage's default formula for the pack, else one domain per column of the CSV. Throws Failure on
 * bad input.
 */
export async function loadData(
  data: string | undefined,
  formulaRef: string | undefined,
  baseDir: string,
  io?: Pick<Io, 'stdin' | 'stderr'>,
  vintage: Vintage = DEFAULT_VINTAGE,
  sheet?: string,
): Promise<LoadedData> {
  const { formula: named, provenance: formulaProvenance } = await loadFormula(
    formulaRef ?? (data === undefined ? DEFAULT_FORMULAS[vintage] : DEFAULT_FORMULA),
    baseDir,
    formulaRef,
  );
  if (data === undefined) {
    const packFile = unwrap(await readSource(defaultPackPath(vintage), 'data pack'));
    const pack = unwrap(loadPackWithMeta(packFile.bytes, packFile.provenance.file));
    return {
      dataset: pack.dataset,
      formula: named,
      dataWords: pack.meta.vintage,
      provenance: [packFile.provenance, formulaProvenance],
      vintage,
      pack: pack.meta,
    };
  }
  const csvFile = unwrap(data === '-' ? await readStdin(io?.stdin) : await readSource(resolve(baseDir, data), 'data file', data));
  const shown = data === '-' ? 'standard input' : data;
  // Outputs name the file without its folder, so the same file gives the same bytes from any folder.
  const fileName = data === '-' ? shown : basename(data);
  const parsed = unwrap(parseDataCsv(await userTable(csvFile.bytes, shown, io?.stderr, sheet), shown));
  if (formulaRef !== undefined) {
    return { dataset: parsed.dataset, formula: named, dataWords: `data file ${fileName}`, provenance: [csvFile.provenance, formulaProvenance] };
  }
  return { dataset: parsed.dataset, formula: formulaForData(parsed.domainIds, named), dataWords: `data file ${fileName}`, provenance: [csvFile.provenance] };
}

/**
 * Read and check a formula: a built-in name (`northamptonshire-2025`) or a formula JSON file, relative to
 * `baseDir`. `shown` is how the user wrote it, for messages; a default is shown by its path in the package.
 * Throws Failure.
 */
export async function loadFormula(ref: string, baseDir: string, shown?: string): Promise<{ formula: Formula; provenance: InputFile }> {
  const file = unwrap(await readSource(formulaPath(ref, baseDir), 'formula', shown));
  return { formula: unwrap(parseFormula(decodeText(file.bytes), shown ?? file.provenance.file)), provenance: file.provenance };
}

/** `--data -`: the CSV from standard input, recorded as `-` with the SHA-256 of what was read. */
async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<Result<{ bytes: Buffer; provenance: InputFile }>> {
  if (!stdin || (stdin as NodeJS.ReadStream).isTTY) {
    return fail('usage', 'no-stdin', '--data - reads the CSV from standard input, but nothing is piped in', {
      hint: 'Pipe the file in, e.g. fairshare allocate --budget 1m --data - < areas.csv, or give its path',
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (binaryChunk(bytes, chunks[0])) return refused('--data', 'from standard input', BINARY);
    chunks.push(bytes);
    total += bytes.length;
    // Leaving the loop destroys the stream: nothing more is read.
    if (total > MAX_INPUT_BYTES) return refused('--data', 'from standard input', `it has more than the ${bytesShown(MAX_INPUT_BYTES)} fairshare reads`);
  }
  const bytes = Buffer.concat(chunks);
  return ok({ bytes, provenance: inputFile('data file', '-', bytes) });
}

/** A formula reference: a built-in name (`northamptonshire`) or a path to a JSON file. */
export function formulaPath(ref: string | undefined, baseDir: string): string {
  const name = ref ?? DEFAULT_FORMULA;
  return /^[a-z0-9-]+$/.test(name) ? resolve(FORMULAS_DIR, `${name}.json`) : resolve(baseDir, name);
}

/** How much is read at a time from a file, pipe or device. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * An input refused while reading (over {@link MAX_INPUT_BYTES}, or binary); its message says why, e.g. `it is
 * 1.5 GB, more than …`.
 */
class Refused extends Error {}

/**
 * Whether a chunk read from a pipe or device shows a binary stream (`/dev/zero`, `/dev/urandom`): a NUL
 * byte in a text input that did not start with a UTF-16 byte-order mark. Such an input can be endless,
 * so it is refused at once rather than at the size limit. (A regular file is bounded by its size; the CSV
 * reader then names the line of its first NUL.)
 */
function binaryChunk(chunk: Buffer, first: Buffer | undefined): boolean {
  const start = first ?? chunk;
  const utf16 = (start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff);
  return !utf16 && chunk.includes(0);
}

const BINARY = 'it has NUL bytes, so it is not a text file';

/**
 * The bytes of a file, within the input size limit (src/data/limits.ts): a regular file over the limit
 * is refused from its size without being read, and a pipe, device or FIFO is read a chunk at a time and
 * refused as soon as it passes the limit, so memory stays bounded whatever the path names (`/dev/zero`).
 * Throws Node's errors (ENOENT, EISDIR, EACCES) and {@link Refused}.
 */
async function readLimited(path: string, text: boolean): Promise<Buffer> {
  const stats = statSync(path);
  if (stats.isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
  if (!stats.isFile()) {
    const handle = await open(path, 'r');
    try {
      return await readChunks(handle, text);
    } finally {
      await handle.close();
    }
  }
  // A regular file is read in one go, synchronously: its size is known, and a run that waits for its input
  // anyway need not start libuv's thread pool for it (BENCHMARKS.md, "Speed at national scale").
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) throw new Refused(`it is ${bytesShown(size)}, more than the ${bytesShown(MAX_INPUT_BYTES)} fairshare reads`);
    return readWhole(fd, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * A regular file's bytes into one buffer of its size; a file that grew or shrank since its size was read
 * is read in chunks to its end, within the limit.
 */
function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let total = 0;
  while (total < size) {
    const read = readSync(fd, bytes, total, size - total, null);
    if (read === 0) return bytes.subarray(0, total);
    total += read;
  }
  // Anything past the size it had when it was opened (a file still being written): read on, within the limit.
  const more: Buffer[] = [bytes];
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
    if (read === 0) return more.length === 1 ? bytes : Buffer.concat(more, total);
    more.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total > MAX_INPUT_BYTES) throw new Refused(`it has more than the ${bytesShown(MAX_INPUT_BYTES)} fairshare reads`);
  }
}

/**
 * A pipe, device or FIFO a chunk at a time, refused as soon as it passes the limit or, for a text input,
 * shows itself binary.
 */
async function readChunks(handle: FileHandle, text: boolean): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) break;
    // A copy, so a pipe's small reads do not each keep a whole chunk alive.
    const chunk = Buffer.from(buffer.subarray(0, bytesRead));
    if (text && binaryChunk(chunk, chunks[0])) throw new Refused(BINARY);
    chunks.push(chunk);
    total += bytesRead;
    if (total > MAX_INPUT_BYTES) throw new Refused(`it has more than the ${bytesShown(MAX_INPUT_BYTES)} fairshare reads`);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The text of a file, within the input size limit, decoded as {@link decodeText} does (UTF-8, or
 * UTF-16 with a byte-order mark). Throws Node's errors (ENOENT, EISDIR, EACCES) and, for a file too
 * large, an error whose message says so (`it is 1.5 GB, more than the 256 MB fairshare reads`).
 */
export async function readTextFile(path: string, shown: string = path, stderr?: Io['stderr'], sheet?: string): Promise<string> {
  return userTable(await readLimited(path, true), shown, stderr, sheet);
}

/**
 * The table of a user's file as CSV text: an Excel workbook (.xlsx, fairshare's own included) is read
 * from the sheet named (`--sheet`), else its first (see workbookText), anything else as text
 * ({@link userText}), with a notice that `--sheet` does not apply to it. Throws Failure.
 */
export async function userTable(bytes: Uint8Array, shown: string, stderr?: Io['stderr'], sheet?: string): Promise<string> {
  if (!isWorkbook(bytes)) {
    if (sheet !== undefined) stderr?.write(`fairshare: notice: ${plain(shown)} is not a workbook, so --sheet ${plain(sheet)} does not apply to it\n`);
    return userText(bytes, shown, stderr);
  }
  const { workbookText } = await import('../data/workbookText.js');
  const { ownTableHeaders } = await import('../report/table.js');
  return unwrap(await workbookText(bytes, shown, { knownHeaders: ownTableHeaders(), ...(sheet === undefined ? {} : { sheet }) }));
}

/**
 * The text of a user's file (see {@link decodeBytes}), with a one-line notice on `stderr` when it was not
 * UTF-8 and so was read as Windows-1252, as Excel's "CSV (Comma delimited)" writes it: the officer sees
 * how a £ or é was read, and how to save the file to make the notice go.
 */
export function userText(bytes: Uint8Array, shown: string, stderr?: Io['stderr']): string {
  const { text, encoding } = decodeBytes(bytes);
  if (encoding === 'Windows-1252') {
    stderr?.write(
      `fairshare: notice: ${plain(shown)} is not UTF-8, so it was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure of every character\n`,
    );
  }
  return text;
}

/** The refusal of an input over the size limit, or of a binary stream. */
function refused(what: string, shown: string, why: string): Result<never> {
  return fail('io', why === BINARY ? 'not-text' : 'file-too-large', `cannot read ${what} ${shown}: ${why}`, {
    hint: `Check that it is the right file: a CSV saved as text, of at most ${bytesShown(MAX_INPUT_BYTES)} (README, "Safety")`,
  });
}

/**
 * Read a file whole, with its SHA-256, turning the usual failures into one-line errors naming it. A file
 * over the input size limit is refused without reading it all (see {@link readLimited}).
 */
export async function readSource(path: string, role: InputRole, shown: string = shownPath(path)): Promise<Result<{ bytes: Buffer; provenance: InputFile }>> {
  const what =
    role === 'data file'
      ? '--data file'
      : role === 'replacement'
        ? 'replacement file'
        : role === 'points'
          ? '--points file'
          : role === 'localities'
            ? 'localities file'
            : role;
  try {
    const bytes = await readLimited(path, role !== 'data pack');
    return ok({ bytes, provenance: inputFile(role, recordedName(path, shown), bytes) });
  } catch (error) {
    if (error instanceof Refused) return refused(what, shown, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    const hint =
      role === 'data pack'
        ? 'Rebuild it with npm run build:data, or reinstall fairshare'
        : role === 'formula'
          ? `Give a built-in formula name (${DEFAULT_FORMULA}) or the path of a formula JSON file`
          : 'Check the path and try again';
    return fail('io', 'unreadable-file', `cannot read ${what} ${shown}: ${why}`, { hint });
  }
}

/** How provenance records a file: a shipped one by its path in the package, a user's by its name alone. */
function recordedName(path: string, shown: string): string {
  const inside = shownPath(path);
  return inside !== path && inside.startsWith('data/') ? inside : basename(shown);
}

/** Shipped files are shown relative to the package root (the same on every machine). */
function shownPath(path: string): string {
  const inside = relative(PACKAGE_ROOT, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split('\\').join('/');
}

/** The shipped share lookups, by level (they cover Northamptonshire). */
export const SHIPPED_LOOKUPS: Readonly<Record<string, string>> = {
  ward: 'data/lookups/northamptonshire-wards-2019.csv',
  division: 'data/lookups/northamptonshire-divisions-2019.csv',
};

/**
 * Read a share lookup for a level: the file given, or the shipped one for wards or divisions. Its LSOA
 * codes are checked against the whole dataset (relative paths from `io.cwd`); a code of the other vintage
 * (`vintage` is the data's) is
 * named as such. Throws Failure on bad input.
 */
export async function loadLookup(
  level: string,
  file: string | undefined,
  dataset: Dataset,
  io: Pick<Io, 'cwd' | 'stderr'>,
  vintage?: Vintage,
  sheet?: string,
): Promise<{ lookup: Lookup; provenance: InputFile }> {
  const shipped = SHIPPED_LOOKUPS[level];
  if (file === undefined && shipped === undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'no-lookup',
      message: `there is no shipped lookup for the level "${level}"`,
      hint: 'Give one with --lookup FILE',
    });
  }
  const path = file === undefined ? resolve(PACKAGE_ROOT, shipped as string) : resolve(io.cwd, file);
  const source = unwrap(await readSource(path, 'lookup', file));
  const known = new Set(dataset.units.map((u) => u.code));
  const shown = file ?? source.provenance.file;
  const text = await userTable(source.bytes, shown, io.stderr, sheet);
  const lookup = unwrap(parseLookup(text, shown, level, known, { codes: await codeHints(dataset, vintage) }));
  return { lookup, provenance: source.provenance };
}

/**
 * The user's localities file (`--localities FILE`, relative to `io.cwd`) as a share lookup over the LSOAs
 * of the area (level `locality`), with its provenance. Throws Failure, naming the file, line and column.
 */
export async function loadLocalities(
  file: string,
  inputs: Inputs,
  io: Pick<Io, 'cwd' | 'stderr'>,
  sheet?: string,
): Promise<{ lookup: Lookup; provenance: InputFile }> {
  const { localities, provenance } = await readLocalities(file, io.cwd, io, sheet);
  return { lookup: unwrap(localityLookup(localities, inputs.all, inputs.dataset, inputs.area.name)), provenance };
}

/**
 * A localities file (relative to `folder`) read and checked on its own (see parseLocalities; its codes are
 * checked against the data later), with its provenance. Throws Failure, naming the file, line and column.
 */
export async function readLocalities(
  file: string,
  folder: string,
  io: Pick<Io, 'stderr'>,
  sheet?: string,
): Promise<{ localities: Localities; provenance: InputFile }> {
  const source = unwrap(await readSource(resolve(folder, file), 'localities', file));
  return { localities: unwrap(parseLocalities(await userTable(source.bytes, file, io.stderr, sheet), file)), provenance: source.provenance };
}

/**
 * The shipped LSOA 2011 → 2021 changes (`data/lookups/lsoa-2011-2021-changes.csv`), with its provenance.
 * Throws Failure.
 */
export async function loadLsoaChanges(): Promise<{ changes: LsoaChange[]; provenance: InputFile }> {
  const source = unwrap(await readSource(resolve(PACKAGE_ROOT, 'data', LSOA_CHANGES_FILE), 'lookup'));
  return { changes: parseLsoaChanges(source.bytes.toString('utf8')), provenance: source.provenance };
}

/**
 * How messages about the LSOA codes of a user's file name the data's (its geography, a code, the other
 * vintage's codes).
 */
export async function codeHints(dataset: Dataset, vintage: Vintage | undefined): Promise<LsoaCodeHints> {
  return lsoaCodeHints(dataset, vintage, vintage === undefined ? [] : (await loadLsoaChanges()).changes);
}
