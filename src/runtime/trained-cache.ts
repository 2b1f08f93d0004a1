import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * Trained artefacts (KB rankers, intent models) kept by the content hash of everything their training reads, so
 * the same inputs are not trained twice: in this process (a few recent ones in memory: two apps on one database,
 * a KB that returns to an earlier content), and across processes when CAIBAN_MODEL_CACHE names a directory (the
 * test suite points it at a folder of its run, so its ~100 processes train the starter KB once, not per file).
 *
 * A key covers the inputs, not the training code: a directory must not outlive a code change (the test run's
 * folder is removed at its end). Entries are written to a temporary name and renamed, so a reader never sees half
 * a file; a corrupt or unreadable entry is retrained and rewritten. Values are stored with node:v8 serialisation,
 * which keeps Float64Array and every number exact: a cached model predicts exactly what a fresh one would.
 */

/** Entries kept in memory per process (each a few MB at most: one KB index or intent model). */
const MEMORY_ENTRIES = 4;

const memory = new Map<string, unknown>();

/** sha256 of a kind and the JSON of its inputs (arrays and plain objects only; key order as given). */
export const contentKey = (kind: string, inputs: unknown): string =>
  createHash('sha256').update(kind).update('\0').update(JSON.stringify(inputs)).digest('hex');

const remember = (key: string, value: unknown): void => {
  memory.delete(key);
  memory.set(key, value);
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
};

const cacheDir = (): string | null => {
  const d = process.env.CAIBAN_MODEL_CACHE;
  return d === undefined || d === '' ? null : d;
};

const readEntry = <T>(dir: string, key: string): T | undefined => {
  try {
    return deserialize(readFileSync(join(dir, `${key}.v8`))) as T;
  } catch {
    return undefined;
  }
};

const writeEntry = (dir: string, key: string, value: unknown): void => {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(tmp, serialize(value));
    renameSync(tmp, join(dir, `${key}.v8`));
  } catch {
    // A cache that cannot be written only costs the next process a training.
  }
};

/** The in-memory entry under `key` (this process), or undefined. */
export const memoryEntry = <T>(key: string): T | undefined => {
  const v = memory.get(key) as T | undefined;
  if (v !== undefined) remember(key, v);
  return v;
};

/** Keeps `value` in this process's memory under `key` (the most recent few are kept). */
export const rememberEntry = (key: string, value: unknown): void => remember(key, value);

/** The shared (on-disk) entry under `key` when CAIBAN_MODEL_CACHE is set, or undefined. */
export const sharedEntry = <T>(key: string): T | undefined => {
  const dir = cacheDir();
  return dir === null ? undefined : readEntry<T>(dir, key);
};

/** Stores `value` under `key` in the shared cache when CAIBAN_MODEL_CACHE is set. */
export const shareEntry = (key: string, value: unknown): void => {
  const dir = cacheDir();
  if (dir !== null) writeEntry(dir, key, value);
};

/** `train()`'s result for `key`: from memory, then the shared cache, else trained now and stored in both. */
export const cachedAsync = async <T>(key: string, train: () => Promise<T>): Promise<T> => {
  const hit = memoryEntry<T>(key) ?? sharedEntry<T>(key);
  if (hit !== undefined) {
    remember(key, hit);
    return hit;
  }
  const value = await train();
  remember(key, value);
  shareEntry(key, value);
  return value;
};
