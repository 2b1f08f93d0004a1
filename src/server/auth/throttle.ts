import { availableParallelism } from 'node:os';
import { FairQueue } from './fair-queue.js';
import { rateLimited, WindowLimiter } from './limiter.js';

/**
 * The login name as the limiter and the lookup both see it: NFKC (full-width letters, no-break and ideographic
 * spaces become their plain forms), trimmed, lower-case. " rm010", "rm010\t", "rm010\u00a0" and "ＲＭ010" are
 * all "rm010", so padding a name cannot buy fresh attempts.
 */
export const normaliseAccount = (raw: string): string => raw.normalize('NFKC').trim().toLowerCase();

/** Limits of the authentication paths, per API node (docs/security.md has the table). */
export type AuthLimits = {
  /** Login attempts per minute for one IP and one account (username or phone). */
  perAccountPerMinute: number;
  /** Login attempts per minute for one IP across all accounts. */
  perIpPerMinute: number;
  /** Requests per minute from one IP carrying an unknown, expired or malformed session token. */
  badTokensPerIpPerMinute: number;
  /** Password hashes computed at once (scrypt costs 32 MiB and one core each); default: the core count. */
  hashConcurrency: number;
  /** Password checks waiting for a slot, in all; more are refused at once with 503. */
  hashQueue: number;
};

export const authLimitsFrom = (limits: { perMinute: number; loginPerMinute: number }): AuthLimits => ({
  perAccountPerMinute: limits.loginPerMinute,
  perIpPerMinute: 3 * limits.loginPerMinute,
  badTokensPerIpPerMinute: limits.perMinute,
  hashConcurrency: Math.max(1, availableParallelism()),
  hashQueue: 64,
});

const MINUTE = 60_000;

/**
 * In-memory brute-force and flood control of one API node: login attempts per IP and account and per IP,
 * unknown session tokens per IP, and the fair queue that bounds concurrent password hashing.
 */
export class AuthThrottle {
  readonly perAccount: WindowLimiter;
  readonly perIp: WindowLimiter;
  readonly badTokens: WindowLimiter;
  readonly hashing: FairQueue;

  constructor(readonly limits: AuthLimits) {
    this.perAccount = new WindowLimiter(limits.perAccountPerMinute, MINUTE);
    this.perIp = new WindowLimiter(limits.perIpPerMinute, MINUTE);
    this.badTokens = new WindowLimiter(limits.badTokensPerIpPerMinute, MINUTE);
    this.hashing = new FairQueue(limits.hashConcurrency, limits.hashQueue);
  }

  /**
   * Counts one login attempt by `ip` on `account` (already normalised) and throws RATE_LIMITED when either the
   * IP's budget or the IP-and-account budget is spent. Runs before any database lookup or hashing.
   */
  admitLogin(ip: string, account: string, nowMs: number): void {
    const ipKey = `ip|${ip}`;
    const accountKey = `acct|${ip}|${account.slice(0, 64)}`;
    const ipOk = this.perIp.hit(ipKey, nowMs);
    const accountOk = this.perAccount.hit(accountKey, nowMs);
    if (!ipOk)
      throw rateLimited('login attempts from this address', this.perIp.retryAfterSeconds(ipKey, nowMs));
    if (!accountOk)
      throw rateLimited(
        'login attempts for this account',
        this.perAccount.retryAfterSeconds(accountKey, nowMs),
      );
  }

  /** True when `ip` has sent too many unknown tokens this minute: refuse without looking the token up. */
  tokenFloodFrom(ip: string, nowMs: number): boolean {
    return this.badTokens.exhausted(ip, nowMs);
  }

  /** Counts a request whose token resolved to no session. */
  badToken(ip: string, nowMs: number): void {
    this.badTokens.hit(ip, nowMs);
  }
}
