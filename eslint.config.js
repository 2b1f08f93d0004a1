// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Import-direction rules of docs/architecture.md: core → core only; contracts → core; runtime → core;
 * web → contracts + core.
 */
const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((group) => ({
        group,
        message: 'Import direction of the architecture forbids this.',
      })),
    },
  ],
});

const ENUM = { selector: 'TSEnumDeclaration', message: 'Use a string-literal union.' };

/**
 * Database access (docs/decisions/0005-typed-queries.md): Drizzle's query builder (`db.orm`) or a `sql` template
 * (`db.rows(sql`…`)`), never SQL text with numbered placeholders, never text spliced into SQL.
 */
const TYPED_QUERIES = [
  {
    selector: "CallExpression[callee.property.name='query'][arguments.length>0]",
    message:
      'SQL text: use db.orm (the query builder) or db.rows(sql`…`) — docs/decisions/0005-typed-queries.md.',
  },
  {
    selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
    message: 'sql.raw splices text into SQL: interpolate values with ${…} and columns from schema.ts.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'bin/**', 'test/e2e/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ENUM],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      [
        '**/server/**',
        '**/cli/**',
        '**/web/**',
        '**/contracts/**',
        '**/demo/**',
        'node:*',
        'fs',
        'path',
        'pg',
        'fastify',
        '@electric-sql/*',
      ],
    ]),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded RNG (core/random.ts).' },
        { object: 'Date', property: 'now', message: 'Pass asOf; core has no clock.' },
      ],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: restrict([['**/server/**', '**/cli/**', '**/web/**', '**/demo/**']]),
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([['**/server/**', '**/cli/**', '**/demo/**']]),
  },
  /**
   * Server and demo do not import each other (issue 10 item 13): the demo generator writes through the seeding
   * port (src/core/seeding.ts, implemented by src/server/db/seeding.ts); the CLI, benches and test support
   * compose the two. Tests may use both.
   */
  {
    files: ['src/server/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.suite.ts'],
    rules: restrict([['**/cli/**', '**/web/**', '**/demo/**']]),
  },
  {
    files: ['src/server/**/*.test.ts', 'src/server/**/*.suite.ts'],
    rules: restrict([['**/cli/**', '**/web/**']]),
  },
  {
    files: ['src/demo/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([['**/server/**', '**/cli/**', '**/web/**']]),
  },
  /**
   * Runtime (worker pools and their workers: GBDT histogram threads, TreeSHAP, cross-fitting) serves the server,
   * the CLI and the benches alike, so it imports only core and Node (issue 10 item 13).
   */
  {
    files: ['src/runtime/**/*.ts'],
    rules: restrict([['**/cli/**', '**/server/**', '**/web/**', '**/demo/**', '**/contracts/**']]),
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/demo/**/*.ts'],
    ignores: ['src/server/db/**', '**/*.test.ts', '**/*.suite.ts'],
    rules: { 'no-restricted-syntax': ['error', ENUM, ...TYPED_QUERIES] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
