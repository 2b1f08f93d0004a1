import { AppError } from '../../core/errors.js';

type Task = { run: () => Promise<void> };

/**
 * Runs at most `concurrency` jobs at a time and serves waiting clients in turn (round robin by client key),
 * so one client that queues many jobs delays another client by at most one job per running slot, not by its
 * whole backlog. At most `maxQueued` jobs wait in all; more are refused at once (UNAVAILABLE) instead of
 * piling up. Used for password hashing, which costs ~32 MiB and tens of milliseconds of CPU per call.
 */
export class FairQueue {
  private running = 0;
  private queued = 0;
  /** Waiting jobs per client; Map order is the round-robin order (a served client moves to the back). */
  private readonly waiting = new Map<string, Task[]>();

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (!(concurrency >= 1) || !(maxQueued >= 0)) throw new RangeError('concurrency ≥ 1 and maxQueued ≥ 0');
  }

  /** Jobs running now and waiting now (for tests and health). */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queued };
  }

  run<T>(client: string, job: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency && this.queued === 0) return this.start(job);
    if (this.queued >= this.maxQueued)
      return Promise.reject(
        new AppError('UNAVAILABLE', 'the server is busy verifying logins; retry shortly'),
      );
    return new Promise<T>((resolve, reject) => {
      const list = this.waiting.get(client) ?? [];
      list.push({ run: () => this.start(job).then(resolve, reject) });
      this.waiting.set(client, list);
      this.queued += 1;
    });
  }

  private async start<T>(job: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await job();
    } finally {
      this.running -= 1;
      this.next();
    }
  }

  private next(): void {
    const first = this.waiting.entries().next();
    if (first.done === true) return;
    const [client, list] = first.value;
    const task = list.shift()!;
    this.waiting.delete(client);
    if (list.length > 0) this.waiting.set(client, list); // to the back of the round
    this.queued -= 1;
    void task.run();
  }
}
