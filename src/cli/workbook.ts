import { TOOL } from '../app/tool.js';
import type { Allocation } from '../engine/fairShare.js';
import { poundsText } from '../report/display.js';
import { formulaDomains, type XlsxNotes, type XlsxSheet } from '../report/toXlsx.js';
import { Failure, unwrap } from '../app/failure.js';
import type { Io } from './io.js';
import { checkOutputPath, chooseFormat, FORMATS, type OutputFormat, writeOutput } from './output.js';
import type { InputRef } from './guardOutput.js';
import type { InputFile } from '../data/inputFile.js';
import type { Inputs } from '../app/inputs.js';
import { packLicence } from '../data/packFormat.js';

export { TOOL } from '../app/tool.js';

/** The formats of a command that writes tables: the text formats and `xlsx` (to a file only). */
export const TABLE_FORMATS: readonly OutputFormat[] = [...FORMATS, 'xlsx'];

/**
 * Before any work, for a command that writes a table: check the `-o` path (never an input, nor inside
 * the data folder: that refusal comes first, as the weightiest), then choose the format from --format or
 * the extension, and refuse xlsx to standard output. Throws Failure.
 */
export async function tableOutput(format: string | undefined, output: string | undefined, io: Io, inputs: readonly InputRef[]): Promise<OutputFormat> {
  unwrap(await checkOutputPath(output, io, inputs));
  const chosen = unwrap(chooseFormat(format, output, io, { formats: TABLE_FORMATS }));
  checkWorkbookTarget(chosen, output);
  return chosen;
}

/** Refuse xlsx to standard output before any work: a workbook is binary. Throws Failure. */
export function checkWorkbookTarget(format: OutputFormat, output: string | undefined): void {
  if (format === 'xlsx' && (output === undefined || output === '-')) {
    throw new Failure({ kind: 'usage', code: 'xlsx-to-stdout', message: 'xlsx is a binary file and is not written to stdout', hint: 'Give -o FILE.xlsx' });
  }
}

/**
 * What a command says of its run on the workbook's Notes sheet (the licence from the packs it read: see
 * packLicence); the tool is added.
 */
export type WorkbookNotes = Omit<XlsxNotes, 'tool' | 'provenance'> & { readonly provenance: readonly InputFile[] };

/**
 * Write tables as an Excel workbook to `-o` (whole or not at all): one sheet per table and a Notes sheet
 * with the run, the tool's version, the inputs' SHA-256 and the notes' licence. Returns the bytes
 * written. Throws Failure.
 */
export async function writeWorkbook(sheets: readonly XlsxSheet[], notes: WorkbookNotes, output: string | undefined, io: Io): Promise<Uint8Array> {
  // exceljs loads only here, not at every start-up.
  const { toXlsx } = await import('../report/toXlsx.js');
  const bytes = await toXlsx(sheets, { ...notes, tool: TOOL });
  unwrap(await writeOutput(bytes, output, io));
  return bytes;
}

/**
 * The Notes of a workbook from one run of the formula: the command, area and budget as its title, the
 * run's header lines, the formula with the weights it counted with, where the data came from, its
 * licence and the input files (`provenance`, by default every file the inputs read).
 *
 * @example runNotes('allocate', allocation, header, inputs).title // => 'fairshare allocate: Northamptonshire, budget £12,700,000.00'
 */
export function runNotes(
  command: string,
  allocation: Allocation,
  lines: readonly string[],
  inputs: RunInputs,
  provenance: readonly InputFile[] = inputs.provenance,
): WorkbookNotes {
  return {
    title: `fairshare ${command}: ${inputs.area.name}, budget ${poundsText(allocation.budget)}`,
    lines,
    settings: [{ heading: `Formula: ${allocation.formula.name} (${allocation.formula.id})`, domains: formulaDomains(allocation.formula) }],
    sources: [inputs.dataWords],
    ...packLicence(inputs.pack),
    provenance,
  };
}

/** What {@link runNotes} reads of a run's inputs. */
export type RunInputs = Pick<Inputs, 'area' | 'dataWords' | 'pack' | 'provenance'>;
