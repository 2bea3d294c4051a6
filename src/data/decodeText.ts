/**
 * Turning the bytes of a user's text file into text, in one place for every input. Pure.
 */
import { Buffer } from 'node:buffer';

/** The encodings fairshare reads a text file in. */
export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Windows-1252's bytes 80–9F, where it differs from ISO-8859-1 (WHATWG encoding standard, index
 * windows-1252): Node's TextDecoder reads the label as ISO-8859-1 and gives C1 controls there instead of
 * €, ‘ ’ “ ” – — and the rest. The five bytes Windows-1252 leaves unassigned (81 8D 8F 90 9D) stay as
 * they are, as the standard says.
 */
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Bytes as Windows-1252: ISO-8859-1 (one byte, one code point), with 80–9F from the table above. */
function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_9F.charAt(c.charCodeAt(0) - 0x80));
}

/**
 * The text of a file's bytes and the encoding it was read in: UTF-16 (little- or big-endian, as Excel's
 * "Unicode Text" and some Windows tools write it) when the file starts with a UTF-16 byte-order mark;
 * else UTF-8 when the bytes are valid UTF-8; else Windows-1252, which is what Excel's "CSV (Comma
 * delimited)" writes on Windows (a £ is the byte A3, é is E9). Every byte sequence is valid in one of
 * these, so nothing becomes U+FFFD, except in bytes with NULs, which are no text in any of these and are
 * read as UTF-8 for the CSV reader to refuse. A byte-order mark is kept as U+FEFF, which the CSV reader
 * ignores.
 *
 * @example decodeBytes(Buffer.from([0xa3, 0x35])) // => { text: '£5', encoding: 'Windows-1252' }
 * @example decodeBytes(Buffer.from('£5')) // => { text: '£5', encoding: 'UTF-8' }
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes), encoding: 'UTF-16BE' };
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // NUL bytes mean no text file at all (UTF-16 without its mark, a binary): read as UTF-8 for the CSV
  // reader to say so at the first NUL, not guess a text encoding.
  if (view.includes(0)) return { text: view.toString('utf8'), encoding: 'UTF-8' };
  try {
    return { text: UTF8.decode(view), encoding: 'UTF-8' };
  } catch {
    return { text: windows1252(view), encoding: 'Windows-1252' };
  }
}

/**
 * The text of a file's bytes, read as {@link decodeBytes} does.
 *
 * @example decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00])) // => '\uFEFFa'
 * @example decodeText(Buffer.from('a,b\n')) // => 'a,b\n'
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
}
