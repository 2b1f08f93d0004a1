import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';

/** Locks held by this process (a second open in the same process must fail too). */
const held = new Set<string>();

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is a single-process database: two processes writing the same data folder corrupt it. Takes an
 * exclusive lock file `<dir>/caiban.lock` holding our pid (a lock left by a dead process is taken over) and
 * returns its release function.
 */
export const lockDataDir = (dir: string): (() => void) => {
  const file = join(dir, 'caiban.lock');
  if (held.has(file)) throw inUse(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      return () => {
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner))
        throw inUse(dir, owner);
      rmSync(file, { force: true }); // stale lock of a process that is gone
    }
  }
  throw inUse(dir, Number.NaN);
};

const inUse = (dir: string, pid: number): AppError =>
  new AppError(
    'CONFLICT',
    `DATA_DIR: the embedded database in ${dir} is in use by process ${Number.isNaN(pid) ? '?' : pid}; stop that process, or use another --data-dir, or set DATABASE_URL`,
    { variable: 'DATA_DIR', pid },
  );
