import { describe, expect, it } from 'vitest';
import { REVIEW_CONFIDENCE, retrainExamples, reviewReason } from './review.js';

describe('learning loop rules', () => {
  it('queues not-understood and out-of-scope messages as unanswered, unsure ones as low confidence', () => {
    const turn = { typed: true, intent: 'fees', confidence: 0.9, events: [] as string[] };
    expect(reviewReason(turn)).toBeNull();
    expect(reviewReason({ ...turn, events: ['not_understood'] })).toBe('unanswered');
    expect(reviewReason({ ...turn, intent: 'out_of_scope' })).toBe('unanswered');
    expect(reviewReason({ ...turn, confidence: REVIEW_CONFIDENCE - 0.01 })).toBe('low_confidence');
    expect(reviewReason({ ...turn, confidence: REVIEW_CONFIDENCE })).toBeNull();
    // A tap on a quick reply is never reviewed: its meaning is known.
    expect(reviewReason({ ...turn, typed: false, events: ['not_understood'] })).toBeNull();
  });

  it('adds labelled texts, relabels a base text ops corrected, and drops unknown intents', () => {
    const base = [
      { text: '手续费多少', label: 'fees' },
      { text: '你好', label: 'greeting' },
    ];
    const out = retrainExamples(base, [
      { text: ' 你好 ', label: 'chitchat' },
      { text: '躺平存钱', label: 'sip_plan' },
      { text: '乱写', label: 'no_such_intent' },
    ]);
    expect(out).toEqual([
      { text: '手续费多少', label: 'fees' },
      { text: '你好', label: 'chitchat' },
      { text: '躺平存钱', label: 'sip_plan' },
    ]);
  });
});
