/** "1234567.50" → "1,234,567.50" without going through a binary float. */
export const formatMoney = (yuan: string | null | undefined): string => {
  if (yuan === null || yuan === undefined) return '—';
  const neg = yuan.startsWith('-');
  const [int = '0', frac = '00'] = (neg ? yuan.slice(1) : yuan).split('.');
  return `${neg ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
};

/** 0.0523 → "5.23%"; null → "—". */
export const formatPercent = (x: number | null | undefined, digits = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;

/**
 * Chinese market colour convention: red for gains, green for losses (the opposite of Western screens).
 */
export const gainColor = (x: number | null | undefined): string | undefined =>
  x === null || x === undefined || x === 0 ? undefined : x > 0 ? '#cf1322' : '#389e0d';

export const signOf = (yuan: string): number => (yuan.startsWith('-') ? -1 : /[1-9]/.test(yuan) ? 1 : 0);

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * A timestamp as "2026-10-30 14:05:09" (Beijing time) in every UI language: the same year-month-day order as the
 * plain dates on every screen (NAV and trade dates), never a locale's day/month order.
 */
export const formatDateTime = (iso: string): string => {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};
