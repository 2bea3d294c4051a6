import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// fairshare as a library, the way a council's script gets it: packed, installed into a fresh project
// outside the repository, imported as 'fairshare', and type-checked with strict against the shipped
// declarations. Needs dist/ built (npm test builds it first) and npm's cache (npm ci filled it).
const ROOT = join(import.meta.dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let project = '';

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), 'fairshare-pack-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packs], { cwd: ROOT, stdio: 'pipe' });
  const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz')) as string);
  project = mkdtempSync(join(tmpdir(), 'fairshare-script-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'council-script', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', tarball, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], { cwd: project, stdio: 'pipe' });
}, 180_000);

describe('import { allocate } from "fairshare"', () => {
  it('works from a fresh project and gives the CLI’s pennies, as strings', async () => {
    writeFileSync(
      join(project, 'run.mjs'),
      [
        "import { allocate } from 'fairshare';",
        "const r = await allocate({ budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' });",
        'console.log(JSON.stringify({ districts: r.districts, total: r.total }));',
      ].join('\n'),
    );
    const { districts, total } = JSON.parse(execFileSync('node', ['run.mjs'], { cwd: project, encoding: 'utf8' }));
    const io = memoryIo({ cwd: ROOT });
    expect(await main(['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years', '--vintage', '2019', '--format', 'csv'], io)).toBe(0);
    const csv = io
      .out()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(
      districts.map((d: Record<string, unknown>) => [
        d.code,
        d.name,
        String(d.lsoas),
        String(d.population),
        d.allocation,
        d.sharePct,
        d.perPerson,
        d.needIndex,
      ]),
    ).toEqual(csv);
    expect(total).toBe('12700000.00');
    expect(districts[0]).toEqual({
      code: 'E07000150',
      name: 'Corby',
      lsoas: 41,
      population: 66887,
      allocation: '1426649.49',
      sharePct: '11.23',
      perPerson: '21.33',
      needIndex: '1.21',
    });
  }, 60_000);

  it('type-checks a strict TypeScript script against the shipped declarations, and refuses a wrong one', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    );
    const script = (budget: string) =>
      [
        "import { allocate, Failure, type AllocationResult } from 'fairshare';",
        `const r: AllocationResult = await allocate({ budget: ${budget}, exclude: ['young-people', 'early-years'], weights: { 'community-safety': 2 }, level: 'former-district', vintage: '2025' });`,
        'const row: { code: string; allocation: string; sharePct: string; perPerson: string; needIndex: string; population: number } | undefined = r.rows[0];',
        'const total: string = r.total;',
        "try { await allocate({ budget: '1m', area: 'Narnia' }); } catch (error) { if (error instanceof Failure) console.log(error.error.code, row, total); }",
      ].join('\n');
    const tsc = (): string => {
      try {
        return execFileSync('node', [TSC, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        return `failed: ${String((error as { stdout?: string }).stdout)}`;
      }
    };
    writeFileSync(join(project, 'use.ts'), script("'12.7m'"));
    expect(tsc()).toBe('');
    // Money as a JavaScript number does not type-check.
    writeFileSync(join(project, 'use.ts'), script('12700000'));
    expect(tsc()).toMatch(/^failed: .*use\.ts.*not assignable to type '(string \| Decimal|BudgetSetting)'/s);
  }, 60_000);
});

describe('the installed package', () => {
  it('ships the runtime only: no build-time code (the pack and lookup builders in build/) and no tests', () => {
    const installed = join(project, 'node_modules', 'fairshare');
    const files = (readdirSync(installed, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(installed.length + 1)
          .split('\\')
          .join('/'),
      );
    expect(files.filter((f) => /^(build|dist-build|test|scripts)\//.test(f))).toEqual([]);
    const builders = readdirSync(join(ROOT, 'build'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    const runtime = files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'));
    expect(runtime.length).toBeGreaterThan(50);
    for (const file of runtime) {
      const text = readFileSync(join(installed, file), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
      expect(
        imports.filter((i) => i.includes('/build/') || builders.some((b) => i.endsWith(`/${b}.js`))),
        file,
      ).toEqual([]);
    }
  });
});
