/**
 * Local-time arithmetic for reach decisions. China has one time zone without daylight saving, so local time is
 * UTC + a fixed offset (Asia/Shanghai = +480 minutes); computing it from the offset keeps the result independent
 * of the server's TZ and of the Intl data installed.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Minutes since local midnight of instant `t` at `offsetMinutes` east of UTC. */
export const localMinuteOfDay = (t: Date, offsetMinutes: number): number => {
  const local = t.getTime() + offsetMinutes * MINUTE;
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
};

/** Local calendar day number (days since 1970-01-01 local) of instant `t`: two instants share a day iff equal. */
export const localDayNumber = (t: Date, offsetMinutes: number): number =>
  Math.floor((t.getTime() + offsetMinutes * MINUTE) / DAY);

/** Local ISO-week number (weeks since the Monday 1969-12-29 local): Monday starts a week. */
export const localWeekNumber = (t: Date, offsetMinutes: number): number =>
  // Day 0 (1970-01-01) was a Thursday: shifting by 3 makes Monday the first day of each 7-day block.
  Math.floor((localDayNumber(t, offsetMinutes) + 3) / 7);

/** The instant of local `minuteOfDay` on the local day `dayNumber`. */
export const instantAt = (dayNumber: number, minuteOfDay: number, offsetMinutes: number): Date =>
  new Date(dayNumber * DAY + (minuteOfDay - offsetMinutes) * MINUTE);

/** Parses "HH:MM" (00:00–23:59) into minutes of the day; throws on anything else. */
export const parseClock = (hhmm: string): number => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (m === null) throw new Error(`expected HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/**
 * Whether local minute `m` falls in the quiet window [start, end) — a window with start > end wraps past
 * midnight (21:00–09:00); start = end means no quiet hours.
 */
export const inWindow = (m: number, start: number, end: number): boolean =>
  start === end ? false : start < end ? m >= start && m < end : m >= start || m < end;

/**
 * The first instant at or after `t` outside the quiet window: `t` itself when it is outside, else the window's
 * end (09:00) on the same local day (early morning) or the next one (late evening).
 */
export const nextAllowed = (t: Date, startHHMM: string, endHHMM: string, offsetMinutes: number): Date => {
  const start = parseClock(startHHMM);
  const end = parseClock(endHHMM);
  const m = localMinuteOfDay(t, offsetMinutes);
  if (!inWindow(m, start, end)) return t;
  const day = localDayNumber(t, offsetMinutes);
  return instantAt(m >= end ? day + 1 : day, end, offsetMinutes);
};
