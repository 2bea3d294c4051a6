import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAN_DROP_PRIVILEGES, expectRefused, FAIRSHARE, fairshare, ROOT, runUntouched, scratch, snapshot, temporaries } from './harness.js';

// Group 1 of the hostile-input battery: an output can never destroy an input or a folder.

const DATA = 'code,name,district,population,need_a\nF01,Alpha,North,100,10\nF02,Beta,North,50,20\nF03,Gamma,South,80,5\n';
const SCENARIOS = 'scenarios:\n  one:\n    budget: 1m\n  two:\n    budget: 2m\n    weights:\n      need_a: 2\n';
const ALLOCATE = ['allocate', '--budget', '1m', '--data', 'd.csv'];

function folder(): string {
  return scratch({ 'd.csv': DATA, 's.yaml': `defaults:\n  data: d.csv\n${SCENARIOS}` });
}

describe('-o never overwrites a file the run reads', () => {
  it('refuses -o naming the --data file, and leaves it byte-identical', () => {
    const dir = folder();
    expectRefused(runUntouched([...ALLOCATE, '-o', 'd.csv'], dir), { code: 2, message: /-o d\.csv would overwrite d\.csv, which this run reads/ });
  });

  it('sees through a symlink, a hard link and ..', () => {
    const dir = folder();
    symlinkSync('d.csv', join(dir, 'soft.csv'));
    linkSync(join(dir, 'd.csv'), join(dir, 'hard.csv'));
    mkdirSync(join(dir, 'sub'));
    for (const target of ['soft.csv', 'hard.csv', 'sub/../d.csv', join(dir, 'd.csv')]) {
      expectRefused(runUntouched([...ALLOCATE, '-o', target], dir), { code: 2, message: /would overwrite d\.csv, which this run reads/ });
    }
  });

  it('refuses -o naming --previous, --lookup, --formula or --points', () => {
    const dir = folder();
    writeFileSync(join(dir, 'prev.csv'), 'district_code,allocation\nE07000150,1\n');
    writeFileSync(join(dir, 'f.json'), readFileSync(join(ROOT, 'data', 'formulas', 'northamptonshire.json')));
    writeFileSync(join(dir, 'points.csv'), 'lsoa_code,area_code,area_name\nE01027013,X1,Ex\n');
    const cases: [string[], string][] = [
      [['allocate', '--budget', '1m', '--previous', 'prev.csv', '--floor', '-5%', '-o', 'prev.csv'], 'prev.csv'],
      [['allocate', '--budget', '1m', '--level', 'ward', '--lookup', 'prev.csv', '-o', 'prev.csv'], 'prev.csv'],
      [['allocate', '--budget', '1m', '--formula', 'f.json', '-o', 'f.json'], 'f.json'],
      [['sensitivity', '--budget', '1m', '--data', 'd.csv', '-o', 'd.csv'], 'd.csv'],
      [['profile', '--data', 'd.csv', '-o', 'd.csv'], 'd.csv'],
      [['lookup', 'build', '--points', 'points.csv', '-o', 'points.csv'], 'points.csv'],
      [['report', '--scenarios', 's.yaml', '-o', 'd.csv'], 'd.csv'],
    ];
    for (const [args, input] of cases) {
      expectRefused(runUntouched(args, dir), { code: 2, message: new RegExp(`would overwrite ${input.replace('.', '\\.')}, which this run reads`) });
    }
  });

  it('never writes into the installed data folder, whatever the run reads', () => {
    const dir = folder();
    const data = join(ROOT, 'data');
    const before = snapshot(data);
    const pack = readdirSync(data).find((name) => name.endsWith('.pack')) as string;
    for (const target of [join(data, pack), join(data, 'formulas', 'northamptonshire.json'), join(data, 'new.csv')]) {
      expectRefused(fairshare(['allocate', '--budget', '1m', '-o', target], { cwd: dir }), { code: 2, message: /inside fairshare's own data folder/ });
    }
    expect(snapshot(data)).toEqual(before);
  });

  it('writes a new file whole, with no temporary left beside it', () => {
    const dir = folder();
    const result = runUntouched([...ALLOCATE, '-o', 'out.csv'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^district_code,/);
  });
});

describe('scenarios run -o DIR never removes inputs or folders it did not write', () => {
  it('`scenarios run s.yaml -o . --force` touches nothing and exits 2', () => {
    const dir = folder();
    expectRefused(runUntouched(['scenarios', 'run', 's.yaml', '-o', '.', '--force'], dir), { code: 2, message: /-o \. is the folder you are working in/ });
  });

  it('refuses a folder above the working folder, and one holding a file the scenario file names', () => {
    const dir = folder();
    mkdirSync(join(dir, 'inputs'));
    writeFileSync(join(dir, 'inputs', 'd.csv'), DATA);
    writeFileSync(join(dir, 'named.yaml'), `defaults:\n  data: inputs/d.csv\n${SCENARIOS}`);
    expectRefused(runUntouched(['scenarios', 'run', 's.yaml', '-o', '..', '--force'], dir), { code: 2, message: /holds the folder you are working in/ });
    expectRefused(runUntouched(['scenarios', 'run', 'named.yaml', '-o', 'inputs', '--force'], dir), {
      code: 2,
      message: /-o inputs holds inputs\/d\.csv, which this run reads/,
    });
  });

  it('--force refuses a folder without a fairshare manifest, and one holding files its manifest does not list', () => {
    const dir = folder();
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'budget-notes.docx'), 'an officer’s own file');
    expectRefused(runUntouched(['scenarios', 'run', 's.yaml', '-o', 'mine', '--force'], dir), { code: 2, message: /has no fairshare manifest\.json/ });

    expect(fairshare(['scenarios', 'run', 's.yaml', '-o', 'results'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'results', 'budget-notes.docx'), 'an officer’s own file');
    expectRefused(runUntouched(['scenarios', 'run', 's.yaml', '-o', 'results', '--force'], dir), {
      code: 2,
      message: /also holds budget-notes\.docx, which its manifest\.json does not list/,
    });
  });

  it('--force replaces a folder fairshare wrote, leaving nothing beside it', () => {
    const dir = folder();
    expect(fairshare(['scenarios', 'run', 's.yaml', '-o', 'results'], { cwd: dir }).code).toBe(0);
    const first = snapshot(join(dir, 'results'));
    writeFileSync(join(dir, 's.yaml'), `defaults:\n  data: d.csv\n${SCENARIOS.replace('budget: 1m', 'budget: 3m')}`);
    const again = fairshare(['scenarios', 'run', 's.yaml', '-o', 'results', '--force'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(snapshot(join(dir, 'results')).get('comparison.csv')).not.toBe(first.get('comparison.csv'));
    expect(temporaries(dir)).toEqual([]);
  });

  it('without --force a folder with files is refused, untouched', () => {
    const dir = folder();
    expect(fairshare(['scenarios', 'run', 's.yaml', '-o', 'results'], { cwd: dir }).code).toBe(0);
    expectRefused(runUntouched(['scenarios', 'run', 's.yaml', '-o', 'results'], dir), { code: 2, message: /already has files in it/ });
  });

  it('two runs writing the same new folder at once: one wins whole, the other fails cleanly', async () => {
    const dir = folder();
    const run = () =>
      new Promise<{ code: number | null; err: string }>((done) => {
        const child = spawn(process.execPath, [FAIRSHARE, 'scenarios', 'run', 's.yaml', '-o', 'same'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('close', (code) => done({ code, err }));
      });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    for (const loser of results.filter((r) => r.code !== 0)) {
      expectRefused({ code: loser.code, signal: null, out: '', err: loser.err }, { code: 2, message: /already (has files in it|exists)/ });
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'same', 'manifest.json'), 'utf8')) as { files: { name: string }[] };
    expect(readdirSync(join(dir, 'same')).sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json'].sort());
    expect(temporaries(dir)).toEqual([]);
  });

  it('`scenarios init` never replaces a file without --force', () => {
    const dir = folder();
    expectRefused(runUntouched(['scenarios', 'init', 's.yaml'], dir), { code: 2, message: /s\.yaml already exists/ });
    expect(fairshare(['scenarios', 'init', 's.yaml', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 's.yaml'), 'utf8')).toMatch(/^#/);
  });
});

describe('-o naming something that is not a regular file is written straight to', () => {
  it('-o - and -o /dev/stdout write to standard output', () => {
    const dir = folder();
    for (const target of ['-', '/dev/stdout']) {
      const result = fairshare([...ALLOCATE, '--format', 'csv', '-o', target], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^district_code,district_name/);
    }
  });

  it('writes into a FIFO without replacing it', () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const out = execFileSync(
      'bash',
      ['-c', `cat pipe > got.csv & node ${FAIRSHARE} allocate --budget 1m --data d.csv -o pipe; wait; cat got.csv; test -p pipe && echo still-a-fifo`],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/^district_code,district_name/);
    expect(out).toContain('still-a-fifo');
  });

  it('writes into /dev/fd/N from a shell process substitution', () => {
    const dir = folder();
    const out = execFileSync('bash', ['-c', `node ${FAIRSHARE} allocate --budget 1m --data d.csv -o >(cat > got.csv); sleep 0.5; cat got.csv`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(out).toMatch(/^district_code,district_name/);
  });
});

describe('write failures are one line and exit 1', () => {
  it('a full disk for -o or for standard output', () => {
    const dir = folder();
    expectRefused(fairshare([...ALLOCATE, '-o', '/dev/full'], { cwd: dir }), { code: 1, message: /cannot write \/dev\/full: the disk is full/ });
    const piped = execFileSync('bash', ['-c', `node ${FAIRSHARE} allocate --budget 1m --data d.csv > /dev/full; echo "exit=$?"`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(piped).toContain('exit=1');
  });
});

describe('interrupted runs clean up', () => {
  /** A scenario run long enough to interrupt: four England-wide scenarios with their LSOA tables. */
  function slowRun(dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; err: string; sawTemporary: boolean }> {
    writeFileSync(
      join(dir, 'england.yaml'),
      'defaults:\n  area: england\n  budget: 1bn\nscenarios:\n  a: {}\n  b:\n    exclude: [young-people]\n  c:\n    exclude: [early-years]\n  d:\n    weights:\n      deprivation: 2\n',
    );
    return new Promise((done) => {
      const child = spawn(process.execPath, [FAIRSHARE, 'scenarios', 'run', 'england.yaml', '-o', 'out', '--lsoa'], { cwd: dir });
      let err = '';
      let sawTemporary = false;
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const poll = setInterval(() => {
        if (existsSync(join(dir, `.out.fairshare-tmp-${child.pid}`))) {
          sawTemporary = true;
          clearInterval(poll);
          child.kill(signal);
        }
      }, 2);
      child.on('close', (code) => {
        clearInterval(poll);
        done({ code, err, sawTemporary });
      });
    });
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s removes its temporary folder and exits %i', async (signal, code) => {
    const dir = folder();
    const result = await slowRun(dir, signal);
    expect(result.sawTemporary).toBe(true);
    expect(result.code).toBe(code);
    expect(result.err).toBe('');
    expect(temporaries(dir)).toEqual([]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a later run removes the temporaries of a run that is gone, and puts back a folder it was replacing', () => {
    const dir = folder();
    expect(fairshare(['scenarios', 'run', 's.yaml', '-o', 'results'], { cwd: dir }).code).toBe(0);
    // As a run killed with SIGKILL half-way through a --force swap would leave them (pid 2^22 + 1 is never
    // alive).
    const dead = 4194305;
    execFileSync('mv', [join(dir, 'results'), join(dir, `.results.fairshare-old-${dead}`)]);
    mkdirSync(join(dir, `.results.fairshare-tmp-${dead}`));
    writeFileSync(join(dir, `.out.csv.fairshare-tmp-${dead}`), 'half a file');
    expect(fairshare([...ALLOCATE, '-o', 'out.csv'], { cwd: dir }).code).toBe(0);
    expect(temporaries(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'results'))).toContain('manifest.json');
  });
});

// Root ignores permissions, so these run as `nobody`; skipped only where nobody cannot read the checkout.
describe.runIf(CAN_DROP_PRIVILEGES)('read-only places', () => {
  it('a read-only folder: names the folder the user gave and how to fix it, never the temporary', () => {
    const dir = folder();
    mkdirSync(join(dir, 'locked'));
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'locked'), 0o555);
    const result = fairshare([...ALLOCATE, '-o', 'locked/out.csv'], { cwd: dir, unprivileged: true });
    expectRefused(result, {
      code: 1,
      message:
        /^fairshare: error: cannot write locked\/out\.csv: the folder locked is not writable \(permission denied\)\. Choose an -o path in a folder you can write to, or ask for write access to locked$/m,
    });
    expect(result.err).not.toContain('fairshare-tmp');
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
  });

  it('a read-only file is not replaced', () => {
    const dir = folder();
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'last-year.csv'), 'kept');
    chmodSync(join(dir, 'last-year.csv'), 0o444);
    const result = fairshare([...ALLOCATE, '-o', 'last-year.csv'], { cwd: dir, unprivileged: true });
    expectRefused(result, { code: 2, message: /cannot write last-year\.csv: the file is read-only/ });
    expect(readFileSync(join(dir, 'last-year.csv'), 'utf8')).toBe('kept');
  });
});
