import { describe, expect, it } from 'vitest';
import { buildLsoaChanges } from '../../build/buildLsoaChanges.js';

const HEADER = 'lsoa11_name,lsoa11_code,change_code,lsoa21_name,lsoa21_code,ltla22_name,ltla22_code';

describe('buildLsoaChanges', () => {
  it('keeps only the English LSOAs that changed, sorted by 2011 then 2021 code, and counts them by change', () => {
    const text = [
      HEADER,
      'Fixture 002A,E01000002,M,Fixture 002D,E01900003,Fixture,E06999999',
      'Fixture 001A,E01000001,S,Fixture 001F,E01900002,Fixture,E06999999',
      'Fixture 001A,E01000001,S,Fixture 001E,E01900001,Fixture,E06999999',
      'Fixture 003A,E01000003,U,Fixture 003A,E01000003,Fixture,E06999999',
      'Gosodiad 001A,W01000001,S,Gosodiad 001E,W01900001,Fixture,W06999999',
      '',
    ].join('\n');
    const built = buildLsoaChanges({ file: 'fixture.csv', text });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.csv).toBe(
      'lsoa11_code,lsoa11_name,change,lsoa21_code,lsoa21_name\nE01000001,Fixture 001A,S,E01900001,Fixture 001E\nE01000001,Fixture 001A,S,E01900002,Fixture 001F\nE01000002,Fixture 002A,M,E01900003,Fixture 002D\n',
    );
    expect(built.value.counts).toEqual({ S: 2, M: 1 });
  });

  it('refuses a lookup without the columns it needs, naming one', () => {
    const built = buildLsoaChanges({ file: 'fixture.csv', text: 'lsoa11_code,change_code\nE01000001,U\n' });
    expect(!built.ok && built.error.message).toBe('the lookup has no column lsoa11_name');
  });
});
