/** The statement's periods: whole calendar months back from the month of `to`, or the year to date. */
export const PERIODS = ['m3', 'm6', 'y1', 'ytd'] as const;
export type Period = (typeof PERIODS)[number];

/** Today in China (UTC+8) as YYYY-MM-DD: the business date the statement ends on. */
export const chinaToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The first day of a period ending `to`: whole months back (the 1st of the month), or 1 January. */
export const periodFrom = (p: Period, to: string): string => {
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  if (p === 'ytd') return `${y}-01-01`;
  const back = p === 'm3' ? 2 : p === 'm6' ? 5 : 11;
  const total = y * 12 + (m - 1) - back;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
};
