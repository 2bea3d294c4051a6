import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

type Row = Record<string, string>;

/** A fresh folder holding last year's district table: the adult social care pot of £12.7m. */
let previousCsv: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-damping-'));
  const made = await run(['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years', '-o', 'prev.csv'], dir);
  expect(made.code).toBe(0);
  previousCsv = readFileSync(join(dir, 'prev.csv'), 'utf8');
});

/** A temporary folder with prev.csv in it (optionally changed), to run in. */
function folder(previous: string = previousCsv): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-damping-'));
  writeFileSync(join(dir, 'prev.csv'), previous);
  return dir;
}

async function run(args: string[], cwd: string, options: { tty?: boolean } = {}) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' }, ...options });
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

const ALL = ['allocate', '--budget', '12.7m'];
const pennies = (pounds: string): bigint => {
  const [whole, fraction = ''] = pounds.split('.');
  return BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
};
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

describe('allocate --previous --floor --ceiling (damping)', () => {
  it('keeps every district within -5% and +5% of last year and still adds up exactly to the budget', async () => {
    const dir = folder();
    const { code, err } = await run([...ALL, '--previous', 'prev.csv', '--floor', '-5%', '--ceiling', '+5%', '-o', 'damped.csv'], dir);
    expect(code).toBe(0);
    const rows = parse(readFileSync(join(dir, 'damped.csv'), 'utf8'), { columns: true }) as Row[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'district_code',
      'district_name',
      'lsoas',
      'population',
      'allocation',
      'share_pct',
      'per_person',
      'need_index',
      'previous',
      'change_pct',
      'held',
    ]);
    expect(rows.reduce((sum, r) => sum + pennies(r['allocation'] as string), 0n)).toBe(1_270_000_000n);

    const last = new Map((parse(previousCsv, { columns: true }) as Row[]).map((r) => [r['district_code'], r['allocation']]));
    for (const row of rows) {
      const amount = pennies(row['allocation'] as string);
      const previous = pennies(row['previous'] as string);
      expect(row['previous']).toBe(last.get(row['district_code']));
      // The band in whole pennies, exactly: ⌈0.95 P⌉ ≤ amount ≤ ⌊1.05 P⌋.
      expect(amount >= ceilDiv(previous * 95n, 100n) && amount <= (previous * 105n) / 100n).toBe(true);
      const change = Number(row['change_pct']);
      expect(change).toBeGreaterThanOrEqual(-5);
      expect(change).toBeLessThanOrEqual(5);
      expect(['', 'floor', 'ceiling']).toContain(row['held']);
      if (row['held'] === 'ceiling') expect(amount).toBe((previous * 105n) / 100n);
      if (row['held'] === 'floor') expect(amount).toBe(ceilDiv(previous * 95n, 100n));
    }
    expect(rows.map((r) => r['held'])).toEqual(['', '', 'ceiling', '', '', '', '']);
    // CSV has no header lines, so the line saying who paid goes to stderr.
    expect(err).toBe(
      'fairshare: Damped against prev.csv (floor -5%, ceiling +5%): held at the ceiling: East Northamptonshire; against their formula amounts, ' +
        '£3,779.57 moved from East Northamptonshire (-£3,779.57) to Corby (+£485.71), Daventry (+£370.11), ' +
        'Kettering (+£590.92), Northampton (+£1,532.77), South Northamptonshire (+£291.50) and Wellingborough (+£508.56).\n',
    );
  });

  it('says who was held and who paid whom in the header of the table, with floors and ceilings both held', async () => {
    const { code, out, err } = await run([...ALL, '--previous', 'prev.csv', '--floor', '-2%', '--ceiling', '+2%'], folder(), { tty: true });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(
      'Damped against prev.csv (floor -2%, ceiling +2%): held at the floor: South Northamptonshire; held at the ceiling: Corby, East Northamptonshire, Kettering; ' +
        'against their formula amounts, £50,970.87 moved from Corby (-£2,301.12), East Northamptonshire (-£42,489.16) and Kettering (-£6,180.59) ' +
        'to Daventry (+£6,747.38), Northampton (+£27,943.55), South Northamptonshire (+£7,008.48) and Wellingborough (+£9,271.46).',
    );
    expect(out).toMatch(/South Northamptonshire .* -2\.00%\s+floor/);
    expect(out).toMatch(/Total\s+422\s+720,913\s+£12,700,000\.00\s+100\.00%\s+£17\.62\s+1\.00\s+£12,700,000\.00\s+0\.00%/);
  });

  it('puts the damping in the Markdown caption and in the JSON', async () => {
    const dir = folder();
    const md = await run([...ALL, '--previous', 'prev.csv', '--floor', '-2%', '--ceiling', '+2%', '--format', 'md'], dir);
    expect(md.out).toContain('Damped against prev.csv (floor -2%, ceiling +2%): held at the floor: South Northamptonshire');
    expect(md.out).toContain('| Code | District | LSOAs | Population | Allocation | % of total | £ per person | Need index | Previous | Change % | Held |');
    const json = JSON.parse((await run([...ALL, '--previous', 'prev.csv', '--floor', '-2%', '--ceiling', '+2%', '--format', 'json'], dir)).out) as {
      damping: Record<string, unknown>;
      rows: { held: string; change_pct: number | null }[];
    };
    expect(json.damping).toMatchObject({
      previous: 'prev.csv',
      floor_pct: -2,
      ceiling_pct: 2,
      floor_cost: '7008.48',
      ceilings_freed: '50970.87',
      held_at_floor: ['E07000155'],
      held_at_ceiling: ['E07000150', 'E07000152', 'E07000153'],
    });
    expect(json.rows.map((r) => r.held)).toEqual(['ceiling', '', 'ceiling', 'ceiling', '', 'floor', '']);
  });

  it('writes an xlsx workbook with the columns and says who paid on stderr', async () => {
    const dir = folder();
    const { code, err } = await run([...ALL, '--previous', 'prev.csv', '--floor', '-5%', '--ceiling', '+5%', '-o', 'damped.xlsx'], dir);
    expect(code).toBe(0);
    expect(err).toMatch(
      /^fairshare: Damped against prev\.csv \(floor -5%, ceiling \+5%\): held at the ceiling: East Northamptonshire; against their formula amounts, £3,779\.57 moved/,
    );
    expect(readdirSync(dir).sort()).toEqual(['damped.xlsx', 'prev.csv']);
  });

  it('accepts its own damped output as the next previous allocation', async () => {
    const dir = folder();
    expect((await run([...ALL, '--previous', 'prev.csv', '--floor', '-5%', '-o', 'year2.csv'], dir)).code).toBe(0);
    const { code, out } = await run(['allocate', '--budget', '13m', '--previous', 'year2.csv', '--floor', '-1%', '--ceiling', '+3%'], dir);
    expect(code).toBe(0);
    const rows = parse(out, { columns: true }) as Row[];
    expect(rows.reduce((sum, r) => sum + pennies(r['allocation'] as string), 0n)).toBe(1_300_000_000n);
  });

  it('adds the previous and change columns without damping when no floor or ceiling is given', async () => {
    const dir = folder();
    const plain = await run(ALL, dir);
    const compared = await run([...ALL, '--previous', 'prev.csv'], dir);
    expect(compared.code).toBe(0);
    const amounts = (csv: string) => (parse(csv, { columns: true }) as Row[]).map((r) => r['allocation']);
    expect(amounts(compared.out)).toEqual(amounts(plain.out));
    expect(compared.err).toContain('no district reached its floor or ceiling, so every district gets its formula amount');
  });

  describe('a floor the budget cannot fund', () => {
    it('exits 2 naming the tightest floor that can be funded, writing nothing; that floor then works', async () => {
      const dir = folder();
      const { code, out, err } = await run([...ALL.slice(0, 2), '10m', '--previous', 'prev.csv', '--floor', '-5%', '-o', 'out.csv'], dir);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(
        'fairshare: error: the floor -5% cannot be funded: it needs £12,065,000.03, more than the budget of £10,000,000.00. ' +
          'The tightest floor this budget can fund is -21.26%; give that or lower, or a larger budget\n',
      );
      expect(readdirSync(dir)).toEqual(['prev.csv']);

      const tightest = await run([...ALL.slice(0, 2), '10m', '--previous', 'prev.csv', '--floor', '-21.26%', '-o', 'out.csv'], dir);
      expect(tightest.code).toBe(0);
      const rows = parse(readFileSync(join(dir, 'out.csv'), 'utf8'), { columns: true }) as Row[];
      expect(rows.reduce((sum, r) => sum + pennies(r['allocation'] as string), 0n)).toBe(1_000_000_000n);
      expect(rows.every((r) => Number(r['change_pct']) >= -21.26)).toBe(true);
      expect((await run([...ALL.slice(0, 2), '10m', '--previous', 'prev.csv', '--floor', '-21.25%'], dir)).code).toBe(2);
    });

    it('exits 2 naming the lowest ceiling that spends the budget', async () => {
      const { code, err } = await run([...ALL.slice(0, 2), '14m', '--previous', 'prev.csv', '--ceiling', '+2%'], folder());
      expect(code).toBe(2);
      expect(err).toContain('The lowest ceiling that spends this budget is +10.24%');
    });
  });

  describe('bad input: one line, a non-zero exit and nothing written', () => {
    const cases: [string, () => string, string[], number, RegExp][] = [
      [
        'a previous file missing a district',
        () =>
          previousCsv
            .trim()
            .split('\n')
            .filter((l) => !l.startsWith('E07000151'))
            .join('\n'),
        ['--floor', '-5%'],
        1,
        /^fairshare: error: prev\.csv: the previous allocation has no row for district E07000151 Daventry\. Add a row/,
      ],
      [
        'a previous file with an unknown district',
        // A value for each of allocate's columns (need_index too): a row one short would be refused first,
        // as ragged, at its missing last cell, before its district is looked at.
        () => `${previousCsv}E07000999,Nowhere,1,1,100.00,0,0,0\n`,
        ['--floor', '-5%'],
        1,
        /^fairshare: error: prev\.csv:9:1 \(column "district_code"\): district E07000999 on line 9 is not in this run\./,
      ],
      [
        'a non-numeric amount',
        () => previousCsv.replace('1426649.49', 'lots'),
        ['--floor', '-5%'],
        1,
        /^fairshare: error: prev\.csv:2:5 \(column "allocation"\): allocation "lots" of district E07000150 is not an amount of money\./,
      ],
      ['a floor above the ceiling', () => previousCsv, ['--floor', '+5%', '--ceiling', '-5%'], 2, /^fairshare: error: --floor \+5% is above --ceiling -5%\./],
      [
        'a percentage that does not parse',
        () => previousCsv,
        ['--floor', 'minus five'],
        2,
        /^fairshare: error: --floor "minus five" is not a percentage\. Write it like -5%, \+10%, -0\.5%, \+2 or 0%\n$/,
      ],
      [
        'a previous file that does not exist',
        () => previousCsv,
        ['--floor', '-5%', '--previous', 'nope.csv'],
        1,
        /^fairshare: error: cannot read previous allocation nope\.csv: no such file/,
      ],
    ];
    it.each(cases)('refuses %s', async (_name, previous, args, exit, message) => {
      const dir = folder(previous());
      const { code, out, err } = await run([...ALL, '--previous', 'prev.csv', ...args, '-o', 'out.csv'], dir);
      expect(code).toBe(exit);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(readdirSync(dir)).toEqual(['prev.csv']);
    });

    it('refuses an unsigned --floor or --ceiling, spelling out both readings (exit 2, nothing written)', async () => {
      const dir = folder();
      const floor = await run([...ALL, '--previous', 'prev.csv', '--floor', '5%', '-o', 'out.csv'], dir);
      expect(floor.code).toBe(2);
      expect(floor.err).toBe(
        'fairshare: error: --floor 5% has no sign, so it could mean a fall or a rise. "no district loses more than 5%" is --floor -5%; "every district gains at least 5%" is --floor +5%\n',
      );
      const ceiling = await run([...ALL, '--previous', 'prev.csv', '--ceiling', '2', '-o', 'out.csv'], dir);
      expect(ceiling.code).toBe(2);
      expect(ceiling.err).toContain('"no district gains more than 2%" is --ceiling +2%');
      // 0% needs no sign: it reads one way only.
      expect((await run([...ALL, '--previous', 'prev.csv', '--floor', '0%', '-o', 'zero.csv'], dir)).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['prev.csv', 'zero.csv']);
    });

    it('refuses --floor or --ceiling without --previous', async () => {
      const dir = folder();
      for (const option of ['--floor', '--ceiling']) {
        const { code, err } = await run([...ALL, option, '5%', '-o', 'out.csv'], dir);
        expect(code).toBe(2);
        expect(err).toBe(
          `fairshare: error: ${option} limits the change against a previous allocation, but there is no --previous. Add --previous FILE, a district CSV such as last year's allocate output\n`,
        );
      }
      expect(readdirSync(dir)).toEqual(['prev.csv']);
    });

    it('refuses --previous with a level other than district or former-district', async () => {
      const dir = folder();
      const { code, err } = await run([...ALL, '--previous', 'prev.csv', '--level', 'division', '-o', 'out.csv'], dir);
      expect(code).toBe(2);
      expect(err).toBe(
        'fairshare: error: --previous damps district or former-district allocations, not divisions. Use --level district (the default) or --level former-district with --previous\n',
      );
      expect(readdirSync(dir)).toEqual(['prev.csv']);
    });

    it('refuses --previous for --data districts that have no codes', async () => {
      const dir = folder('district_code,allocation\n,1\n');
      const { code, err } = await run(
        ['allocate', '--budget', '1000', '--data', join(process.cwd(), 'test/fixtures/data/five-lsoas.csv'), '--previous', 'prev.csv'],
        dir,
      );
      expect(code).toBe(2);
      expect(err).toContain('--previous matches districts by their codes, but the districts of this run have none');
    });
  });

  it('shows the damping options and an example in --help', async () => {
    const { out } = await run(['allocate', '--help'], folder());
    expect(out).toContain('--previous <file>');
    expect(out).toContain('--floor <pct>');
    expect(out).toContain('--ceiling <pct>');
    expect(out).toContain('$ fairshare allocate --budget 12.7m --previous last-year.csv --floor -5% --ceiling +5%');
    expect(out).toContain('$ fairshare allocate --budget 12.7m --level former-district --previous last-year-2019.csv --floor -5% --ceiling +5%');
  });
});

describe("allocate --level former-district --previous (last year's 2019 districts against this year's 2025 former districts)", () => {
  const ADULTS = ['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years'];
  const FORMER_2025 = [...ADULTS, '--vintage', '2025', '--level', 'former-district'];
  const CODES = ['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156'];

  /** A folder holding last year's 2019 district table as prev.csv, written by allocate itself. */
  async function lastYear(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-damping-'));
    expect((await run([...ADULTS, '--vintage', '2019', '-o', 'prev.csv'], dir)).code).toBe(0);
    return dir;
  }

  it("keeps every former district within -5% and +5% of last year's 2019 district and still adds up exactly to the budget", async () => {
    const dir = await lastYear();
    const { code, err } = await run([...FORMER_2025, '--previous', 'prev.csv', '--floor', '-5%', '--ceiling', '+5%', '-o', 'damped.csv'], dir);
    expect(code).toBe(0);
    const text = readFileSync(join(dir, 'damped.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      'former_district_code,former_district_name,lsoas,population,allocation,share_pct,per_person,need_index,previous,change_pct,held',
    );
    const rows = parse(text, { columns: true }) as Row[];
    expect(rows.map((r) => r['former_district_code'])).toEqual(CODES);
    expect(rows.reduce((sum, r) => sum + pennies(r['allocation'] as string), 0n)).toBe(1_270_000_000n);

    const last = new Map((parse(readFileSync(join(dir, 'prev.csv'), 'utf8'), { columns: true }) as Row[]).map((r) => [r['district_code'], r['allocation']]));
    for (const row of rows) {
      const amount = pennies(row['allocation'] as string);
      const previous = pennies(row['previous'] as string);
      expect(row['previous']).toBe(last.get(row['former_district_code']));
      expect(amount >= ceilDiv(previous * 95n, 100n) && amount <= (previous * 105n) / 100n).toBe(true);
      if (row['held'] === 'ceiling') expect(amount).toBe((previous * 105n) / 100n);
      if (row['held'] === 'floor') expect(amount).toBe(ceilDiv(previous * 95n, 100n));
    }
    expect(rows.map((r) => r['held'])).toEqual(['', 'ceiling', 'ceiling', '', '', 'ceiling', '']);
    // East Northamptonshire is held at its ceiling and still gets more than its formula amount: it is among
    // those the money moved to.
    expect(err).toBe(
      'fairshare: Damped against prev.csv (floor -5%, ceiling +5%): held at the ceiling: Daventry, East Northamptonshire, South Northamptonshire; against their formula amounts, ' +
        '£517,814.99 moved from Daventry (-£175,365.45) and South Northamptonshire (-£342,449.54) to Corby (+£75,630.68), East Northamptonshire (+£4,920.99), ' +
        'Kettering (+£99,031.02), Northampton (+£253,709.53) and Wellingborough (+£84,522.77).\n',
    );
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('says what the former districts are and who paid in the header of the table', async () => {
    const { code, out, err } = await run([...FORMER_2025, '--previous', 'prev.csv', '--floor', '-5%', '--ceiling', '+5%'], await lastYear(), { tty: true });
    expect(code).toBe(0);
    expect(err).toBe('');
    const note = out.indexOf('Former districts: the districts before any reorganisation since 2019');
    const damping = out.indexOf('Damped against prev.csv (floor -5%, ceiling +5%): held at the ceiling: Daventry');
    expect(note).toBeGreaterThan(-1);
    expect(damping).toBeGreaterThan(note);
    expect(out).toMatch(/Code\s+Former district\s+LSOAs .* Previous\s+Change %\s+Held/);
    expect(out).toMatch(/Total\s+442\s+783,310\s+£12,700,000\.00\s+100\.00%\s+£16\.21\s+1\.00\s+£12,700,000\.00\s+0\.00%/);
  });

  it("tells a 2025 district run damped against last year's 2019 districts to add --level former-district", async () => {
    const { code, out, err } = await run([...ADULTS, '--vintage', '2025', '--previous', 'prev.csv', '--floor', '-5%'], await lastYear());
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^fairshare: error: prev\.csv:2:1 \(column "district_code"\): 7 districts are not in this run: .*add --level former-district to damp them against last year's table\n$/,
    );
  });

  it('accepts its own former-district table (former_district_code) as the previous allocation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-damping-'));
    expect((await run([...FORMER_2025, '-o', 'fd.csv'], dir)).code).toBe(0);
    const { code, out } = await run(
      [...FORMER_2025.slice(0, 2), '13m', ...FORMER_2025.slice(3), '--previous', 'fd.csv', '--floor', '-1%', '--ceiling', '+3%', '--format', 'csv'],
      dir,
    );
    expect(code).toBe(0);
    const rows = parse(out, { columns: true }) as Row[];
    const last = new Map(
      (parse(readFileSync(join(dir, 'fd.csv'), 'utf8'), { columns: true }) as Row[]).map((r) => [r['former_district_code'], r['allocation']]),
    );
    expect(rows.map((r) => r['former_district_code'])).toEqual(CODES);
    expect(rows.every((r) => r['previous'] === last.get(r['former_district_code']))).toBe(true);
    expect(rows.reduce((sum, r) => sum + pennies(r['allocation'] as string), 0n)).toBe(1_300_000_000n);
  });

  it('refuses a previous file with both district_code and former_district_code: exit 1, one line, nothing written', async () => {
    const dir = folder(previousCsv.replace(/^district_code,district_name/, 'district_code,former_district_code').replace(/^(E\d+),[^,\n]+/gm, '$1,$1'));
    const { code, out, err } = await run([...FORMER_2025, '--previous', 'prev.csv', '--floor', '-5%', '-o', 'out.csv'], dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'fairshare: error: prev.csv:1:2 (column "former_district_code"): the header has both "district_code" (column 1) and "former_district_code" (column 2), so it is not clear which codes the rows are. ' +
        "Keep one: district_code for a district table (such as last year's --vintage 2019 one), former_district_code for a former-district table\n",
    );
    expect(readdirSync(dir)).toEqual(['prev.csv']);
  });

  it('refuses --previous at the county level with exit 2, naming both levels it works at', async () => {
    const dir = await lastYear();
    const { code, out, err } = await run(
      [...ADULTS, '--vintage', '2025', '--level', 'county', '--previous', 'prev.csv', '--floor', '-5%', '-o', 'out.csv'],
      dir,
    );
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'fairshare: error: --previous damps district or former-district allocations, not counties. Use --level district (the default) or --level former-district with --previous\n',
    );
    expect(readdirSync(dir)).toEqual(['prev.csv']);
  });
});
