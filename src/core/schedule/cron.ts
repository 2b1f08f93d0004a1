import { badInput } from '../errors.js';

/**
 * Five-field cron (minute hour day-of-month month day-of-week) evaluated in China time (Asia/Shanghai, UTC+8
 * all year: no daylight saving since 1991), the zone every schedule of the platform is written in. Supports `*`,
 * numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and comma lists; day-of-week 0–7 (0 and 7 are Sunday). Like
 * Vixie cron, when both day fields are restricted a day matches either of them. Names (MON, JAN) and the
 * non-standard `L`, `W`, `#`, `?` are refused with a message saying so.
 */
export type CronSpec = {
  readonly text: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 folded into 0). */
  readonly weekdays: ReadonlySet<number>;
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
};

/** China time offset from UTC in minutes (Asia/Shanghai). */
export const CHINA_OFFSET_MINUTES = 480;

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Field = (typeof FIELDS)[number];

const parsePart = (part: string, f: Field, fail: (why: string) => never, out: Set<number>): void => {
  const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
  if (m === null) fail(`"${part}" is not a number, range (a-b), step (*/n, a-b/n) or *`);
  const step = m[4] === undefined ? 1 : Number(m[4]);
  if (step < 1) fail(`"${part}": the step must be at least 1`);
  let lo: number = f.min;
  let hi: number = f.max;
  if (m[1] !== '*') {
    lo = Number(m[2]);
    hi = m[3] === undefined ? (m[4] === undefined ? lo : f.max) : Number(m[3]);
  }
  if (lo < f.min || hi > f.max || lo > hi)
    fail(`"${part}" is outside ${f.min}–${f.max}${lo > hi ? ' (or the range is reversed)' : ''}`);
  for (let v = lo; v <= hi; v += step) out.add(v);
};

const parseField = (text: string, f: Field, field: string): Set<number> => {
  const fail = (why: string): never => {
    throw badInput(field, `the ${f.name} field ${why}`, { cron: text });
  };
  const out = new Set<number>();
  for (const part of text.split(',')) parsePart(part, f, fail, out);
  return out;
};

/**
 * Parses a five-field cron expression; a bad one throws BAD_INPUT naming `field` (the request property or flag
 * that carried it) and the cron field at fault, so the caller can say exactly what to fix.
 */
export const parseCron = (text: string, field = 'cron'): CronSpec => {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '')
    throw badInput(
      field,
      `expected five cron fields "minute hour day-of-month month day-of-week" (e.g. "0 6 * * *" = 06:00 daily), got ${JSON.stringify(text)}`,
      { cron: text },
    );
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]!, field));
  const [minutes, hours, days, months, rawWeekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const weekdays = new Set([...rawWeekdays].map((d) => d % 7));
  const spec: CronSpec = {
    text: parts.join(' '),
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
  const possible =
    spec.weekdaysRestricted || [...months].some((mo) => [...days].some((d) => d <= MAX_DAYS[mo - 1]!));
  if (!possible)
    throw badInput(field, `no such date: ${JSON.stringify(text)} never fires (no month has that day)`, {
      cron: text,
    });
  return spec;
};

/** Whether a calendar day (China time) matches the day fields: Vixie cron's OR when both are restricted. */
const dayMatches = (spec: CronSpec, month: number, day: number, weekday: number): boolean => {
  if (!spec.months.has(month)) return false;
  const byDay = spec.days.has(day);
  const byWeekday = spec.weekdays.has(weekday);
  if (spec.daysRestricted && spec.weekdaysRestricted) return byDay || byWeekday;
  if (spec.daysRestricted) return byDay;
  if (spec.weekdaysRestricted) return byWeekday;
  return true;
};

const largestAtMost = (set: ReadonlySet<number>, limit: number): number | null => {
  let best: number | null = null;
  for (const v of set) if (v <= limit && (best === null || v > best)) best = v;
  return best;
};

const DAY_MS = 86_400_000;
/** Far enough back for any feasible expression (29 February can be eight years apart). */
const SEARCH_DAYS = 366 * 9;

/**
 * The latest instant at or before `now` at which the expression fires (whole minutes, China time by default),
 * or null when it has not fired in the last nine years. Schedules use it to decide whether a run is due: due
 * when the last run happened before this instant.
 */
export const previousFire = (
  spec: CronSpec,
  now: Date,
  offsetMinutes = CHINA_OFFSET_MINUTES,
): Date | null => {
  const offsetMs = offsetMinutes * 60_000;
  const local = new Date(Math.floor((now.getTime() + offsetMs) / 60_000) * 60_000);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const day = new Date(midnight - i * DAY_MS);
    if (!dayMatches(spec, day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay())) continue;
    const hourLimit = i === 0 ? local.getUTCHours() : 23;
    for (let h = largestAtMost(spec.hours, hourLimit); h !== null; h = largestAtMost(spec.hours, h - 1)) {
      const minuteLimit = i === 0 && h === local.getUTCHours() ? local.getUTCMinutes() : 59;
      const m = largestAtMost(spec.minutes, minuteLimit);
      if (m !== null) return new Date(day.getTime() + (h * 60 + m) * 60_000 - offsetMs);
    }
  }
  return null;
};

/**
 * Whether a scheduled refresh is due at `now`: the expression fired after the last run (or, before any run,
 * after the schedule was set — a schedule set at 10:00 for "06:00 daily" first runs tomorrow at 06:00).
 */
export const isDue = (spec: CronSpec, now: Date, lastRunAt: Date | null, scheduledSince: Date): boolean => {
  const fired = previousFire(spec, now);
  if (fired === null) return false;
  const baseline = lastRunAt === null ? scheduledSince : lastRunAt;
  return fired.getTime() > baseline.getTime();
};

/** The refresh choices of the segment console (不刷新/每天/每周/每小时) and the cron each stands for. */
export const REFRESH_PRESETS = {
  none: null,
  daily: '0 6 * * *',
  weekly: '0 6 * * 1',
  hourly: '0 * * * *',
} as const;

export type RefreshPreset = keyof typeof REFRESH_PRESETS;

/** The preset a stored cron corresponds to, or 'custom' for an expression set through the API. */
export const presetOf = (cron: string | null): RefreshPreset | 'custom' => {
  if (cron === null) return 'none';
  const hit = (Object.keys(REFRESH_PRESETS) as RefreshPreset[]).find((k) => REFRESH_PRESETS[k] === cron);
  return hit ?? 'custom';
};
