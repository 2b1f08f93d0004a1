import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/**
 * Statement order on the embedded database. PGlite runs one statement at a time on the server's own thread, so
 * interleaving the statements of concurrent requests gains nothing and spreads latency: a request with k statements
 * queues behind everyone's work k times, and under load its tail latency becomes a multiple of the queue's length.
 * Here statements reach PGlite in the order their request arrived (earliest first, then in issue order); a statement
 * outside a request (a job, a start-up step) counts from when it was issued. Concurrent requests then finish close
 * to arrival order and a request waits about once for the work queued before it.
 */
const arrival = new AsyncLocalStorage<number>();

/** Runs `fn` (and everything it starts) as part of a request that arrived at `at` (performance.now() ms). */
export const withArrival = <T>(at: number, fn: () => T): T => arrival.run(at, fn);

/** The arrival time that orders a statement issued now. */
export const currentArrival = (): number => arrival.getStore() ?? performance.now();

type Waiter = { at: number; seq: number; go: () => void };

/** A one-slot gate that admits the waiter with the earliest (arrival, issue order) first: a binary min-heap. */
export const createArrivalGate = (): (<T>(fn: () => Promise<T>) => Promise<T>) => {
  const heap: Waiter[] = [];
  let busy = false;
  let seq = 0;
  const before = (a: Waiter, b: Waiter): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (w: Waiter): void => {
    heap.push(w);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): Waiter | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  const release = (): void => {
    const next = pop();
    if (next === undefined) busy = false;
    else next.go();
  };
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (busy) await new Promise<void>((go) => push({ at: currentArrival(), seq: seq++, go }));
    else busy = true;
    try {
      return await fn();
    } finally {
      release();
    }
  };
};
