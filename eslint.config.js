// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Import-direction rules of docs/architecture.md: core → core only; contracts → core; web → contracts + core. */
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
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union.' },
      ],
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
  { files: ['src/server/**/*.ts'], rules: restrict([['**/cli/**', '**/web/**']]) },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
