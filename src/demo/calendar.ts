import { badInput } from '../core/errors.js';

/**
 * The Shanghai/Shenzhen exchange trading calendar for the years the demo bank covers. Rules: no trading on
 * Saturdays and Sundays (make-up working weekends, 调休, are still closed for the exchanges), nor on the
 * public-holiday closures below (as announced by the State Council / SSE for each year; Spring Festival and
 * National Day are closed for a whole week). Dates are ISO 'YYYY-MM-DD' strings in China time.
 */
export const HOLIDAY_CLOSURES: Readonly<Record<number, ReadonlyArray<readonly [string, string, string]>>> = {
  2022: [
    ['2022-01-01', '2022-01-03', '元旦'],
    ['2022-01-31', '2022-02-06', '春节'],
    ['2022-04-03', '2022-04-05', '清明节'],
    ['2022-04-30', '2022-05-04', '劳动节'],
    ['2022-06-03', '2022-06-05', '端午节'],
    ['2022-09-10', '2022-09-12', '中秋节'],
    ['2022-10-01', '2022-10-07', '国庆节'],
  ],
  2023: [
    ['2022-12-31', '2023-01-02', '元旦'],
    ['2023-01-21', '2023-01-27', '春节'],
    ['2023-04-05', '2023-04-05', '清明节'],
    ['2023-04-29', '2023-05-03', '劳动节'],
    ['2023-06-22', '2023-06-24', '端午节'],
    ['2023-09-29', '2023-10-06', '中秋节、国庆节'],
  ],
  2024: [
    ['2024-01-01', '2024-01-01', '元旦'],
    ['2024-02-09', '2024-02-17', '春节'],
    ['2024-04-04', '2024-04-06', '清明节'],
    ['2024-05-01', '2024-05-05', '劳动节'],
    ['2024-06-10', '2024-06-10', '端午节'],
    ['2024-09-15', '2024-09-17', '中秋节'],
    ['2024-10-01', '2024-10-07', '国庆节'],
  ],
  2025: [
    ['2025-01-01', '2025-01-01', '元旦'],
    ['2025-01-28', '2025-02-04', '春节'],
    ['2025-04-04', '2025-04-06', '清明节'],
    ['2025-05-01', '2025-05-05', '劳动节'],
    ['2025-05-31', '2025-06-02', '端午节'],
    ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
  ],
  2026: [
    ['2026-01-01', '2026-01-03', '元旦'],
    ['2026-02-15', '2026-02-23', '春节'],
    ['2026-04-04', '2026-04-06', '清明节'],
    ['2026-05-01', '2026-05-05', '劳动节'],
    ['2026-06-19', '2026-06-21', '端午节'],
    ['2026-09-25', '2026-09-27', '中秋节'],
    ['2026-10-01', '2026-10-07', '国庆节'],
  ],
};

export const CALENDAR_FIRST_YEAR = 2022;
export const CALENDAR_LAST_YEAR = 2026;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC arithmetic; no clock, no time zone). */
const dayCache = new Map<string, number>();

export const dayNumber = (iso: string): number => {
  const hit = dayCache.get(iso);
  if (hit !== undefined) return hit;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw badInput('date', `"${iso}" is not an ISO date YYYY-MM-DD`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== iso)
    throw badInput('date', `"${iso}" is not a calendar date`);
  return t / DAY_MS;
};

const isoCache = new Map<number, string>();

export const isoOfDay = (day: number): string => {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 20_000) isoCache.set(day, iso);
  }
  return iso;
};

export const addDays = (iso: string, days: number): string => isoOfDay(dayNumber(iso) + days);

/** Same calendar day `months` later/earlier; a day that does not exist clamps to the month's last day. */
export const addMonths = (iso: string, months: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return isoOfDay(Date.UTC(ny, nm, Math.min(d, last)) / DAY_MS);
};

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (iso: string): number => (dayNumber(iso) + 4) % 7;

const closedDays: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const closures of Object.values(HOLIDAY_CLOSURES)) {
    for (const [from, to, name] of closures) {
      for (let d = dayNumber(from); d <= dayNumber(to); d++) map.set(isoOfDay(d), name);
    }
  }
  return map;
})();

const checkCovered = (iso: string): void => {
  const y = Number(iso.slice(0, 4));
  if (y < CALENDAR_FIRST_YEAR || y > CALENDAR_LAST_YEAR) {
    throw badInput(
      'date',
      `${iso} is outside the trading calendar (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}); add that year's closures to src/demo/calendar.ts`,
    );
  }
};

/** Name of the holiday closing the exchanges on `iso`, or null. */
export const holidayOf = (iso: string): string | null => closedDays.get(iso) ?? null;

export const isTradingDay = (iso: string): boolean => {
  checkCovered(iso);
  const w = weekday(iso);
  return w !== 0 && w !== 6 && !closedDays.has(iso);
};

/** All trading days in [from, to], ascending. */
export const tradingDays = (from: string, to: string): string[] => {
  checkCovered(from);
  checkCovered(to);
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const iso = isoOfDay(d);
    if (isTradingDay(iso)) out.push(iso);
  }
  return out;
};

/** The last trading day on or before `iso`. */
export const previousTradingDay = (iso: string): string => {
  let d = dayNumber(iso);
  while (!isTradingDay(isoOfDay(d))) d--;
  return isoOfDay(d);
};
