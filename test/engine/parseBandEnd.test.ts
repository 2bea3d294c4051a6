import { describe, expect, it } from 'vitest';
import { parseBandEnd } from '../../src/engine/parseBandEnd.js';

describe('parseBandEnd', () => {
  it('reads a signed floor or ceiling as an exact fraction, 0% with no sign', () => {
    const values = (['-2%', '+2%', '-0.5', '0%'] as const).map((text) => {
      const parsed = parseBandEnd(text, 'floor', '--floor');
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value.toString();
    });
    expect(values).toEqual(['-0.02', '0.02', '-0.005', '0']);
  });

  it('refuses an unsigned floor, spelling out both readings with the setting as written where it was given', () => {
    const cli = parseBandEnd('5%', 'floor', '--floor');
    const file = parseBandEnd('5%', 'floor', 'floor:');
    if (cli.ok || file.ok) throw new Error('expected both to be refused');
    expect(cli.error).toMatchObject({ code: 'unsigned-percent', message: '--floor 5% has no sign, so it could mean a fall or a rise' });
    expect(cli.error.hint).toBe('"no district loses more than 5%" is --floor -5%; "every district gains at least 5%" is --floor +5%');
    expect(file.error.message).toBe('floor: 5% has no sign, so it could mean a fall or a rise');
    expect(file.error.hint).toBe('"no district loses more than 5%" is floor: -5%; "every district gains at least 5%" is floor: +5%');
  });

  it("refuses an unsigned ceiling with the ceiling's readings", () => {
    const refused = parseBandEnd('3', 'ceiling', 'ceiling:');
    if (refused.ok) throw new Error('expected it to be refused');
    expect(refused.error.hint).toBe('"every district loses at least 3%" is ceiling: -3%; "no district gains more than 3%" is ceiling: +3%');
  });
});
