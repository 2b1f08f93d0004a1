/**
 * Where a bench server's request latency goes (bench/api-load-server.ts with BENCH_TRACE=1): event-loop delay
 * (perf_hooks.monitorEventLoopDelay), GC pauses (PerformanceObserver 'gc'), the server-side time of each request
 * (request parsed → response handed to the socket) and, on PGlite, each statement's time from call to result and its run time
 * (holding the engine's lock): the difference is its wait in the engine's queue.
 * Figures are per measurement window: `take()` returns them and starts a new window.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';

const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    n: s.length,
    mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    p50: r(quantile(s, 0.5)),
    p99: r(quantile(s, 0.99)),
    max: r(s[s.length - 1] ?? 0),
  };
};

export type Tracer = { take(): Record<string, unknown> };

type Exclusive = { _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> };

/**
 * Installs the probes. `pglite`: the engine's class, whose `query` and query lock are wrapped on the prototype —
 * only in the bench, never in the server's own code.
 */
export const installTracer = (app: FastifyInstance, pglite: typeof PGlite | null): Tracer => {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let gc: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push(e.duration);
  }).observe({ entryTypes: ['gc'] });
  let server: number[] = [];
  let unread: number[] = [];
  let statements = { total: [] as number[], run: [] as number[] };
  // From the parsed request to the last byte handed to the socket (the app is ready: no more hooks).
  // And, per keep-alive connection, from the previous response's last byte to this request's parse: on loopback
  // with a closed-loop client that answers at once, the time the request waited before the server read it.
  const lastFinish = new WeakMap<object, number>();
  app.server.prependListener('request', (req, res) => {
    const t0 = performance.now();
    const before = lastFinish.get(req.socket);
    if (before !== undefined) unread.push(t0 - before);
    res.once('finish', () => {
      const t = performance.now();
      server.push(t - t0);
      lastFinish.set(req.socket, t);
    });
  });
  if (pglite !== null) {
    // Exclusive access is FIFO, so a statement's queue wait is its total time less its run time (reported apart).
    const proto = pglite.prototype as unknown as Exclusive & PGlite;
    // Kept unbound on purpose: they are called with each instance as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const exclusive = proto._runExclusiveQuery;
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const query = proto.query;
    proto._runExclusiveQuery = function <T>(this: Exclusive, fn: () => Promise<T>) {
      return exclusive.call(this, async () => {
        const t = performance.now();
        try {
          return await fn();
        } finally {
          statements.run.push(performance.now() - t);
        }
      }) as Promise<T>;
    };
    proto.query = async function (this: PGlite, ...args: Parameters<PGlite['query']>) {
      const t = performance.now();
      try {
        return await query.apply(this, args);
      } finally {
        statements.total.push(performance.now() - t);
      }
    } as PGlite['query'];
  }
  return {
    take: () => {
      const out = {
        event_loop_delay_ms: {
          p50: loop.percentile(50) / 1e6,
          p99: loop.percentile(99) / 1e6,
          max: loop.max / 1e6,
        },
        gc_ms: { ...summary(gc), total: Math.round(gc.reduce((a, b) => a + b, 0)) },
        server_ms: summary(server),
        before_read_ms: summary(unread),
        statement_total_ms: summary(statements.total),
        statement_run_ms: summary(statements.run),
      };
      loop.reset();
      gc = [];
      server = [];
      unread = [];
      statements = { total: [], run: [] };
      return out;
    },
  };
};
