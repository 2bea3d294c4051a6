import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeText } from '../../src/data/decodeText.js';

const TEXT = 'code,name\r\nF01,Alpha é\r\n';

describe('decodeText', () => {
  it('reads UTF-8, keeping a byte-order mark for the CSV reader to drop', () => {
    expect(decodeText(Buffer.from(TEXT))).toBe(TEXT);
    expect(decodeText(Buffer.from(`\uFEFF${TEXT}`))).toBe(`\uFEFF${TEXT}`);
  });

  it('reads UTF-16 little-endian after its byte-order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).toBe(`\uFEFF${TEXT}`);
  });

  it('reads UTF-16 big-endian after its byte-order mark', () => {
    const be = Buffer.from(TEXT, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(`\uFEFF${TEXT}`);
  });

  it('reads a slice of a larger buffer, not the whole of it', () => {
    const big = Buffer.from(`xx${TEXT}yy`);
    expect(decodeText(big.subarray(2, 2 + Buffer.byteLength(TEXT)))).toBe(TEXT);
  });
});

describe('decodeBytes', () => {
  it('reads bytes that are not UTF-8 as Windows-1252, as Excel\'s "CSV (Comma delimited)" writes them, and says so', () => {
    expect(decodeBytes(Buffer.from([0xa3, 0x35, 0x2c, 0xe9, 0x80]))).toEqual({ text: '£5,é€', encoding: 'Windows-1252' });
    expect(decodeBytes(Buffer.from('£5,é'))).toEqual({ text: '£5,é', encoding: 'UTF-8' });
  });

  it('names UTF-16 by its byte-order mark', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a', 'utf16le')])).encoding).toBe('UTF-16LE');
  });

  it('leaves bytes with NULs as UTF-8 for the CSV reader to refuse, not as a guessed text', () => {
    expect(decodeBytes(Buffer.from('a\u00e9', 'utf16le')).encoding).toBe('UTF-8');
  });
});
