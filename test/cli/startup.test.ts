import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// What a command loads before it does anything: the heavy libraries (the scenario file's YAML parser and
// schema, the workbook writer, the map code, the progress bar) load only on the paths that need them, so
// every run does not pay for them. Runs the built CLI (npm test builds it first).
const ROOT = join(import.meta.dirname, '..', '..');
const HOOKS = pathToFileURL(join(ROOT, 'test', 'helpers', 'packageHooks.mjs')).href;
const LAZY = ['zod', 'yaml', 'exceljs', 'd3-geo', 'd3-array', 'topojson-client', 'topojson-server', 'cli-progress'];

function packagesLoaded(args: string[]): string[] {
  const register = `import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`;
  const done = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, join(ROOT, 'bin', 'fairshare.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(done.status, done.stderr).toBe(0);
  return done.stderr
    .split('\n')
    .filter((line) => line.startsWith('package:'))
    .map((line) => line.slice('package:'.length));
}

describe('start-up', () => {
  it('loads none of the heavy libraries for --version or a district table', () => {
    for (const args of [['--version'], ['allocate', '--budget', '12.7m', '--vintage', '2019']]) {
      // commander and the other light libraries are inside the bundle (dist/bundle), so not resolved.
      expect(packagesLoaded(args).filter((name) => LAZY.includes(name))).toEqual([]);
    }
  });

  it('loads the YAML parser and schema only for a scenario file, and the map code only for a map', () => {
    expect(packagesLoaded(['scenarios', 'check', 'examples/adults-only.yaml'])).toEqual(expect.arrayContaining(['yaml', 'zod']));
    expect(packagesLoaded(['scenarios', 'check', 'examples/adults-only.yaml'])).not.toContain('d3-geo');
  });

  it("loads none of Node's crypto, zlib or child_process for a district table, and crypto once a file is hashed", () => {
    const builtins = (args: string[]): string[] => {
      const report =
        "process.on('exit', () => process.stderr.write('builtins:' + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(',') + '\\n'));";
      const done = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(ROOT, 'bin', 'fairshare.js'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(done.status, done.stderr).toBe(0);
      return (done.stderr.split('\n').find((line) => line.startsWith('builtins:')) ?? '').slice('builtins:'.length).split(',');
    };
    const table = builtins(['allocate', '--budget', '12.7m', '--format', 'csv']);
    expect(table).toContain('fs');
    expect(table.filter((m) => ['crypto', 'zlib', 'child_process'].includes(m))).toEqual([]);
    // A manifest records every input's SHA-256: crypto is loaded then.
    const out = join(mkdtempSync(join(tmpdir(), 'fairshare-startup-')), 'table.csv');
    expect(builtins(['allocate', '--budget', '12.7m', '-o', out, '--manifest'])).toContain('crypto');
  });
});
