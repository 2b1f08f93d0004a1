import { defineConfig } from 'vitest/config';

/**
 * Pure files: no database, no server, no child process, no module-level state that depends on a database. They run
 * without per-file isolation, so a worker loads jieba, the lexicon and the built-in intent model once instead of
 * once per file (measured: half the CPU of these files; docs/architecture.md "Tests").
 */
const PURE = [
  'src/core/**/*.test.ts',
  'src/contracts/**/*.test.ts',
  'src/web/**/*.test.ts',
  // Pure files outside those folders (their imports checked: parsers, generators, crypto, config; no database,
  // server, child process, worker pool, mock, environment change or fake timers). A file that gains one of those
  // leaves this list.
  'src/cli/io/*.test.ts',
  'src/demo/{app-usage,bank,calendar,nav,survey-export,truths}.test.ts',
  'src/server/auth/{masking,otp,password,throttle}.test.ts',
  'src/server/{config,http/embed-headers}.test.ts',
  'src/server/modules/mot/rules.test.ts',
  'src/server/modules/products/{benchmark,page-cache,status}.test.ts',
  'src/server/modules/wecom/{config,crypto,xml}.test.ts',
  'test/{engines,nlu-eval-isolation}.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    setupFiles: [
      'test/support/fast-check-setup.ts',
      // Trained artefacts (KB ranker, retrained intent model) shared by the run's processes.
      'test/support/model-cache-setup.ts',
      // Per-file CPU time for bench/test-cpu.ts.
      ...(process.env.CAIBAN_TEST_CPU_LOG ? ['test/support/cpu-log-setup.ts'] : []),
    ],
    pool: 'forks',
    // vitest's default on 2 cores is one worker; database tests wait on PostgreSQL (another process) and the
    // machine has memory to spare, so three workers keep both cores busy.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: PURE,
          isolate: false,
          globalSetup: ['test/support/model-cache-global.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['node_modules', 'dist', 'test/e2e/**', ...PURE],
          // Each file in its own process: server modules keep per-process caches built from the first database
          // they see (the advisor's product catalogue), so files must not share one.
          // Migrated and seeded databases built once per run, copied by the tests (test/support/fixtures.ts).
          globalSetup: ['test/support/global-setup.ts', 'test/support/model-cache-global.ts'],
        },
      },
    ],
  },
});
