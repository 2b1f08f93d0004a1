import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, formatIsoDate, lastValidDay, parseIsoDate } from './dates.js';
import { DEFAULT_POLICY, definePolicy } from './policy.js';
import { assessmentCutoff, oldestValidAssessment } from './validity.js';

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const validOn = (assessed: string, on: string, months: number): boolean =>
  compareDates(parseIsoDate(on, 'on'), lastValidDay(parseIsoDate(assessed, 'a'), months)) <= 0;

describe('assessment validity cutoff', () => {
  it('an assessment is valid on a day exactly when it is on or after the cutoff', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 36 }),
        (on, back, m) => {
          const assessed = formatIsoDate(
            parseIsoDate(
              new Date(Date.parse(`${on}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10),
              'a',
            ),
          );
          expect(assessed >= oldestValidAssessment(on, m)).toBe(validOn(assessed, on, m));
        },
      ),
    );
  });

  it('steps past month-end clamping: on 2024-02-29 a 12-month assessment of 2023-02-28 has expired', () => {
    expect(oldestValidAssessment('2024-02-29', 12)).toBe('2023-03-01');
    expect(oldestValidAssessment('2025-02-28', 12)).toBe('2024-02-28');
    expect(oldestValidAssessment('2026-10-30', 12)).toBe('2025-10-30');
    expect(oldestValidAssessment('2024-03-31', 1)).toBe('2024-03-01');
  });

  it('follows the policy: 12 months for banks, 24 for securities, or what the institution configured', () => {
    expect(assessmentCutoff(DEFAULT_POLICY, 'bank', '2026-10-30')).toBe('2025-10-30');
    expect(assessmentCutoff(DEFAULT_POLICY, 'securities', '2026-10-30')).toBe('2024-10-30');
    const six = definePolicy({ version: 'six-months', validityMonths: { bank: 6 } });
    expect(assessmentCutoff(six, 'bank', '2026-10-30')).toBe('2026-04-30');
  });

  it('names the field of a malformed date', () => {
    expect(() => oldestValidAssessment('2026-13-01', 12)).toThrow(/on/);
  });
});
