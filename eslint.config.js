// Lint: typescript-eslint's recommended rules, and the layers of the code (docs/architecture.md):
//
//   engine ← data ← scenario ← report ← app ← cli
//
// A module may import from its own layer and the layers to its left, never to its right: the engine
// knows nothing of files, the readers nothing of tables, the renderers nothing of use cases, and only
// the CLI knows commander, argv, the console and exit codes. src/index.ts, the library's face, sits on
// the app layer; src/explore, the explorer page's script, sits on the report layer and runs in a
// browser. build/ (the data builders, run by npm run build:data) is not shipped and may read src.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['engine', 'data', 'scenario', 'report', 'app', 'cli'];

/** The rule for one layer: no import of a layer to its right, from anywhere inside it. */
function layerRule(layer) {
  const above = LAYERS.slice(LAYERS.indexOf(layer) + 1);
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: above.map((other) => ({
            group: [`../${other}/*`, `../../${other}/*`, `../../../${other}/*`, `**/src/${other}/*`],
            message: `src/${layer} may not import src/${other}: the layers are ${LAYERS.join(' ← ')} (see eslint.config.js)`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-build/**', 'node_modules/**', 'docs/api/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        NodeJS: 'readonly',
        TextDecoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      // Prettier wraps the code; comments wrap at 110 characters, but an example's code line is code.
      'max-len': [
        'error',
        {
          code: 1000,
          comments: 110,
          ignoreUrls: true,
          ignorePattern: '^\\s*(\\*|//)\\s*(@example|.*// =>|.*\\bawait\\b|(const|let|if|for|import|return)\\b|[\\w.]+\\(|[\\[{}])',
        },
      ],
      // `_` marks a value left out on purpose: `const { location: _, ...rest } = error`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...LAYERS.map(layerRule),
  {
    // Only the CLI prints: everything else returns values (errors too) for the CLI to show.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'Only src/cli (and src/index.ts, for the default working folder) touches process' }],
    },
  },
  { files: ['src/index.ts'], rules: { 'no-restricted-globals': 'off' } },
  {
    // The explorer's page script runs in a browser, on the engine: no Node, no files, no use cases.
    files: ['src/explore/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/explore runs in a browser: no Node modules' },
            { group: ['../app/*', '../cli/*', '../data/*'], message: 'src/explore runs the engine on the page model: no use cases, files or readers' },
          ],
        },
      ],
    },
  },
);
