import { inject } from 'vitest';

/**
 * Points src/runtime/trained-cache.ts at the run's folder (test/support/model-cache-global.ts) unless the caller
 * chose one with CAIBAN_MODEL_CACHE; outside a project with that global setup nothing is shared.
 */
if (!process.env.CAIBAN_MODEL_CACHE) {
  let dir: string | undefined;
  try {
    dir = inject('caibanModelCache');
  } catch {
    dir = undefined;
  }
  if (dir) process.env.CAIBAN_MODEL_CACHE = dir;
}
