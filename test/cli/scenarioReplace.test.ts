import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import { memoryIo } from '../helpers/memoryIo.js';

// `replace:` in a scenario file: the same swap as `allocate --replace`, per scenario or for all. The
// stand-in figures are real: the health domain's national ranks of the shipped 2025 pack.
async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

let crime = '';
beforeAll(async () => {
  const read = await readPack(defaultPackPath('2025'));
  if (!read.ok) throw new Error(read.error.message);
  const { units, fields } = read.value.dataset;
  const ranks = fields.get('health_rank') as Float64Array;
  const rows = units.flatMap((u, i) => (/^(North|West) Northamptonshire$/.test(u.districtName) ? [`${u.code},${ranks[i]}`] : []));
  crime = `lsoa_code,national_rank\n${rows.join('\n')}\n`;
});

function folder(scenario: readonly string[]): string {
  const cwd = mkdtempSync(join(tmpdir(), 'fairshare-scenario-replace-'));
  writeFileSync(join(cwd, 'my-crime.csv'), crime);
  writeFileSync(join(cwd, 'scenarios.yaml'), `${scenario.join('\n')}\n`);
  return cwd;
}

describe('replace: in a scenario file', () => {
  it('gives the scenario the pennies of allocate --replace, and records the file in the manifest', async () => {
    const cwd = folder([
      'defaults:',
      '  budget: 12.7m',
      'baseline: shipped',
      'scenarios:',
      '  shipped: {}',
      '  own-crime:',
      '    replace:',
      '      community-safety: my-crime.csv',
    ]);
    const ran = await run(['scenarios', 'run', 'scenarios.yaml', '-o', 'out'], cwd);
    expect(ran.code, ran.err).toBe(0);
    const allocate = await run(['allocate', '--budget', '12.7m', '--replace', 'community-safety=my-crime.csv', '--format', 'csv'], cwd);
    const shipped = await run(['allocate', '--budget', '12.7m', '--format', 'csv'], cwd);
    expect(readFileSync(join(cwd, 'out', 'own-crime.csv'), 'utf8')).toBe(allocate.out);
    expect(readFileSync(join(cwd, 'out', 'shipped.csv'), 'utf8')).toBe(shipped.out);
    expect(allocate.out).not.toBe(shipped.out);
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8'));
    const sha = createHash('sha256').update(crime).digest('hex');
    expect(manifest.inputs).toContainEqual({ role: 'replacement', file: 'my-crime.csv', sha256: sha });
    const own = manifest.scenarios.find((s: { name: string }) => s.name === 'own-crime');
    expect(own.source).toContain(`community-safety replaced by my-crime.csv (national_rank, SHA-256 ${sha})`);
    expect(manifest.scenarios.find((s: { name: string }) => s.name === 'shipped').source).not.toContain('replaced');
  });

  it('points at the replace: line of a source the formula does not have', async () => {
    const cwd = folder(['defaults:', '  budget: 12.7m', '  replace:', '    community-safty: my-crime.csv', 'scenarios:', '  a: {}']);
    const checked = await run(['scenarios', 'check', 'scenarios.yaml'], cwd);
    expect(checked.code).toBe(1);
    expect(checked.err).toMatch(
      /^fairshare: error: scenarios\.yaml:4:5: scenario "a": replace: names "community-safty", which is not a source of the formula northamptonshire-2025\. Did you mean community-safety\?/,
    );
  });

  it('names the replacement file’s own line for a problem inside it, and the setting’s line for a missing file', async () => {
    const cwd = folder(['defaults:', '  budget: 12.7m', 'scenarios:', '  a:', '    replace:', '      community-safety: bad.csv']);
    writeFileSync(join(cwd, 'bad.csv'), crime.replace(/\n(E01\d{6}),\d+\n/, '\n$1,high\n'));
    const bad = await run(['scenarios', 'check', 'scenarios.yaml'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^fairshare: error: bad\.csv:2:2 \(column "national_rank"\): .*national_rank "high" of LSOA E01\d{6} is not a number/);
    const elsewhere = folder(['defaults:', '  budget: 12.7m', 'scenarios:', '  b:', '    replace:', '      early-years: none.csv']);
    const missing = await run(['scenarios', 'check', 'scenarios.yaml'], elsewhere);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^fairshare: error: scenarios\.yaml:6:7: cannot read replacement file none\.csv: no such file/);
  });
});
