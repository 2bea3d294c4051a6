import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inputFile, sha256 } from '../../src/data/inputFile.js';

describe('inputFile', () => {
  it('hashes a text as its UTF-8 bytes, so a file read as text or as bytes records the same SHA-256', () => {
    const text = 'lsoa_code,value\nE01027013,£1\n';
    expect(sha256(text)).toBe(sha256(new TextEncoder().encode(text)));
    expect(sha256(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('records the role, the name and the hash, and nothing else (outputs write it as it is)', () => {
    expect(inputFile('points', 'points.csv', 'x')).toEqual({ role: 'points', file: 'points.csv', sha256: sha256('x') });
    expect(Object.keys(inputFile('lookup', 'l.csv', new Uint8Array()))).toEqual(['role', 'file', 'sha256']);
  });
});
