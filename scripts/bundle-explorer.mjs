// Bundle the explorer page's script (src/explore/page.ts and the engine, report and scenario modules it
// imports, with decimal.js and csv-stringify) into one browser script, dist/explore/page.js, which
// `fairshare explore` inlines into its page. Run by `npm run build`.
import { build } from 'esbuild';

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
