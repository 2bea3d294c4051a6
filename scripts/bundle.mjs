// The two bundles `npm run build` makes with esbuild, after tsc:
//
// - dist/bundle/: the command line (src/cli/bin.ts and everything it imports, with commander, chalk,
//   decimal.js and csv-parse) as a few ES modules, which bin/fairshare.js and bin/allocate.js run. One
//   file to load instead of some 200 saves a third of a second's start-up (BENCHMARKS.md). The heavy
//   libraries stay outside and load only on the paths that need them, as in dist/ (the dynamic imports
//   become chunks of their own). dist/ itself, unbundled, is the library (`import … from 'fairshare'`).
// - dist/explore/page.js: the explorer page's script (src/explore/page.ts and the engine, report and
//   scenario modules it imports, with decimal.js) as one browser script, which `fairshare explore`
//   inlines into its page.
import { build } from 'esbuild';

// commander requires node:child_process when it loads, for subcommands that are programs of their own,
// which fairshare has none of; loading it (with net and dgram) costs every run about 7 ms. In the bundle,
// commander gets a stand-in that loads the real module the first time any of it is used.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents:
        "let real; const load = () => (real ??= require('node:child_process'));" +
        'module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/cli/bin.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded only where they are used (a scenario file, a workbook, a map, a progress bar).
  external: ['exceljs', 'yaml', 'zod', 'd3-geo', 'topojson-client', 'topojson-server', 'cli-progress'],
  // The CommonJS libraries inside (commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __fairshareRequire } from 'node:module'; const require = __fairshareRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/explore/page.ts'],
  outfile: 'dist/explore/page.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});
