import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

/**
 * The layers: app → components → lib → db, each importing only the layers below it; lib/okta (the Okta client)
 * and sim/okta (the simulator) stand alone. Tests and test support may reach across (an integration test runs
 * lib against the simulator).
 */
const TESTS = ['**/*.test.ts', '**/test-support/**'];
const layer = (files, regex, message) => ({
  files,
  ignores: TESTS,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] },
});
const layers = [
  layer(['components/**'], '^@/(app|sim)(/|$)', 'components/ may import lib/ and db/, never app/ or the simulator.'),
  layer(['lib/**'], '^@/(app|components|sim)(/|$)', 'lib/ may import db/, never app/, components/ or the simulator.'),
  layer(['db/**'], '^@/(?!db(/|$)|lib/env$)', 'db/ stands below everything: it may import only db/ and lib/env.'),
  layer(
    ['lib/okta/**'],
    '^@/(?!lib/okta(/|$))',
    'lib/okta is the stand-alone Okta client: it imports nothing else of ours.',
  ),
  layer(['sim/okta/**'], '^@/(?!sim/okta(/|$))', 'sim/okta is a stand-alone Okta: it imports nothing of the console.'),
];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'db/migrations/**',
      'bench/results/**',
      '.probe/**',
      'e2e/.data/**',
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  {
    // Places that legitimately read the process environment: the env module itself, scripts and tools
    // that run outside Next, and test harnesses.
    files: [
      'lib/env.ts',
      'instrumentation.ts',
      'next.config.js',
      'scripts/**',
      'sim/**',
      'bench/**',
      'e2e/**',
      '**/*.test.ts',
      '*.config.ts',
      'db/migrate-cli.ts',
      'test/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...layers,
  // Formatting belongs to Prettier: switch off any style rule that would disagree with it.
  prettier,
);
