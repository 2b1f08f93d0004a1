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

export const formatDateTime = (iso: string, lang: string): string =>
  new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });
