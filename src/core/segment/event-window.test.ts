import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventSnapshot } from './evaluate.js';
import { eventsInWindow } from './event-window.js';

const DAY = 86_400_000;
const asOf = new Date('2026-06-30T00:00:00Z');
const ev = (daysAgo: number, type = 'login'): EventSnapshot => ({
  type,
  at: new Date(asOf.getTime() - daysAgo * DAY),
});

describe('eventsInWindow', () => {
  it('takes the window from complete events, excluding the start instant and the future', () => {
    const recent = { events: [ev(-1), ev(0), ev(3), ev(30), ev(31)], complete: true };
    const got = eventsInWindow(recent, new Date(asOf.getTime() - 30 * DAY), asOf);
    expect(got?.map((e) => e.at)).toEqual([ev(0).at, ev(3).at]);
  });

  it('refuses truncated events that stop inside the window, accepts them once they reach past its start', () => {
    const from = new Date(asOf.getTime() - 30 * DAY);
    expect(eventsInWindow({ events: [ev(1), ev(10)], complete: false }, from, asOf)).toBeNull();
    expect(eventsInWindow({ events: [], complete: false }, from, asOf)).toBeNull();
    expect(eventsInWindow({ events: [ev(1), ev(30)], complete: false }, from, asOf)).toHaveLength(1);
  });

  it('agrees with filtering all events whenever it answers (newest-first prefix of any length)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 365 }),
        (days, limit, window) => {
          const all = days.map((d) => ev(d)).sort((a, b) => b.at.getTime() - a.at.getTime());
          const read = all.slice(0, limit);
          const from = new Date(asOf.getTime() - window * DAY);
          const got = eventsInWindow({ events: read, complete: read.length === all.length }, from, asOf);
          const want = all.filter((e) => e.at > from && e.at <= asOf);
          if (got !== null) expect(got).toEqual(want);
          if (read.length === all.length) expect(got).not.toBeNull();
        },
      ),
    );
  });
});
