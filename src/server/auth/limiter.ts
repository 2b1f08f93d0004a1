import { AppError } from '../../core/errors.js';

/**
 * A fixed-window counter per key, in process memory (limits are per API node, like the global limiter of
 * http/security.ts). Memory is bounded: past `maxKeys` keys, expired windows are dropped first and then the
 * oldest keys, so a flood of distinct keys cannot grow the map without end.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one hit for `key`; true when the key is still within its budget (this hit included). */
  hit(key: string, nowMs: number): boolean {
    const w = this.current(key, nowMs);
    if (w === undefined) {
      this.windows.set(key, { start: nowMs, count: 1 });
      this.prune(nowMs);
      return this.max >= 1;
    }
    w.count += 1;
    return w.count <= this.max;
  }

  /** True when `key` has used its whole budget in the current window (does not count a hit). */
  exhausted(key: string, nowMs: number): boolean {
    const w = this.current(key, nowMs);
    return w !== undefined && w.count >= this.max;
  }

  /** Seconds until the window of `key` ends (at least 1). */
  retryAfterSeconds(key: string, nowMs: number): number {
    const w = this.current(key, nowMs);
    return w === undefined ? 1 : Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string, nowMs: number): { start: number; count: number } | undefined {
    const w = this.windows.get(key);
    if (w === undefined) return undefined;
    if (nowMs - w.start >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private prune(nowMs: number): void {
    if (this.windows.size <= this.maxKeys) return;
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

/** The 429 of a limiter, with the wait in the details (the web shows it). */
export const rateLimited = (what: string, retryAfterSeconds: number): AppError =>
  new AppError('RATE_LIMITED', `too many ${what}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
