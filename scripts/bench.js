#!/usr/bin/env node
/**
 * Benchmarks for fairshare: load, rank, engine, tables, sensitivity draws, whole CLI runs and peak
 * memory, for all of England and for Northamptonshire. Run it with `npm run bench` (builds first; this
 * script imports the built engine from dist/). Prints a Markdown table, or JSON with `--json`. See
 * BENCHMARKS.md.
 *
 * Every figure is the median of RUNS runs; in-process figures come after one warm-up run, whose time
 * is reported too (`1st run`), because a CLI process only ever does each step once, with a cold JIT.
 * Nothing is hard-coded: every number printed is measured here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

const { defaultPackPath, readPack } = await import(dist('data/readPack.js'));
const { findArea, subset, DEFAULT_AREA } = await import(dist('data/area.js'));
const { parseFormula } = await import(dist('data/parseFormula.js'));
const { weigh } = await import(dist('engine/weigh.js'));
const { fairShare } = await import(dist('engine/fairShare.js'));
const { rank } = await import(dist('engine/rank.js'));
const { largestRemainderOfNumbers } = await import(dist('engine/largestRemainder.js'));
const { parseAmount } = await import(dist('engine/parseAmount.js'));
const { tabulate } = await import(dist('engine/tabulate.js'));
const { districtTable, lsoaTable } = await import(dist('report/table.js'));
const { lsoaCsv: lsoaCsvBytes, toCsv } = await import(dist('report/toCsv.js'));
const { sensitivity } = await import(dist('engine/sensitivity.js'));
const { mulberry32 } = await import(dist('engine/random.js'));

const RUNS = 5;
const WARMUPS = 1;
const json = process.argv.includes('--json');
const bin = join(root, 'bin', 'fairshare.js');
const formulaPath = join(root, 'data', 'formulas', 'northamptonshire.json');

/**
 * The two scenarios: the same options the CLI runs below are given. `draws` is the number of
 * sensitivity draws benchmarked for the scenario, `drawsTarget` its target (in-process and CLI alike).
 */
const SCENARIOS = [
  {
    id: 'england',
    label: 'England',
    area: 'england',
    budget: '1.2bn',
    exclude: [],
    args: ['--area', 'england', '--vintage', '2019'],
    draws: 1000,
    drawsTarget: { text: '< 30 s', max: 30_000 },
  },
  {
    id: 'northamptonshire',
    label: 'Northamptonshire',
    area: DEFAULT_AREA,
    budget: '12.7m',
    exclude: ['young-people', 'early-years'],
    args: ['--exclude', 'young-people,early-years', '--vintage', '2019'],
    draws: 10_000,
    drawsTarget: { text: '< 2 s', max: 2000 },
  },
];
/** The sensitivity options the CLI uses by default (uniform factors in [0.75, 1.25]), seed 1. */
const SPREAD = 0.25;
const SEED = 1;

function unwrap(result, what) {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function sizeText(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(samples, first) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), first, samples };
}

/** Time an in-process step: WARMUPS warm-up runs (the first is reported), then RUNS timed runs. */
async function timeInProcess(step) {
  let first;
  for (let i = 0; i < WARMUPS; i++) {
    const t0 = performance.now();
    await step();
    const ms = performance.now() - t0;
    if (i === 0) first = ms;
  }
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await step();
    samples.push(performance.now() - t0);
  }
  return summary(samples, first);
}

/**
 * Run a process RUNS times (no warm-up: each process starts cold anyway) and time its wall clock;
 * `before` (untimed) runs before each, to clear an output folder.
 */
function timeProcess(command, args, before = () => {}) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    const t0 = performance.now();
    const child = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
    samples.push(ms);
  }
  return summary(samples, undefined);
}

const gnuTime = ['/usr/bin/time'].find((path) => existsSync(path) && spawnSync(path, ['-v', 'true']).status === 0);

/**
 * Peak RSS in MB of a process, RUNS times: with GNU time (`/usr/bin/time -v`, "Maximum resident set
 * size") when present, else from the process itself (`process.resourceUsage().maxRSS`, read at exit).
 */
function peakRss(cliArgs, before = () => {}) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    let kb;
    if (gnuTime) {
      const child = spawnSync(gnuTime, ['-v', process.execPath, bin, ...cliArgs], { cwd: root, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`fairshare ${cliArgs.join(' ')} exited ${child.status}: ${child.stderr}`);
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
      if (!match) throw new Error(`no maximum resident set size in the output of ${gnuTime} -v`);
      kb = Number(match[1]);
    } else {
      const script = [
        "import { writeSync } from 'node:fs';",
        "process.on('exit', () => writeSync(2, `\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));",
        `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...${JSON.stringify(cliArgs)}];`,
        `await import(${JSON.stringify(pathToFileURL(bin).href)});`,
      ].join('\n');
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`fairshare ${cliArgs.join(' ')} exited ${child.status}: ${child.stderr}`);
      const match = /maxRSS=(\d+)/.exec(child.stderr);
      if (!match) throw new Error('the child did not report maxRSS');
      kb = Number(match[1]); // kilobytes on Linux and macOS
    }
    samples.push(kb / 1024);
  }
  return summary(samples, undefined);
}

// ---------------------------------------------------------------------------------------------------

const rows = [];
const add = (step, area, unit, result, includes, target) => {
  const row = { step, area, unit, ...result, includes };
  if (target) {
    row.target = target.text;
    row.ok = target.min !== undefined ? result.median > target.min : target.max === undefined ? undefined : result.median < target.max;
    if (target.stretch !== undefined) {
      row.stretchTarget = target.stretchText;
      row.stretchOk = result.median < target.stretch;
    }
  }
  rows.push(row);
};

const tmp = mkdtempSync(join(tmpdir(), 'fairshare-bench-'));
try {
  // Load: the whole pack file, whatever the area; the header and where each column is. Rows are read when
  // they are used (a county's through the pack's index), so the first rows of "select area" and "engine"
  // include reading them. The engine figures below are for the 2019 vintage (comparable with earlier runs).
  add('load (readPack), 2019 vintage', 'all', 'ms', await timeInProcess(async () => unwrap(await readPack(defaultPackPath('2019')), 'readPack')),
    'in-process: readFile + decode the binary pack (format version 4: header, column views, bounds) → Dataset (32,844 LSOAs, rows read when used)');
  add('load (readPack), 2025 vintage', 'all', 'ms', await timeInProcess(async () => unwrap(await readPack(defaultPackPath('2025')), 'readPack')),
    'in-process: the same for the 2025 pack (33,755 LSOAs, more columns)');
  const pack = unwrap(await readPack(defaultPackPath('2019')), 'readPack');
  const baseFormula = unwrap(parseFormula(readFileSync(formulaPath, 'utf8'), formulaPath), 'parseFormula');

  const prepared = [];
  for (const s of SCENARIOS) {
    let area;
    const select = await timeInProcess(() => {
      area = unwrap(findArea(pack.dataset, s.area), 'findArea');
      return subset(pack.dataset, area);
    });
    add('select area (findArea + subset)', s.label, 'ms', select,
      'in-process: listAreas from the pack\'s groups of rows, then the area\'s rows read from the columns (all of them for England)');
    const data = subset(pack.dataset, area);
    const budget = unwrap(parseAmount(s.budget), 'parseAmount');
    prepared.push({ s, data, budget, lsoas: data.units.length });
  }

  for (const { s, data, budget, lsoas } of prepared) {
    const label = `${s.label} (${lsoas.toLocaleString('en-GB')} LSOAs)`;
    const sources = baseFormula.domains.flatMap((d) => d.sources);
    add('rank (all sources)', label, 'ms', await timeInProcess(() => {
      for (const source of sources) rank(data.fields.get(source.field), { higherMeans: source.higherMeans });
    }), `in-process: rank() over each of the ${sources.length} source fields (not the 2 combine re-ranks)`);

    let allocation;
    const engine = await timeInProcess(() => {
      const weighted = unwrap(weigh(baseFormula, { exclude: s.exclude, weights: {} }), 'weigh');
      allocation = unwrap(fairShare(data, weighted, budget), 'fairShare');
    });
    add('engine (weigh + fairShare)', label, 'ms', engine,
      'in-process, after loading: rank, combine, figures, largest-remainder pennies',
      s.id === 'england' ? { text: '< 50 ms', max: 50 } : undefined);

    // The part of the engine that shares the pennies: the same whole-number weights the engine uses
    // (2 × figure × population; figures are multiples of ½ with whole weights), rebuilt outside the timing.
    const pennies = Number(budget.times(100).toFixed(0));
    const codes = data.units.map((u) => u.code);
    const weights = Float64Array.from(allocation.figureUnits, (f, i) => Number(f) * allocation.populations[i]);
    add('  of which largestRemainder', label, 'ms', await timeInProcess(() => largestRemainderOfNumbers(pennies, weights, codes)),
      'in-process: largestRemainderOfNumbers(pennies, 2 × figure × population in doubles, codes) alone, as the engine calls it');

    let districtCsv;
    add('district table + CSV', label, 'ms', await timeInProcess(() => {
      districtCsv = toCsv(districtTable(tabulate(allocation)));
    }), 'in-process: tabulate + districtTable + toCsv, string only (no file write)');
    let lsoaCsv;
    add('LSOA CSV', label, 'ms', await timeInProcess(() => {
      lsoaCsv = lsoaCsvBytes(allocation);
    }), 'in-process: lsoaCsv, the UTF-8 bytes as the CLI writes them (no file write)');
    if (Buffer.compare(Buffer.from(lsoaCsv), Buffer.from(toCsv(lsoaTable(allocation)), 'utf8')) !== 0) throw new Error('lsoaCsv differs from toCsv(lsoaTable)');
    const lsoaFile = join(tmp, `${s.id}-lsoa.csv`);
    add('write LSOA CSV file', label, 'ms', await timeInProcess(() => writeFileSync(lsoaFile, lsoaCsv)),
      `in-process: writeFileSync of the ${sizeText(lsoaCsv.length)} LSOA CSV to ${tmpdir()}`);
    if (!districtCsv) throw new Error('no district CSV');

    // Sensitivity: a fresh seeded generator for every run, so each run does the same draws.
    const draws = s.draws.toLocaleString('en-GB');
    const sensitive = (n) => sensitivity(allocation, { draws: n, spread: SPREAD, method: 'uniform', random: mulberry32(SEED) });
    let result;
    add(`sensitivity, ${draws} draws`, label, 'ms', await timeInProcess(() => {
      result = sensitive(s.draws);
    }), `in-process: sensitivity(allocation, { draws: ${s.draws}, spread: ${SPREAD}, random: mulberry32(${SEED}) }): ` +
      'district × domain sums, the draws, percentile bands, rank moves and the exact leave-one-domain-out', s.drawsTarget);
    if (result.districts.length === 0 || result.draws !== s.draws) throw new Error('sensitivity: no districts');
    add('  of which 0-draw part', label, 'ms', await timeInProcess(() => sensitive(0)),
      `in-process: the same with draws: 0: the district × domain sums and the exact leave-one-domain-out ` +
      `(${result.domains.length} fairShare runs and district tables), no draws`);
  }

  // Whole processes: node start-up + module loading + everything above + the atomic file write.
  add('node start-up (empty script)', '-', 'ms', timeProcess(process.execPath, ['-e', '']),
    'process wall time of `node -e ""`, the floor under every CLI run');
  for (const vintage of ['2019', '2025']) {
    const loadScript = `const { defaultPackPath, readPack } = await import(${JSON.stringify(dist('data/readPack.js'))}); const r = await readPack(defaultPackPath('${vintage}')); if (!r.ok) process.exit(1);`;
    add(`load, whole process, ${vintage} vintage`, 'all', 'ms', timeProcess(process.execPath, ['--input-type=module', '-e', loadScript]),
      'process wall time: node start-up + import readPack + readPack() once (cold JIT, warm file cache)');
  }
  for (const s of SCENARIOS) {
    const out = join(tmp, `${s.id}.csv`);
    const cliArgs = ['allocate', '--budget', s.budget, ...s.args, '-o', out];
    add('whole CLI run', s.label, 'ms', timeProcess(process.execPath, [bin, ...cliArgs]),
      `process wall time of \`fairshare ${cliArgs.join(' ').replace(out, `<tmp>/${s.id}.csv`)}\` (district CSV, file written)`,
      s.id === 'england' ? { text: '< 1 s', max: 1000 } : undefined);
  }
  {
    // The biggest output the CLI writes: one row per LSOA of England (no target; for comparison).
    const s = SCENARIOS[0];
    const out = join(tmp, `${s.id}-lsoa.csv`);
    const cliArgs = ['allocate', '--budget', s.budget, ...s.args, '--level', 'lsoa', '-o', out];
    add('whole CLI run, --level lsoa', s.label, 'ms', timeProcess(process.execPath, [bin, ...cliArgs]),
      `process wall time of \`fairshare ${cliArgs.join(' ').replace(out, `<tmp>/${s.id}-lsoa.csv`)}\` (LSOA CSV, file written)`);
  }
  // The same district runs on the 2025 vintage (the default): its pack and formula.
  for (const s of SCENARIOS) {
    const out = join(tmp, `${s.id}-2025.csv`);
    const cliArgs = ['allocate', '--budget', s.budget, ...s.args.filter((a) => a !== '--vintage' && a !== '2019'), '--vintage', '2025', '-o', out];
    add('whole CLI run, 2025 vintage', s.label, 'ms', timeProcess(process.execPath, [bin, ...cliArgs]),
      `process wall time of \`fairshare ${cliArgs.join(' ').replace(out, `<tmp>/${s.id}-2025.csv`)}\` (district CSV, file written)`);
  }

  {
    // The county target: a Northamptonshire district table within 2.5× of bare `node -e ""`, both timed in
    // the same loop, interleaved, so that a busy moment hits both alike.
    const county = SCENARIOS.find((s) => s.id !== 'england');
    const jobs = [{ who: 'node', args: ['-e', ''] }];
    for (const vintage of ['2019', '2025']) {
      const out = join(tmp, `county-${vintage}.csv`);
      const args = ['allocate', '--budget', county.budget, ...county.args.filter((a) => a !== '--vintage' && a !== '2019'), '--vintage', vintage, '-o', out];
      jobs.push({ who: vintage, args: [bin, ...args], shown: `fairshare ${args.join(' ').replace(out, '<tmp>/county.csv')}` });
    }
    const times = new Map(jobs.map((job) => [job.who, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const job of jobs) {
        const t0 = performance.now();
        const child = spawnSync(process.execPath, job.args, { cwd: root, encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${job.who}: exited ${child.status}: ${child.stderr}`);
        times.get(job.who).push(performance.now() - t0);
      }
    }
    for (const job of jobs.slice(1)) {
      add(`county table ÷ node start-up, ${job.who} vintage`, county.label, '×', { median: median(times.get(job.who)) / median(times.get('node')) },
        `median wall time of \`${job.shown}\` (${median(times.get(job.who)).toFixed(0)} ms) over \`node -e ""\` (${median(times.get('node')).toFixed(0)} ms), interleaved in this run`,
        { text: '≤ 2.5', max: 2.5 });
    }
  }

  const sensitivityArgs = (s, out) => ['sensitivity', '--budget', s.budget, ...s.args, '--draws', String(s.draws), '--seed', String(SEED), '-o', out];
  for (const s of SCENARIOS) {
    const out = join(tmp, `${s.id}-sensitivity.csv`);
    const cliArgs = sensitivityArgs(s, out);
    add(`whole CLI run, sensitivity ${s.draws.toLocaleString('en-GB')} draws`, s.label, 'ms', timeProcess(process.execPath, [bin, ...cliArgs]),
      `process wall time of \`fairshare ${cliArgs.join(' ').replace(out, `<tmp>/${s.id}-sensitivity.csv`)}\` (CSV, file written)`,
      s.drawsTarget);
  }
  const rssFrom = gnuTime ? `from ${gnuTime} -v` : 'from process.resourceUsage().maxRSS';
  for (const s of SCENARIOS) {
    const out = join(tmp, `${s.id}.csv`);
    const cliArgs = ['allocate', '--budget', s.budget, ...s.args, '-o', out];
    add('peak memory (max RSS)', s.label, 'MB', peakRss(cliArgs),
      `max RSS of the same CLI process (\`allocate\`), ${rssFrom}`,
      s.id === 'england' ? { text: '< 150 MB', max: 150 } : undefined);
  }
  {
    // Start-up by command: the one bundle loads for every command; the heavy libraries load on the paths
    // that need them (a scenario file: yaml and zod; a workbook: exceljs; a report's map: d3-geo, topojson).
    const runs = [
      { what: '--version', args: ['--version'] },
      { what: 'allocate --help', args: ['allocate', '--help'] },
      { what: 'scenarios check (yaml, zod)', args: ['scenarios', 'check', 'examples/adults-only.yaml'] },
      { what: 'allocate to .xlsx (exceljs)', args: ['allocate', '--budget', '12.7m', '-o', join(tmp, 'startup.xlsx')] },
    ];
    for (const run of runs) {
      add(`start-up: ${run.what}`, 'Northamptonshire', 'ms', timeProcess(process.execPath, [bin, ...run.args]),
        `process wall time of \`fairshare ${run.args.join(' ').replace(join(tmp, 'startup.xlsx'), '<tmp>/t.xlsx')}\` (2025 vintage)`);
    }
  }
  {
    // The other commands officers run: a scenario batch and the committee report, with their peak memory.
    const jobs = [
      { step: 'scenarios run', args: ['scenarios', 'run', 'examples/reweighting.yaml', '-o', join(tmp, 'scenarios-out')], shown: 'scenarios run examples/reweighting.yaml -o <tmp>' },
      { step: 'report', args: ['report', '--budget', '12.7m', '--exclude', 'young-people,early-years', '-o', join(tmp, 'report.html')], shown: 'report --budget 12.7m --exclude young-people,early-years -o <tmp>/report.html' },
    ];
    for (const job of jobs) {
      const clear = () => rmSync(job.args.at(-1), { recursive: true, force: true });
      add(`whole CLI run, ${job.step}`, 'Northamptonshire', 'ms', timeProcess(process.execPath, [bin, ...job.args], clear), `process wall time of \`fairshare ${job.shown}\` (2025 vintage)`);
      add(`peak memory (max RSS), ${job.step}`, 'Northamptonshire', 'MB', peakRss(job.args, clear), `max RSS of the same process, ${rssFrom}`);
    }
  }
  for (const vintage of ['2019', '2025']) {
    const out = join(tmp, `england-lsoa-${vintage}.csv`);
    const cliArgs = ['allocate', '--budget', '1.2bn', '--area', 'england', '--vintage', vintage, '--level', 'lsoa', '-o', out];
    add(`peak memory (max RSS), --level lsoa, ${vintage} vintage`, 'England', 'MB', peakRss(cliArgs),
      `max RSS of \`fairshare ${cliArgs.join(' ').replace(out, '<tmp>/england-lsoa.csv')}\`, the biggest allocate, ${rssFrom}`, { text: '< 150 MB', max: 150 });
  }
  {
    const s = SCENARIOS[0];
    const out = join(tmp, `${s.id}-sensitivity.csv`);
    add(`peak memory (max RSS), sensitivity ${s.draws.toLocaleString('en-GB')} draws`, s.label, 'MB', peakRss(sensitivityArgs(s, out)),
      `max RSS of the \`fairshare sensitivity … --draws ${s.draws}\` CLI process above, ${rssFrom}`, { text: '< 300 MB', max: 300 });
  }
  {
    // Sensitivity at the issue's scale: England, 10,000 draws (time and memory), and the most draws the
    // tool accepts (1,000,000) on Northamptonshire's 2025 districts, for memory.
    const england = ['sensitivity', '--budget', '1.2bn', '--area', 'england', '--draws', '10000', '--seed', String(SEED), '-o', join(tmp, 's10k.csv')];
    add('whole CLI run, sensitivity 10,000 draws', 'England (2025)', 'ms', timeProcess(process.execPath, [bin, ...england]),
      `process wall time of \`fairshare ${england.join(' ').replace(join(tmp, 's10k.csv'), '<tmp>')}\``, { text: '< 3 s', max: 3000 });
    add('peak memory (max RSS), sensitivity 10,000 draws', 'England (2025)', 'MB', peakRss(england), `max RSS of the same process, ${rssFrom}`, { text: '< 500 MB', max: 500 });
    const most = ['sensitivity', '--budget', '12.7m', '--draws', '1000000', '--seed', String(SEED), '-o', join(tmp, 's1m.csv')];
    add('peak memory (max RSS), sensitivity 1,000,000 draws', 'Northamptonshire (2025)', 'MB', peakRss(most),
      `max RSS of \`fairshare ${most.join(' ').replace(join(tmp, 's1m.csv'), '<tmp>')}\` (the most draws accepted), ${rssFrom}`, { text: '< 500 MB', max: 500 });
  }
  await explorerRows();
  peerRows();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * The England LSOA job side by side with its peers, in the same run: fairshare's whole CLI process
 * (`allocate --area england --level lsoa --format csv -o FILE`) and two Python scripts doing the same job
 * from the raw published CSVs in ../shared/data (bench/peers/polars_lsoa.py, pandas_lsoa.py). Each
 * peer's output is checked byte for byte against the tool's before it is timed. The runs are
 * interleaved (tool, polars, pandas, tool, …) so that a busy moment hits all three alike. A peer whose
 * library is not installed (pip install polars pandas) is left out with a note.
 */
function peerRows() {
  const shared = join(root, '..', 'shared', 'data');
  if (!existsSync(shared)) {
    process.stderr.write(`bench: no ${shared}; the peer rows are left out\n`);
    return;
  }
  const peers = ['polars', 'pandas'].filter((name) => {
    const found = spawnSync('python3', ['-c', `import ${name}`]).status === 0;
    if (!found) process.stderr.write(`bench: python3 has no ${name} (pip install ${name}); its rows are left out\n`);
    return found;
  });
  for (const vintage of ['2019', '2025']) {
    const toolOut = join(tmp, `peer-tool-${vintage}.csv`);
    const tool = [bin, 'allocate', '--budget', '1.2bn', '--area', 'england', '--level', 'lsoa', '--format', 'csv', '--vintage', vintage, '-o', toolOut];
    const jobs = [{ who: 'fairshare', command: process.execPath, args: tool, out: toolOut }];
    for (const peer of peers) {
      const out = join(tmp, `peer-${peer}-${vintage}.csv`);
      jobs.push({ who: peer, command: 'python3', args: [join(root, 'bench', 'peers', `${peer}_lsoa.py`), shared, vintage, out], out });
    }
    const times = new Map(jobs.map((job) => [job.who, []]));
    const peaks = new Map(jobs.map((job) => [job.who, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const job of jobs) {
        const t0 = performance.now();
        const child = gnuTime
          ? spawnSync(gnuTime, ['-v', job.command, ...job.args], { cwd: root, encoding: 'utf8' })
          : spawnSync(job.command, job.args, { cwd: root, encoding: 'utf8' });
        const ms = performance.now() - t0;
        if (child.status !== 0) throw new Error(`${job.who}: exited ${child.status}: ${child.stderr}`);
        times.get(job.who).push(ms);
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr ?? '');
        if (rss) peaks.get(job.who).push(Number(rss[1]) / 1024);
      }
      const expected = readFileSync(toolOut);
      for (const job of jobs.slice(1)) {
        if (!readFileSync(job.out).equals(expected)) throw new Error(`${job.who} ${vintage}: its output is not byte for byte fairshare's`);
      }
    }
    const label = `England LSOA CSV, ${vintage} vintage`;
    const toolMedian = median(times.get('fairshare'));
    for (const job of jobs) {
      const what =
        job.who === 'fairshare'
          ? `process wall time of \`fairshare allocate --budget 1.2bn --area england --level lsoa --format csv --vintage ${vintage} -o <tmp>\` (peers interleaved)`
          : `process wall time of \`python3 bench/peers/${job.who}_lsoa.py ../shared/data ${vintage} <tmp>\`: the same job from the raw CSVs; output checked byte for byte against fairshare's`;
      add(`peer job: ${job.who}`, label, 'ms', summary(times.get(job.who), undefined), what);
      if (peaks.get(job.who).length > 0) add(`peer job: ${job.who}, peak memory`, label, 'MB', summary(peaks.get(job.who), undefined), `max RSS of the same processes, from ${gnuTime} -v`);
      if (job.who !== 'fairshare') {
        const ratio = median(times.get(job.who)) / toolMedian;
        add(`peer job: ${job.who} ÷ fairshare`, label, '×', { median: ratio }, 'median wall time of the peer over fairshare\'s, from this run: above 1 means fairshare is faster',
          job.who === 'polars' ? { text: '> 1 (goal 1.3)', min: 1 } : undefined);
      }
    }
  }
}

/**
 * The explorer page in headless Chromium (when /usr/bin/chromium is there): its file size, the time
 * to open it (until the table is filled), and the time one change of a weight takes, from the slider's
 * input event to the table and map redrawn, measured inside the page. The first change is the cold one.
 */
async function explorerRows() {
  const chromiumPath = process.env.FAIRSHARE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    process.stderr.write(`bench: no Chromium at ${chromiumPath}; the explorer rows are left out\n`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    for (const page of [
      { label: 'Northamptonshire (442 LSOAs, 2025)', args: [], target: { text: '< 100 ms', max: 100 } },
      { label: 'England (33,755 LSOAs, 2025)', args: ['--area', 'england'] },
    ]) {
      const file = join(tmp, `explore-${page.args.length}.html`);
      const made = spawnSync(process.execPath, [bin, 'explore', ...page.args, '-o', file], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`explore: ${made.stderr}`);
      add('explorer page size', page.label, 'kB', { median: readFileSync(file).length / 1e3 }, `the HTML file \`fairshare explore ${page.args.join(' ')}\` writes`);
      const opens = [];
      const changes = [];
      let first;
      for (let run = 0; run < RUNS; run++) {
        const tab = await browser.newPage();
        const t0 = performance.now();
        await tab.goto(pathToFileURL(file).href);
        await tab.locator('table#allocation tbody tr').first().waitFor({ timeout: 120_000 });
        opens.push(performance.now() - t0);
        const weights = ['2', '1.5', '0.5'];
        for (const [i, weight] of weights.entries()) {
          const ms = await tab.locator('input[data-domain="community-safety"]').evaluate((slider, value) => {
            const t = performance.now();
            slider.value = value;
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            return performance.now() - t;
          }, weight);
          if (run === 0 && i === 0) first = ms;
          else changes.push(ms);
        }
        await tab.close();
      }
      add('explorer: open the page', page.label, 'ms', summary(opens, undefined), 'navigation from disk until the first table row is drawn (parse, model, baseline and first run)');
      add('explorer: one change of weight', page.label, 'ms', summary(changes, first),
        'in the page: slider input event → weigh + fairShare + tabulate + compareRows + table and map redrawn (1st run: the first change of a fresh page)',
        page.target);
    }
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------------

const machine = {
  node: process.version,
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGB: Number((totalmem() / 2 ** 30).toFixed(1)),
  platform: `${process.platform} ${process.arch}`,
  runs: RUNS,
  warmups: WARMUPS,
  peakMemoryFrom: gnuTime ? `${gnuTime} -v` : 'process.resourceUsage().maxRSS',
};

if (json) {
  process.stdout.write(`${JSON.stringify({ machine, rows }, null, 2)}\n`);
} else {
  const fmt = (value, unit) => (value === undefined ? '' : unit === 'MB' ? value.toFixed(0) : value < 10 ? value.toFixed(2) : value.toFixed(1));
  const okText = (row) => {
    if (row.target === undefined) return '';
    const main = row.ok ? 'yes' : 'NO';
    return row.stretchTarget === undefined ? main : `${main} (stretch ${row.stretchTarget}: ${row.stretchOk ? 'yes' : 'no'})`;
  };
  const lines = [
    `fairshare benchmarks — node ${machine.node}, ${machine.cpus} CPUs (${machine.cpu}), ${machine.memoryGB} GB; median of ${RUNS} runs` +
      ` (in-process rows after ${WARMUPS} warm-up, shown as "1st run")`,
    '',
    '| step | area | median | min | max | 1st run | unit | target | ok? | includes |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
    ...rows.map((r) =>
      `| ${r.step} | ${r.area} | ${fmt(r.median, r.unit)} | ${fmt(r.min, r.unit)} | ${fmt(r.max, r.unit)} | ${fmt(r.first, r.unit)} | ${r.unit} | ${r.target ?? ''} | ${okText(r)} | ${r.includes} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
