/**
 * One job worker process for test/support/two-workers.ts: starts the job system on a PostgreSQL database with
 * the catalogue exported (as `catalogue`) by the module CAIBAN_WORKER_CATALOGUE, counts its handler invocations,
 * and on SIGTERM stops gracefully and prints `{"done":true,"pid","invocations"}` on stdout.
 */
import { pathToFileURL } from 'node:url';
import { openPostgres } from '../../src/server/db/connection.js';
import { startJobs } from '../../src/server/jobs/boss.js';
import type { AnyJob, JobContext } from '../../src/server/jobs/registry.js';

const url = process.env.CAIBAN_WORKER_DB_URL;
const modulePath = process.env.CAIBAN_WORKER_CATALOGUE;
if (url === undefined || modulePath === undefined)
  throw new Error('CAIBAN_WORKER_DB_URL and CAIBAN_WORKER_CATALOGUE are required');

const { catalogue } = (await import(pathToFileURL(modulePath).href)) as { catalogue: readonly AnyJob[] };
const invocations: Record<string, number> = {};
const counted = catalogue.map((j): AnyJob => ({
  ...j,
  handler: (ctx: JobContext<never>) => {
    invocations[j.name] = (invocations[j.name] ?? 0) + 1;
    return j.handler(ctx);
  },
}));
const db = await openPostgres(url, { max: 4 });
const runner = await startJobs({
  db,
  databaseUrl: url,
  catalogue: counted,
  schedule: false,
  pollingIntervalSeconds: 0.5,
  onError: (e) => process.stderr.write(`worker ${process.pid}: ${e.message}\n`),
});
process.once('SIGTERM', () => {
  void (async () => {
    await runner.stop(5000);
    await db.close();
    process.stdout.write(JSON.stringify({ done: true, pid: process.pid, invocations }) + '\n');
    process.exit(0);
  })();
});
process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + '\n');
