import { badInput } from '../errors.js';
import { parseIsoDate } from '../suitability/dates.js';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD); the error names `field` when the date is impossible. */
export const dayNumber = (iso: string, field = 'date'): number => {
  const d = parseIsoDate(iso, field);
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY;
};

/** ISO date of a day number. */
export const isoOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** The ISO date `n` calendar days after `iso` (before when negative). */
export const addDays = (iso: string, n: number, field = 'date'): string =>
  isoOfDay(dayNumber(iso, field) + n);

/** Calendar days from `a` to `b` (ACT): positive when b is later. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** `YYYY-MM` of an ISO date. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** Last calendar day of the month of `iso`. */
export const monthEnd = (iso: string): string => {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * Index of the last element of ascending ISO `dates` on or before `date`, or −1 (binary search; `dates` of a
 * NAV or index series).
 */
export const lastIndexOnOrBefore = (dates: readonly string[], date: string): number => {
  let lo = 0;
  let hi = dates.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! <= date) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
};

/** Checks that ISO dates ascend strictly, naming the field and the first offending position. */
export const assertAscending = (dates: readonly string[], field: string): void => {
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i - 1]! < dates[i]!)) {
      throw badInput(`${field}[${i}]`, `dates must ascend strictly (${dates[i - 1]} then ${dates[i]})`);
    }
  }
};

const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Offset of China Standard Time (UTC+8, no daylight saving) in milliseconds. */
const CST_OFFSET_MS = 8 * 3_600_000;

/**
 * The bank's business date of `now`: a date (YYYY-MM-DD) is taken as it is; an ISO instant with an offset is
 * read in China Standard Time (UTC+8), so 2026-10-30T17:00:00Z is business date 2026-10-31.
 */
export const businessDate = (now: string, field = 'now'): string => {
  const s = now.trim();
  if (ISO_DATE_ONLY.test(s)) {
    dayNumber(s, field);
    return s;
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    throw badInput(field, `expected a date YYYY-MM-DD or an ISO instant with offset, got "${now}"`);
  }
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) throw badInput(field, `"${now}" is not a valid instant`);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
};
