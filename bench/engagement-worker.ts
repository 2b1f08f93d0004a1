/**
 * One evaluation worker of bench/engagement.ts `--workers N` (a child process, as a second server process running
 * the `mot.evaluate` job would be): it runs the MOT engine's `runDue` on its own connection pool when the parent
 * asks, and reports back over IPC. Several workers split the pending receipts through the queue's FOR UPDATE SKIP
 * LOCKED claim.
 *
 * Messages from the parent: `{cmd: 'drain'}` → one `runDue` at the current time, answered `{cmd: 'drained',
 * counts, cpuS}` (this process's CPU seconds over it); `{cmd: 'loop', idleMs}` → passes until `{cmd: 'stop'}` (each answered `{cmd: 'pass', now, doneAt,
 * counts}`; an empty pass waits idleMs), then one last pass and `{cmd: 'stopped'}`; `{cmd: 'exit'}` →
 * `{cmd: 'bye', maxRssMb}` and exit.
 */
import { openPostgres } from '../src/server/db/connection.js';
import { runDue } from '../src/server/modules/mot/service.js';
import type { MotCounts } from '../src/server/modules/mot/service.js';
import { enqueueMessages } from '../src/server/modules/outbox/service.js';

type Msg = { cmd: 'drain' } | { cmd: 'loop'; idleMs: number } | { cmd: 'stop' } | { cmd: 'exit' };

const send = (m: unknown): void => {
  process.send?.(m);
};
const url = process.env.BENCH_WORKER_DATABASE_URL;
if (url === undefined)
  throw new Error('BENCH_WORKER_DATABASE_URL: the database URL of the bench is required');
const batch = process.env.BENCH_WORKER_EVAL_BATCH;
const deps = { enqueue: enqueueMessages, ...(batch ? { batchSize: Number(batch) } : {}) };
const db = await openPostgres(url, { max: 2 });
const busy = (r: MotCounts): boolean =>
  r.leads_created + r.messages_queued + r.messages_deferred + r.messages_suppressed > 0;

let stopping = false;
const pass = async (): Promise<MotCounts> => {
  const now = new Date();
  const counts = await runDue(db, now, deps);
  send({ cmd: 'pass', now: now.toISOString(), doneAt: Date.now(), counts });
  return counts;
};

process.on('message', (m: Msg) => {
  void (async () => {
    if (m.cmd === 'drain') {
      const c = process.cpuUsage();
      const counts = await runDue(db, new Date(), deps);
      const d = process.cpuUsage(c);
      send({ cmd: 'drained', counts, cpuS: (d.user + d.system) / 1e6 });
    } else if (m.cmd === 'loop') {
      stopping = false;
      while (!stopping) if (!busy(await pass())) await new Promise((res) => setTimeout(res, m.idleMs));
      await pass();
      send({ cmd: 'stopped' });
    } else if (m.cmd === 'stop') stopping = true;
    else {
      await db.close();
      send({ cmd: 'bye', maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
      process.exit(0);
    }
  })();
});
send({ cmd: 'ready' });
