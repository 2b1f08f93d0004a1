import { badInput } from '../errors.js';

/** A calendar date without time zone (the bank's business date). */
export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Parses `YYYY-MM-DD`, rejecting impossible dates (2025-02-30) with an error naming `field`. */
export const parseIsoDate = (value: string, field: string): CalendarDate => {
  const m = ISO_DATE.exec(value.trim());
  if (!m) throw badInput(field, `expected a date YYYY-MM-DD, got "${value}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw badInput(field, `"${value}" is not a calendar date`);
  }
  return { year, month, day };
};

/** Completed years between a birth date and a date (both YYYY-MM-DD): the age on `on`. */
export const ageOn = (birth: string, on: string): number => {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5, 10) < birth.slice(5, 10) ? years - 1 : years;
};

export const formatIsoDate = (d: CalendarDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Orders two dates: negative when a < b, 0 when equal, positive when a > b. */
export const compareDates = (a: CalendarDate, b: CalendarDate): number =>
  (a.year - b.year) * 10000 + (a.month - b.month) * 100 + (a.day - b.day);

/**
 * The same calendar day `months` later (or earlier when negative); a day that does not exist in the
 * target month clamps to that month's last day (2024-01-31 + 1 month = 2024-02-29).
 */
export const addMonthsClamped = (d: CalendarDate, months: number): CalendarDate => {
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
};

/** The next calendar day. */
export const nextDay = (d: CalendarDate): CalendarDate => {
  if (d.day < daysInMonth(d.year, d.month)) return { ...d, day: d.day + 1 };
  return d.month === 12
    ? { year: d.year + 1, month: 1, day: 1 }
    : { year: d.year, month: d.month + 1, day: 1 };
};

/**
 * Last day on which an assessment made on `assessedAt` is valid: the same calendar day `months` later,
 * clamped to the month's end (regulation.md §1). The day after it the assessment has expired.
 */
export const lastValidDay = (assessedAt: CalendarDate, months: number): CalendarDate =>
  addMonthsClamped(assessedAt, months);
