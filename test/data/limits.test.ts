import { describe, expect, it } from 'vitest';
import { bytesShown } from '../../src/data/limits.js';

describe('bytesShown', () => {
  it('shows sizes in MB or GB, rounded up to a tenth so a file over a limit never reads as the limit', () => {
    expect(bytesShown(256 * 1024 * 1024)).toBe('256 MB');
    expect(bytesShown(256 * 1024 * 1024 + 1)).toBe('256.1 MB');
    expect(bytesShown(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(bytesShown(1000)).toBe('1,000 bytes');
  });
});
