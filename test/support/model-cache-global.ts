import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    caibanModelCache: string;
  }
}

/**
 * Global setup: a folder for trained artefacts (src/runtime/trained-cache.ts) that the test processes of this
 * run share, so the starter KB's ranker and a retrained intent model are learnt once per run instead of once per
 * file. Created fresh and removed at the end: a cached model never outlives the code that trained it.
 */
export const setup = (project: TestProject): (() => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-models-'));
  project.provide('caibanModelCache', dir);
  return () => rmSync(dir, { recursive: true, force: true });
};
