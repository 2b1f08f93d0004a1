import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from './default-questionnaire.js';
import { scoreQuestionnaire, type QuestionnaireAnswers } from './questionnaire.js';
import { levelRank } from './types.js';

const all = (option: string): Record<string, string> =>
  Object.fromEntries(DEFAULT_QUESTIONNAIRE.questions.map((q) => [q.id, option]));

describe('default risk questionnaire', () => {
  it('has about twelve questions, each with distinct option ids, and bands that reach the maximum score', () => {
    expect(DEFAULT_QUESTIONNAIRE.questions).toHaveLength(12);
    for (const q of DEFAULT_QUESTIONNAIRE.questions) {
      expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
    }
    const max = DEFAULT_QUESTIONNAIRE.questions.reduce(
      (s, q) => s + Math.max(...q.options.map((o) => o.score)),
      0,
    );
    expect(DEFAULT_QUESTIONNAIRE.bands.at(-1)?.maxScore).toBe(max);
  });

  it('an aggressive profile scores C5, states a long horizon and its product experience', () => {
    const answers = { ...all('D'), Q1: 'B', Q5: 'E', Q6: ['B', 'D', 'E'], Q9: 'E' };
    const r = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, answers);
    expect(r.level).toBe('C5');
    expect(r.lowest_category).toBe(false);
    expect(r.horizon_months).toBe(120);
    expect(r.experienced_product_types).toContain('structured');
    expect(r.score).toBeGreaterThan(90);
  });

  it('"cannot bear any loss" puts the investor in the lowest category, C1, whatever the score', () => {
    const r = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, {
      ...all('D'),
      Q1: 'B',
      Q5: 'E',
      Q6: ['E'],
      Q9: 'A',
    });
    expect(r.level_from_score).not.toBe('C1');
    expect([r.level, r.lowest_category, r.capped_by]).toEqual(['C1', true, ['Q9']]);
  });

  it('a loss tolerance of at most 5% caps the level at C2', () => {
    const r = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, {
      ...all('D'),
      Q1: 'B',
      Q5: 'E',
      Q6: ['E'],
      Q9: 'B',
    });
    expect([r.level, r.capped_by]).toEqual(['C2', ['Q9']]);
  });

  it('a missing answer is refused, naming the question and the valid options', () => {
    const { Q7: _q7, ...answers } = all('A');
    expect(() => scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, answers)).toThrow(
      /answers\.Q7: missing answer to question Q7.*A, B, C, D/,
    );
  });

  it('an invalid option, several answers to a single-choice question and unknown questions are refused', () => {
    expect(() => scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, { ...all('A'), Q2: 'Z' })).toThrow(
      /answers\.Q2: "Z" is not an option/,
    );
    expect(() => scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, { ...all('A'), Q2: ['A', 'B'] })).toThrow(
      /answers\.Q2: question Q2 takes one answer/,
    );
    expect(() => scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, { ...all('A'), Q99: 'A' })).toThrow(
      /answers\.Q99: unknown question/,
    );
    expect(() => scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, { ...all('A'), Q6: [] })).toThrow(
      /answers\.Q6: missing answer/,
    );
  });

  it('a malformed institution questionnaire is refused, naming the field', () => {
    const dup = {
      ...DEFAULT_QUESTIONNAIRE,
      questions: [DEFAULT_QUESTIONNAIRE.questions[0]!, DEFAULT_QUESTIONNAIRE.questions[0]!],
    };
    expect(() => scoreQuestionnaire(dup, { Q1: 'A' })).toThrow(/questionnaire\.questions\[1\]\.id/);
    const bands = {
      ...DEFAULT_QUESTIONNAIRE,
      bands: [
        { level: 'C1', maxScore: 50 },
        { level: 'C2', maxScore: 40 },
      ],
    } as const;
    expect(() => scoreQuestionnaire(bands, all('A'))).toThrow(/questionnaire\.bands\[1\]/);
  });

  it('property: more points never give a lower level from the score, and caps only lower the level', () => {
    const qs = DEFAULT_QUESTIONNAIRE.questions;
    const arbAnswers = fc.tuple(...qs.map((q) => fc.constantFrom(...q.options.map((o) => o.id))));
    fc.assert(
      fc.property(arbAnswers, arbAnswers, (a, b) => {
        const toAnswers = (ids: string[]): QuestionnaireAnswers =>
          Object.fromEntries(qs.map((q, k) => [q.id, ids[k]!]));
        const ra = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, toAnswers(a));
        const rb = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, toAnswers(b));
        if (ra.score <= rb.score)
          expect(levelRank(ra.level_from_score)).toBeLessThanOrEqual(levelRank(rb.level_from_score));
        expect(levelRank(ra.level)).toBeLessThanOrEqual(levelRank(ra.level_from_score));
        expect(ra.score).toBeLessThanOrEqual(ra.max_score);
      }),
      { numRuns: 200 },
    );
  });
});
