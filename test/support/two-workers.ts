import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPostgres } from '../../src/server/db/connection.js';
import type { Database } from '../../src/server/db/connection.js';
import type { SendOptions } from '../../src/server/jobs/boss.js';
import { startJobs } from '../../src/server/jobs/boss.js';
import type { AnyJob } from '../../src/server/jobs/registry.js';
import { repoRoot } from './repo-root.js';

/** What one worker process reports when stopped: its pid and how often each job's handler ran in it. */
export type WorkerReport = { pid: number; invocations: Record<string, number> };

export type Send = (name: string, data?: object, opts?: SendOptions) => Promise<string | null>;

type Worker = {
  child: ChildProcess;
  ready: Promise<number>;
  report: Promise<WorkerReport>;
  stderr: string[];
};

const spawnWorker = (databaseUrl: string, catalogueModule: string): Worker => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/job-worker.ts')], {
    cwd: repoRoot,
    env: { ...process.env, CAIBAN_WORKER_DB_URL: databaseUrl, CAIBAN_WORKER_CATALOGUE: catalogueModule },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const lines: ((l: Record<string, unknown>) => void)[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const msg = JSON.parse(line) as Record<string, unknown>;
      for (const l of lines) l(msg);
    }
  });
  const exitedEarly = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}): ${stderr.join('').slice(-2000)}`)),
    ),
  );
  const on = <T>(key: string, map: (m: Record<string, unknown>) => T) =>
    Promise.race([
      new Promise<T>((resolve) => lines.push((m) => m[key] === true && resolve(map(m)))),
      exitedEarly,
    ]);
  return {
    child,
    stderr,
    ready: on('ready', (m) => m.pid as number),
    report: on('done', (m) => ({
      pid: m.pid as number,
      invocations: m.invocations as Record<string, number>,
    })),
  };
};

/**
 * The multi-process proof harness: installs the job system on a PostgreSQL database, starts `workers` Node
 * processes (default 2) that each run the job catalogue exported as `catalogue` by `catalogueModule` (an
 * absolute path), hands `body` a `send` and the database once every worker polls, then stops the workers
 * gracefully (SIGTERM) and returns what each reports: its pid and its handler invocations per job. Assert
 * exactly-once effects on the database and that every worker did work.
 */
export const withJobWorkers = async <T>(
  opts: { databaseUrl: string; catalogueModule: string; workers?: number; timeoutMs?: number },
  body: (send: Send, db: Database) => Promise<T>,
): Promise<{ result: T; reports: WorkerReport[] }> => {
  const { catalogue } = (await import(pathToFileURL(opts.catalogueModule).href)) as {
    catalogue: readonly AnyJob[];
  };
  const db = await openPostgres(opts.databaseUrl, { max: 2 });
  const driver = await startJobs({
    db,
    databaseUrl: opts.databaseUrl,
    catalogue,
    schedule: false,
    work: false,
  });
  const workers = Array.from({ length: opts.workers ?? 2 }, () =>
    spawnWorker(opts.databaseUrl, opts.catalogueModule),
  );
  const timeout = setTimeout(() => workers.forEach((w) => w.child.kill('SIGKILL')), opts.timeoutMs ?? 60_000);
  try {
    await Promise.all(workers.map((w) => w.ready));
    const result = await body(driver.send, db);
    for (const w of workers) w.child.kill('SIGTERM');
    const reports = await Promise.all(workers.map((w) => w.report));
    return { result, reports };
  } finally {
    clearTimeout(timeout);
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await driver.stop(1000);
    await db.close();
  }
};
