import { annualizationFactor, type Period } from './returns.js';
import type { Series } from './stats.js';

/** A dated NAV series (dates ISO YYYY-MM-DD ascending, NAV dividend-adjusted). */
export type NavSeries = { dates: readonly string[]; nav: Series };

export type TrailingKey = '1m' | '3m' | '6m' | 'ytd' | '1y' | '3y' | '5y' | 'inception';

const shiftMonths = (date: string, months: number): string => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

/** Index of the last observation dated on or before `date` with a usable NAV, or −1. */
const lastOnOrBefore = (s: NavSeries, date: string): number => {
  let lo = 0;
  let hi = s.dates.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.dates[mid]! <= date) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  while (ans >= 0 && !Number.isFinite(s.nav[ans]!)) ans--;
  return ans;
};

const lastValid = (s: NavSeries): number => {
  let i = s.nav.length - 1;
  while (i >= 0 && !Number.isFinite(s.nav[i]!)) i--;
  return i;
};

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Trailing period returns as fund platforms quote them (近1月/3月/6月/今年以来/近1年/近3年/成立以来): NAV_end /
 * NAV_base − 1 with the base the last NAV on or before the same calendar day 1, 3, … months earlier (YTD: on or
 * before 31 Dec of the previous year). null when the history does not reach back that far; a history that starts
 * at most `graceDays` calendar days after that day (a weekend or holiday at the edge of a three-year window)
 * counts as reaching it, with its first NAV as the base.
 */
export const trailingReturns = (s: NavSeries, graceDays = 0): Record<TrailingKey, number | null> => {
  const end = lastValid(s);
  const out: Record<TrailingKey, number | null> = {
    '1m': null,
    '3m': null,
    '6m': null,
    ytd: null,
    '1y': null,
    '3y': null,
    '5y': null,
    inception: null,
  };
  if (end < 0) return out;
  const endDate = s.dates[end]!;
  const first = s.dates.findIndex((_d, i) => Number.isFinite(s.nav[i]!));
  const fromBase = (base: number): number | null => (base < 0 ? null : s.nav[end]! / s.nav[base]! - 1);
  const months: Array<[TrailingKey, number]> = [
    ['1m', 1],
    ['3m', 3],
    ['6m', 6],
    ['1y', 12],
    ['3y', 36],
    ['5y', 60],
  ];
  for (const [k, m] of months) {
    const target = shiftMonths(endDate, -m);
    if (s.dates[first]! <= target) out[k] = fromBase(lastOnOrBefore(s, target));
    else if (s.dates[first]! <= addDays(target, graceDays)) out[k] = fromBase(first);
  }
  const prevYearEnd = `${Number(endDate.slice(0, 4)) - 1}-12-31`;
  out.ytd = fromBase(lastOnOrBefore(s, prevYearEnd));
  out.inception = fromBase(first);
  return out;
};

/**
 * Calendar-year returns (年度回报): for each year, NAV at its last observation / NAV at the last observation of
 * the previous year − 1; the first year is measured from the first NAV (a partial year, flagged).
 */
export const calendarYearReturns = (
  s: NavSeries,
): Array<{ year: number; value: number; partial: boolean }> => {
  const out: Array<{ year: number; value: number; partial: boolean }> = [];
  let base = -1;
  for (let i = 0; i < s.dates.length; i++) {
    if (!Number.isFinite(s.nav[i]!)) continue;
    if (base < 0) base = i;
    const isYearEnd = i === s.dates.length - 1 || s.dates[i + 1]!.slice(0, 4) !== s.dates[i]!.slice(0, 4);
    if (!isYearEnd) continue;
    const partial = out.length === 0;
    out.push({ year: Number(s.dates[i]!.slice(0, 4)), value: s.nav[i]! / s.nav[base]! - 1, partial });
    base = i;
  }
  return out;
};

/**
 * Rolling holding-period returns: for every end date, NAV_t / NAV_{t−window} − 1 (window in observations),
 * optionally annualised as (1 + R)^(A/window) − 1. Shows the spread of outcomes an investor who held for
 * `window` periods actually got (持有期收益分布).
 */
export const rollingReturns = (
  s: NavSeries,
  window: number,
  opts: { annualize?: boolean; period?: Period } = {},
): Array<{ date: string; value: number }> => {
  const a = annualizationFactor(opts.period ?? 'daily');
  const out: Array<{ date: string; value: number }> = [];
  for (let i = window; i < s.nav.length; i++) {
    const r = s.nav[i]! / s.nav[i - window]! - 1;
    if (!Number.isFinite(r)) continue;
    out.push({ date: s.dates[i]!, value: opts.annualize ? (1 + r) ** (a / window) - 1 : r });
  }
  return out;
};
