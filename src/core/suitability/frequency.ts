import { badInput } from '../errors.js';
import {
  addMonthsClamped,
  compareDates,
  formatIsoDate,
  nextDay,
  parseIsoDate,
  type CalendarDate,
} from './dates.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from './policy.js';
import type { ReasonCode } from './reasons.js';
import { isInvestorLevel, levelRank, type InvestorLevel } from './types.js';

export type FrequencyResult = {
  /** May the customer take another assessment on `on` at this institution? */
  readonly allowed: boolean;
  readonly reasons: readonly ReasonCode[];
  readonly today_count: number;
  readonly window_count: number;
  /** First day a new assessment is allowed again (= `on` when allowed). */
  readonly next_allowed_on: string;
  readonly policy_version: string;
};

/** An earlier assessment counts in the rolling window of `on` while `on` ≤ its date + windowMonths (clamped). */
const inWindow = (d: CalendarDate, on: CalendarDate, months: number): boolean =>
  compareDates(d, on) <= 0 && compareDates(on, addMonthsClamped(d, months)) <= 0;

/**
 * NFRA frequency rule (金融机构产品适当性管理办法): at most `maxPerDay` assessments a day and `maxPerWindow`
 * in a rolling `windowMonths` at one institution. `history` holds the dates (YYYY-MM-DD) of earlier
 * assessments; assessments after `on` are rejected as bad input (history from the future).
 */
export const checkAssessmentFrequency = (
  history: readonly string[],
  on: string,
  policy: SuitabilityPolicy = DEFAULT_POLICY,
): FrequencyResult => {
  const day = parseIsoDate(on, 'on');
  const dates = history.map((h, k) => parseIsoDate(h, `history[${k}]`));
  dates.forEach((d, k) => {
    if (compareDates(d, day) > 0)
      throw badInput(`history[${k}]`, `assessment date ${history[k]} is after ${on}`);
  });
  const { maxPerDay, maxPerWindow, windowMonths } = policy.frequency;
  const countOn = (t: CalendarDate) => dates.filter((d) => compareDates(d, t) === 0).length;
  const windowOn = (t: CalendarDate) => dates.filter((d) => inWindow(d, t, windowMonths)).length;
  const todayCount = countOn(day);
  const windowCount = windowOn(day);
  const reasons: ReasonCode[] = [];
  if (todayCount >= maxPerDay) reasons.push('ASSESSMENT_LIMIT_DAY');
  if (windowCount >= maxPerWindow) reasons.push('ASSESSMENT_LIMIT_WINDOW');
  // The next allowed day: walk forward; the window count only falls as old assessments leave it, so this
  // ends within windowMonths + 1 months.
  let next = day;
  while (countOn(next) >= maxPerDay || windowOn(next) >= maxPerWindow) next = nextDay(next);
  return {
    allowed: reasons.length === 0,
    reasons,
    today_count: todayCount,
    window_count: windowCount,
    next_allowed_on: formatIsoDate(next),
    policy_version: policy.version,
  };
};

export type LevelChange = {
  readonly changed: boolean;
  /** NFRA: when the new level differs from the old one the customer re-confirms it. */
  readonly requires_reconfirmation: boolean;
  readonly direction: 'first' | 'up' | 'down' | 'same';
  readonly reasons: readonly ReasonCode[];
};

/** Compares a new assessment result with the previous level (undefined = first assessment). */
export const levelChange = (previous: InvestorLevel | undefined, next: InvestorLevel): LevelChange => {
  if (!isInvestorLevel(next)) throw badInput('level', `expected C1..C5, got ${String(next)}`);
  if (previous === undefined)
    return { changed: false, requires_reconfirmation: false, direction: 'first', reasons: [] };
  if (!isInvestorLevel(previous))
    throw badInput('previous_level', `expected C1..C5, got ${String(previous)}`);
  const delta = levelRank(next) - levelRank(previous);
  if (delta === 0) return { changed: false, requires_reconfirmation: false, direction: 'same', reasons: [] };
  return {
    changed: true,
    requires_reconfirmation: true,
    direction: delta > 0 ? 'up' : 'down',
    reasons: ['LEVEL_CHANGED_RECONFIRM'],
  };
};
