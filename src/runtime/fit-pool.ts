import { cpus } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { FitJob, JobRunner } from '../core/causal/effects/nuisance.js';
import { runFitJob } from '../core/causal/effects/nuisance.js';
import { spawnWorker } from './worker.js';

/**
 * A pool of worker threads for the cross-fitting jobs of the effect estimators. The estimators are synchronous
 * pure functions, so the runner blocks (Atomics.wait) until every job of a batch is back; results are the
 * same numbers as in process (each job is deterministic). If a worker cannot start or a job fails, the job
 * runs in process instead.
 */
export type FitPool = { runner: JobRunner; size: number; close: () => Promise<void> };

const spawn = (): Worker => spawnWorker('fit-worker');

type Reply = { ok: true; out: Float64Array } | { ok: false; error: string };

/** Resolves when the worker has loaded its module and answered a ping (rejects on error or after 60 s). */
const ready = (w: Worker): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start within 60 s')), 60_000);
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    w.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    w.postMessage('ping');
  });

/**
 * Starts `size` workers (default: one per core, at most 8) and waits until each is ready: a thread blocked in
 * Atomics.wait cannot service a worker that is still starting, so the pool is only used once all are up.
 */
export const createFitPool = async (size = Math.min(8, cpus().length)): Promise<FitPool> => {
  const workers = Array.from({ length: Math.max(1, size) }, spawn);
  try {
    await Promise.all(workers.map(ready));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  for (const w of workers) w.unref();
  const runner: JobRunner = (jobs: FitJob[]) => runOnWorkers(workers, jobs);
  return {
    runner,
    size: workers.length,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
};

type InFlight = { index: number; worker: number; port: MessagePort; flag: Int32Array };

/**
 * Dynamic dispatch: the largest jobs first (longest-processing-time order), the next job to whichever worker
 * finishes; the caller sleeps on a shared completion counter between completions.
 */
const runOnWorkers = (workers: Worker[], jobs: FitJob[]): Float64Array[] => {
  const out = new Array<Float64Array>(jobs.length);
  const order = Array.from(jobs.keys()).sort((a, b) => jobs[b]!.n * jobs[b]!.p - jobs[a]!.n * jobs[a]!.p);
  const done = new Int32Array(new SharedArrayBuffer(4));
  const idle = Array.from(workers.keys());
  const flying: InFlight[] = [];
  let next = 0;
  const dispatch = (): void => {
    while (idle.length > 0 && next < order.length) {
      const index = order[next++]!;
      const worker = idle.pop()!;
      const { port1, port2 } = new MessageChannel();
      const flag = new Int32Array(new SharedArrayBuffer(4));
      workers[worker]!.postMessage({ job: jobs[index], port: port2, flag, done }, [port2]);
      flying.push({ index, worker, port: port1, flag });
    }
  };
  dispatch();
  while (flying.length > 0) {
    const seen = Atomics.load(done, 0);
    const finished = flying.filter((f) => Atomics.load(f.flag, 0) === 1);
    if (finished.length === 0) {
      if (Atomics.wait(done, 0, seen, 600_000) === 'timed-out') break;
      continue;
    }
    for (const f of finished) {
      const reply = receiveMessageOnPort(f.port)?.message as Reply | undefined;
      f.port.close();
      out[f.index] = reply?.ok ? reply.out : runFitJob(jobs[f.index]!);
      flying.splice(flying.indexOf(f), 1);
      idle.push(f.worker);
    }
    dispatch();
  }
  // Anything left (a worker that never answered) runs here.
  for (let j = 0; j < jobs.length; j++) if (!out[j]) out[j] = runFitJob(jobs[j]!);
  return out;
};
