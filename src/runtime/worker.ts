import type { WorkerOptions } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';

/** True when this module runs from TypeScript sources (tsx, vitest), false from the compiled `dist`. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The URL of a worker module of src/runtime, resolved next to this module: `name.ts` from sources, `name.js`
 * from `dist` (tsc keeps the folder layout, so both sit beside this file).
 */
export const workerUrl = (name: string): URL =>
  new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * Starts the worker module `name` of src/runtime (e.g. 'fit-worker'). From `dist` the worker is plain
 * JavaScript. From sources it is TypeScript: a small bootstrap registers tsx's loader inside the worker, then
 * imports the worker module. The one way this project starts a worker thread.
 */
export const spawnWorker = (name: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker => {
  const url = workerUrl(name);
  if (!FROM_SOURCE) return new Worker(url, options);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
};
