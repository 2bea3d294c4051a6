import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/decodeText.js';

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
