import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.js';
import { WindowLimiter } from './limiter.js';
import { AuthThrottle, normaliseAccount } from './throttle.js';

describe('login name normalisation', () => {
  it('maps padded, full-width and upper-case variants to one account', () => {
    for (const v of [
      ' rm010',
      'rm010\t',
      'rm010\u00a0',
      '\u00a0rm010',
      'rm010\u3000',
      'ＲＭ０１０',
      'RM010\n',
    ])
      expect(normaliseAccount(v), JSON.stringify(v)).toBe('rm010');
  });
});

describe('window limiter', () => {
  it('allows max hits per window, then refuses until the window ends', () => {
    const l = new WindowLimiter(2, 1000);
    expect([l.hit('a', 0), l.hit('a', 10), l.hit('a', 20)]).toEqual([true, true, false]);
    expect(l.exhausted('a', 500)).toBe(true);
    expect(l.retryAfterSeconds('a', 500)).toBe(1);
    expect(l.hit('b', 30)).toBe(true);
    expect(l.hit('a', 1000)).toBe(true);
  });

  it('keeps at most maxKeys keys however many distinct keys arrive', () => {
    const l = new WindowLimiter(5, 60_000, 100);
    for (let i = 0; i < 10_000; i++) l.hit(`k${i}`, i);
    expect(l.size).toBeLessThanOrEqual(101);
  });
});

describe('login throttle', () => {
  const throttle = () =>
    new AuthThrottle({
      perAccountPerMinute: 3,
      perIpPerMinute: 5,
      badTokensPerIpPerMinute: 2,
      hashConcurrency: 1,
      hashQueue: 4,
    });

  it('charges the IP across accounts and the IP-and-account pair', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.admitLogin('1.1.1.1', 'rm001', 0);
    expect(() => t.admitLogin('1.1.1.1', 'rm001', 0)).toThrow(/this account/);
    t.admitLogin('1.1.1.1', 'rm002', 0);
    expect(() => t.admitLogin('1.1.1.1', 'rm003', 0)).toThrow(/this address/);
    t.admitLogin('2.2.2.2', 'rm001', 0);
  });
});

/** A job whose end the test decides. */
const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

describe('fair hashing queue', () => {
  it('serves a second client after at most one more job of a client with a long backlog', async () => {
    const q = new FairQueue(1, 100);
    const order: string[] = [];
    const gates = Array.from({ length: 8 }, gate);
    const jobs = gates.map((g, i) =>
      q.run('flood', async () => {
        await g.p;
        order.push(`flood${i}`);
      }),
    );
    const valid = q.run('valid', () => {
      order.push('valid');
      return Promise.resolve();
    });
    expect(q.load).toEqual({ running: 1, queued: 8 });
    for (const g of gates) {
      g.open();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all([...jobs, valid]);
    // First-come-first-served would put the valid login last (9th); round robin puts it 3rd at worst.
    expect(order.indexOf('valid')).toBeLessThanOrEqual(2);
    expect(order).toHaveLength(9);
  });

  it('never runs more than `concurrency` jobs and refuses beyond the queue bound', async () => {
    const q = new FairQueue(2, 3);
    let running = 0;
    let peak = 0;
    const g = gate();
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await g.p;
      running -= 1;
    };
    const accepted = Array.from({ length: 5 }, (_, i) => q.run(`c${i % 2}`, job));
    await expect(q.run('c9', job)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    g.open();
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(q.load).toEqual({ running: 0, queued: 0 });
  });
});
