import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    setupFiles: ['test/support/fast-check-setup.ts'],
    // Migrated and seeded databases built once per run, copied by the tests (test/support/fixtures.ts).
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // vitest's default on 2 cores is one worker; database tests wait on PostgreSQL (another process) and the
    // machine has memory to spare, so three workers keep both cores busy.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
