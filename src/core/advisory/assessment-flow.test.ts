import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../suitability/default-questionnaire.js';
import { takeAssessment } from './assessment-flow.js';

const answers = (option: string) =>
  Object.fromEntries(DEFAULT_QUESTIONNAIRE.questions.map((q) => [q.id, option]));
const base = { questionnaire: DEFAULT_QUESTIONNAIRE, answers: answers('B'), now: '2026-03-10' };

describe('risk assessment attempt', () => {
  it('a third attempt in one day is refused and names the next day it opens, without scoring', () => {
    const r = takeAssessment({ ...base, history: ['2026-03-10', '2026-03-10'] });
    expect(r).toMatchObject({ status: 'refused', next_allowed_on: '2026-03-11' });
    expect(r.messages[0]!.zh).toContain('每日最多2次');
  });

  it('a ninth attempt in 12 months opens the day the oldest leaves the window', () => {
    const history = [
      '2025-03-10',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
    ];
    const r = takeAssessment({ ...base, history });
    expect(r).toMatchObject({ status: 'refused', next_allowed_on: '2026-03-11' });
  });

  it('a new level different from the one on file must be re-confirmed; the same level needs nothing', () => {
    const first = takeAssessment({ ...base, history: [] });
    expect(first.status).toBe('scored');
    if (first.status === 'refused') throw new Error('unexpected');
    const level = first.result.level;
    const other = level === 'C5' ? 'C1' : 'C5';
    const changed = takeAssessment({ ...base, history: ['2026-01-05'], previousLevel: other });
    expect(changed).toMatchObject({ status: 'confirm', level_change: { requires_reconfirmation: true } });
    expect(takeAssessment({ ...base, history: ['2026-01-05'], previousLevel: level }).status).toBe('scored');
  });

  it('an instant is read in China time for the daily count', () => {
    const r = takeAssessment({ ...base, history: ['2026-03-10', '2026-03-10'], now: '2026-03-10T16:30:00Z' });
    expect(r.status).toBe('scored');
  });
});
