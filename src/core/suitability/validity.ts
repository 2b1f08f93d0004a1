import {
  addMonthsClamped,
  compareDates,
  formatIsoDate,
  lastValidDay,
  nextDay,
  parseIsoDate,
} from './dates.js';
import type { SuitabilityPolicy } from './policy.js';
import type { Channel } from './types.js';

/**
 * The earliest assessment date still valid on `on` when an assessment stays valid `months` months: an
 * assessment made on A is valid through lastValidDay(A, months) (regulation.md §1), and that day never decreases
 * as A grows, so "valid on `on`" is exactly "A ≥ this cutoff". Queries select valid or expired assessments with
 * that one comparison (`risk_assessed_at >= cutoff`) and so follow the same rule as `checkSuitability`.
 * Start from `on` − months (clamped) and step forward past the days whose clamped end falls before `on`
 * (on 2024-02-29 with 12 months, 2023-02-28 ends 2024-02-28: the cutoff is 2023-03-01).
 */
export const oldestValidAssessment = (on: string, months: number): string => {
  const day = parseIsoDate(on, 'on');
  let cutoff = addMonthsClamped(day, -months);
  while (compareDates(lastValidDay(cutoff, months), day) < 0) cutoff = nextDay(cutoff);
  return formatIsoDate(cutoff);
};

/** The cutoff of `oldestValidAssessment` under an institution's policy for one channel (bank: 12 months by default). */
export const assessmentCutoff = (policy: SuitabilityPolicy, channel: Channel, on: string): string =>
  oldestValidAssessment(on, policy.validityMonths[channel]);
