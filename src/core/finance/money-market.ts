import type { Series } from './stats.js';

/** How a money-market fund carries income forward: daily compounding (按日结转) or monthly (按月结转). */
export type CarryMethod = 'daily' | 'monthly';

/**
 * 万份收益: income per 10,000 shares for each calendar day from the per-day return of a ¥1.00-NAV fund,
 * R = r · 10 000 (yuan).
 */
export const incomePer10k = (dailyReturns: Series): Float64Array => {
  const out = new Float64Array(dailyReturns.length);
  for (let i = 0; i < dailyReturns.length; i++) out[i] = dailyReturns[i]! * 10_000;
  return out;
};

/**
 * 7日年化收益率 from the last seven calendar days' 万份收益 R_1…R_7 (CSRC money-market fund disclosure rules):
 * daily carry: (Π(1 + R_i/10 000))^(365/7) − 1; monthly carry: (ΣR_i / 7) · 365 / 10 000. Weekend and holiday
 * income must be spread over its calendar days before calling (one value per calendar day).
 */
export const sevenDayAnnualizedYield = (incomeLast7: Series, method: CarryMethod = 'daily'): number => {
  if (incomeLast7.length !== 7) return NaN;
  if (method === 'monthly') {
    let s = 0;
    for (let i = 0; i < 7; i++) s += incomeLast7[i]!;
    return ((s / 7) * 365) / 10_000;
  }
  let p = 1;
  for (let i = 0; i < 7; i++) p *= 1 + incomeLast7[i]! / 10_000;
  return p ** (365 / 7) - 1;
};

/** The 7-day annualised yield for every day that has seven days of history (element i uses days i−6…i). */
export const rollingSevenDayYield = (incomePerDay: Series, method: CarryMethod = 'daily'): Float64Array => {
  const out = new Float64Array(incomePerDay.length).fill(NaN);
  for (let i = 6; i < incomePerDay.length; i++) {
    const window = new Float64Array(7);
    for (let k = 0; k < 7; k++) window[k] = incomePerDay[i - 6 + k]!;
    out[i] = sevenDayAnnualizedYield(window, method);
  }
  return out;
};

/**
 * 万份收益 implied by a quoted 7-day yield held flat (the inverse of the daily-carry formula):
 * R = ((1 + y)^(7/365·1/7) − 1) · 10 000 per day.
 */
export const incomePer10kFromYield = (sevenDayYield: number, method: CarryMethod = 'daily'): number =>
  method === 'monthly' ? (sevenDayYield * 10_000) / 365 : ((1 + sevenDayYield) ** (1 / 365) - 1) * 10_000;
