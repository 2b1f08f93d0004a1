import { describe, expect, it } from 'vitest';
import { checkAssessmentFrequency, levelChange } from './frequency.js';
import { definePolicy } from './policy.js';

describe('NFRA assessment frequency (2 a day, 8 in 12 months)', () => {
  it('allows a first and second assessment on a day, refuses the third until the next day', () => {
    expect(checkAssessmentFrequency([], '2026-03-10').allowed).toBe(true);
    expect(checkAssessmentFrequency(['2026-03-10'], '2026-03-10').allowed).toBe(true);
    const third = checkAssessmentFrequency(['2026-03-10', '2026-03-10'], '2026-03-10');
    expect([third.allowed, third.reasons, third.today_count, third.next_allowed_on]).toEqual([
      false,
      ['ASSESSMENT_LIMIT_DAY'],
      2,
      '2026-03-11',
    ]);
  });

  it('refuses a ninth assessment within 12 months and names the day the oldest one leaves the window', () => {
    const history = [
      '2025-04-30',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
    ];
    const r = checkAssessmentFrequency(history, '2026-04-30');
    expect([r.allowed, r.reasons, r.window_count]).toEqual([false, ['ASSESSMENT_LIMIT_WINDOW'], 8]);
    // 2025-04-30 counts through 2026-04-30 (same day 12 months later) and leaves the window the day after.
    expect(r.next_allowed_on).toBe('2026-05-01');
    expect(checkAssessmentFrequency(history, '2026-05-01').allowed).toBe(true);
  });

  it('follows the institution policy and rejects history from the future', () => {
    const strict = definePolicy({ version: 'strict', frequency: { maxPerDay: 1 } });
    expect(checkAssessmentFrequency(['2026-01-05'], '2026-01-05', strict).allowed).toBe(false);
    expect(() => checkAssessmentFrequency(['2026-01-06'], '2026-01-05')).toThrow(/history\[0\]/);
  });
});

describe('level change after a new assessment', () => {
  it('asks the customer to re-confirm when the level differs, not when it is the same or the first', () => {
    expect(levelChange('C3', 'C2')).toEqual({
      changed: true,
      requires_reconfirmation: true,
      direction: 'down',
      reasons: ['LEVEL_CHANGED_RECONFIRM'],
    });
    expect(levelChange('C2', 'C4').direction).toBe('up');
    expect(levelChange('C3', 'C3').requires_reconfirmation).toBe(false);
    expect(levelChange(undefined, 'C3').direction).toBe('first');
  });
});
