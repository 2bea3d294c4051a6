import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pin2019 } from '../helpers/pin2019.js';

// These tests run the built bins (npm test builds first) as an officer would.
const ROOT = join(import.meta.dirname, '..', '..');
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];

function bin(name: 'fairshare' | 'allocate', args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', `${name}.js`), ...(name === 'allocate' ? pin2019(['allocate', ...args]).slice(1) : pin2019(args))],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the fairshare and allocate bins', () => {
  it('`allocate …` prints exactly what `fairshare allocate …` prints', () => {
    const a = bin('fairshare', ['allocate', ...ADULTS, '--format', 'table']);
    const b = bin('allocate', [...ADULTS, '--format', 'table']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(a.out).toContain('£12,700,000.00');
    expect(a.out.match(/^E0700015\d /gm)).toHaveLength(7);
  });

  it('shows real examples in --help', () => {
    const help = bin('fairshare', ['allocate', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('$ fairshare allocate --budget 12.7m --exclude young-people,early-years');
    expect(bin('fairshare', ['--help']).out).toContain('explain');
  });

  it('prints the version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(bin('fairshare', ['--version']).out.trim()).toBe(pkg.version);
  });

  it('writes -o adults.csv with the district columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-bin-'));
    const result = bin('allocate', [...ADULTS, '--format', 'csv', '-o', join(dir, 'adults.csv')]);
    expect(result).toMatchObject({ code: 0, out: '', err: '' });
    const csv = readFileSync(join(dir, 'adults.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('district_code,district_name,lsoas,population,allocation,share_pct,per_person,need_index');
    expect(csv.trim().split('\n')).toHaveLength(8);
  });

  it('treats a closed pipe as success', () => {
    const result = spawnSync(
      'bash',
      ['-c', `node bin/fairshare.js allocate --vintage 2019 --budget 1.2bn --area england --level lsoa | head -n 1; echo "exit=\${PIPESTATUS[0]}"`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toContain('lsoa_code,');
    expect(result.stdout).toContain('exit=0');
    expect(result.stderr).toBe('');
  });

  describe('bad input: one line on stderr, a non-zero exit, no stack trace and no output file', () => {
    const cases: [string, string[], number, RegExp][] = [
      ['unknown domain id', ['--budget', '1m', '--exclude', 'young-poeple'], 2, /unknown domain "young-poeple".*Did you mean "young-people"/],
      ['unparseable budget', ['--budget', 'twelve'], 2, /budget "twelve" is not an amount of money.*12\.7m/],
      ['zero budget', ['--budget', '0'], 2, /budget "0" is zero/],
      ['negative budget', ['--budget', '-5m'], 2, /budget "-5m" is negative/],
      ['missing budget', [], 2, /no --budget given: the amount to share\. Give it like --budget 12\.7m/],
      ['a mistyped option, named before any missing one', ['--budgt', '12.7m'], 2, /unknown option '--budgt'.*Did you mean --budget\?/],
      [
        'a weight written with a space for the =',
        ['--budget', '1m', '--weight', 'community-safety', '2'],
        2,
        /--weight community-safety 2: a weight is written with =\. Write --weight community-safety=2/,
      ],
      [
        'every domain excluded',
        ['--budget', '1m', '--exclude', 'deprivation,access-to-facilities,communities,community-safety,adults,young-people,early-years'],
        2,
        /every domain is excluded or weighted 0/,
      ],
      [
        'all weights 0',
        [
          '--budget',
          '1m',
          ...['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years'].flatMap((d) => [
            '--weight',
            `${d}=0`,
          ]),
        ],
        2,
        /every domain is excluded or weighted 0/,
      ],
      ['negative weight', ['--budget', '1m', '--weight', 'adults=-1'], 2, /weight for "adults" must be a number of 0 or more, got "-1"/],
      ['non-numeric weight', ['--budget', '1m', '--weight', 'adults=lots'], 2, /weight for "adults" must be a number of 0 or more, got "lots"/],
      ['unknown area', ['--budget', '1m', '--area', 'Northamptonshre'], 2, /unknown area "Northamptonshre".*Did you mean "Northamptonshire"/],
      ['unknown option', ['--budget', '1m', '--bogus'], 2, /unknown option '--bogus'/],
      ['--data file missing', ['--budget', '1m', '--data', 'no-such-file.csv'], 1, /cannot read --data file no-such-file\.csv: no such file/],
      ['--data is a folder', ['--budget', '1m', '--data', 'test'], 1, /cannot read --data file test: it is a folder/],
      ['--data empty', ['--budget', '1m', '--data', 'test/fixtures/bad/empty.csv'], 1, /empty\.csv: the file is empty/],
      ['--data malformed', ['--budget', '1m', '--data', 'test/fixtures/bad/malformed.csv'], 1, /malformed\.csv:3:2 .*quoted value is never closed/],
      [
        '--data duplicate codes',
        ['--budget', '1m', '--data', 'test/fixtures/bad/duplicate-codes.csv'],
        1,
        /duplicate-codes\.csv:5:1 .*code "X02" appears twice/,
      ],
      ['--data missing columns', ['--budget', '1m', '--data', 'test/fixtures/bad/missing-columns.csv'], 1, /missing required columns "name" and "population"/],
      [
        '--data non-numeric population',
        ['--budget', '1m', '--data', 'test/fixtures/bad/non-numeric-population.csv'],
        1,
        /:3:4 \(column "population"\): population "lots" is not a number/,
      ],
      [
        '--data negative population',
        ['--budget', '1m', '--data', 'test/fixtures/bad/negative-population.csv'],
        1,
        /:4:4 \(column "population"\): population -5 is negative/,
      ],
      ['--data zero total population', ['--budget', '1m', '--data', 'test/fixtures/bad/zero-population.csv'], 1, /populations add up to 0/],
      [
        '--data blank need value',
        ['--budget', '1m', '--data', 'test/fixtures/bad/blank-need.csv'],
        1,
        /blank-need\.csv:4:5 \(column "need_a"\): need value is blank/,
      ],
      [
        '--data non-numeric need value',
        ['--budget', '1m', '--data', 'test/fixtures/bad/non-numeric-need.csv'],
        1,
        /:7:6 \(column "deprivation"\): need value "n\/a" is not a number/,
      ],
    ];

    it.each(cases)('%s', (_name, args, exitCode, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'fairshare-bad-'));
      const result = bin('fairshare', ['allocate', ...args, '-o', join(dir, 'out.csv')]);
      expect(result.code).toBe(exitCode);
      expect(result.out).toBe('');
      const lines = result.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^fairshare: error: /);
      expect(lines[0]).toMatch(message);
      expect(result.err).not.toMatch(/\n\s+at /);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('an output folder that does not exist', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fairshare-bad-'));
      const result = bin('fairshare', ['allocate', ...ADULTS, '-o', join(dir, 'missing', 'out.csv')]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^fairshare: error: cannot write .*out\.csv: the folder .*missing does not exist/);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    });

    it('prints the stack trace only with --verbose', () => {
      const quiet = bin('fairshare', ['allocate', '--budget', '1m', '--area', 'nowhere']);
      const verbose = bin('fairshare', ['--verbose', 'allocate', '--budget', '1m', '--area', 'nowhere']);
      expect(quiet.err).not.toMatch(/\n\s+at /);
      expect(verbose.code).toBe(2);
      expect(verbose.err).toMatch(/\n\s+at /);
    });
  });
});
