import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './repo-root.js';

export { repoRoot };

/**
 * Folder of the public reference data (`../shared/benchmarks` beside the repository, or $CAIBAN_BENCHMARKS).
 * The data is never copied into the repository.
 */
export const benchmarksDir = process.env.CAIBAN_BENCHMARKS ?? resolve(repoRoot, '..', 'shared', 'benchmarks');

/** Absolute path of a benchmark file, or null when the folder is absent (tests then skip with a message). */
export const benchmarkFile = (...parts: string[]): string | null => {
  const p = join(benchmarksDir, ...parts);
  if (existsSync(p)) return p;
  process.stderr.write(
    `skipping: benchmark data ${p} is absent (expected ../shared/benchmarks beside the repo)\n`,
  );
  return null;
};
