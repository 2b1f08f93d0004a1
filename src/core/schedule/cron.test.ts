import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { isDue, parseCron, presetOf, previousFire, REFRESH_PRESETS } from './cron.js';

const china = (s: string): Date => new Date(`${s}+08:00`);

const parsed = new Map<string, ReturnType<typeof parseCron>>();

/** Brute force: whether the expression fires at this minute (China time), field by field. */
const firesAt = (text: string, at: Date): boolean => {
  const spec = parsed.get(text) ?? parseCron(text);
  parsed.set(text, spec);
  const l = new Date(at.getTime() + 8 * 3_600_000);
  const dom = spec.days.has(l.getUTCDate());
  const dow = spec.weekdays.has(l.getUTCDay());
  const day =
    spec.daysRestricted && spec.weekdaysRestricted
      ? dom || dow
      : (!spec.daysRestricted || dom) && (!spec.weekdaysRestricted || dow);
  return (
    spec.minutes.has(l.getUTCMinutes()) &&
    spec.hours.has(l.getUTCHours()) &&
    spec.months.has(l.getUTCMonth() + 1) &&
    day
  );
};

describe('cron in China time', () => {
  it('finds the 06:00 of today after six and of yesterday before six (China time, not UTC)', () => {
    const spec = parseCron('0 6 * * *');
    expect(previousFire(spec, china('2026-03-10T09:30:00'))).toEqual(china('2026-03-10T06:00:00'));
    expect(previousFire(spec, china('2026-03-10T05:59:59'))).toEqual(china('2026-03-09T06:00:00'));
    expect(previousFire(spec, china('2026-03-10T06:00:00'))).toEqual(china('2026-03-10T06:00:00'));
  });

  it('finds last Monday for a weekly schedule and 29 February years back', () => {
    // 2026-03-12 is a Thursday; the Monday before is 2026-03-09.
    expect(previousFire(parseCron('0 6 * * 1'), china('2026-03-12T12:00:00'))).toEqual(
      china('2026-03-09T06:00:00'),
    );
    expect(previousFire(parseCron('30 8 29 2 *'), china('2026-03-01T00:00:00'))).toEqual(
      china('2024-02-29T08:30:00'),
    );
  });

  it('matches either day field when both are restricted (Vixie cron), and 7 is Sunday', () => {
    // 1st of the month or a Sunday: from Thursday 2026-03-12 the last match is Sunday 2026-03-08.
    expect(previousFire(parseCron('0 0 1 * 7'), china('2026-03-12T12:00:00'))).toEqual(
      china('2026-03-08T00:00:00'),
    );
  });

  it('agrees with a minute-by-minute scan: the result fires, and nothing fires after it up to now', () => {
    const exprs = ['*/7 * * * *', '5,35 */3 * * *', '0 9-17 * * 1-5', '15 6 1,15 * *', '0 0 * * 0'];
    fc.assert(
      fc.property(
        fc.constantFrom(...exprs),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (text, t) => {
          const now = new Date(t);
          const got = previousFire(parseCron(text), now);
          expect(got).not.toBeNull();
          expect(got!.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(firesAt(text, got!)).toBe(true);
          for (let m = got!.getTime() + 60_000; m <= now.getTime(); m += 60_000)
            expect(firesAt(text, new Date(m))).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a bad expression naming the request field and the cron field at fault', () => {
    const msg = (text: string): string => {
      try {
        parseCron(text, 'refreshCron');
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('BAD_INPUT');
        expect((e as AppError).details.field).toBe('refreshCron');
        return (e as AppError).message;
      }
      throw new Error(`accepted ${text}`);
    };
    expect(msg('0 6 * *')).toMatch(/^refreshCron: expected five cron fields/);
    expect(msg('61 6 * * *')).toMatch(/minute field "61" is outside 0–59/);
    expect(msg('0 24 * * *')).toMatch(/hour field/);
    expect(msg('0 6 * * MON')).toMatch(/day of week field "MON"/);
    expect(msg('0 6 30 2 *')).toMatch(/never fires/);
    expect(msg('*/0 * * * *')).toMatch(/step must be at least 1/);
  });

  it('is due once the schedule fired after the last run, and not before the first firing after it was set', () => {
    const spec = parseCron('0 6 * * *');
    const set = china('2026-03-10T10:00:00');
    expect(isDue(spec, china('2026-03-10T23:00:00'), null, set)).toBe(false);
    expect(isDue(spec, china('2026-03-11T06:00:30'), null, set)).toBe(true);
    expect(isDue(spec, china('2026-03-11T07:00:00'), china('2026-03-11T06:00:05'), set)).toBe(false);
    expect(isDue(spec, china('2026-03-12T06:01:00'), china('2026-03-11T06:00:05'), set)).toBe(true);
  });

  it('maps the console presets to cron and back; anything else is custom', () => {
    for (const [k, cron] of Object.entries(REFRESH_PRESETS)) {
      if (cron !== null) parseCron(cron);
      expect(presetOf(cron)).toBe(k);
    }
    expect(presetOf('*/5 * * * *')).toBe('custom');
  });
});
