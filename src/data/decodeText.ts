/**
 * Turning the bytes of a user's text file into text, in one place for every input. Pure.
 */
import { Buffer } from 'node:buffer';

/**
 * The text of a file's bytes: UTF-16 (little- or big-endian, as Excel's "Unicode Text" and some Windows
 * tools write it) when the file starts with a UTF-16 byte-order mark, otherwise UTF-8. The byte-order
 * mark is kept as U+FEFF, which the CSV reader ignores. Bytes that are not valid in the encoding become
 * U+FFFD. (Windows-1252 files read as UTF-8, with U+FFFD for their accented letters.)
 *
 * @example decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00])) // => '\uFEFFa'
 * @example decodeText(Buffer.from('a,b\n')) // => 'a,b\n'
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
