import { describe, expect, it } from 'vitest';
import { classificationReport, kbReport } from './eval-metrics.js';

describe('classification report', () => {
  it('matches scikit-learn on a small case', () => {
    // sklearn: accuracy 0.6, f1_score(average='macro') = mean(0.6667, 0.6667, 0.5) = 0.6111
    const r = classificationReport(['a', 'a', 'b', 'b', 'c'], ['a', 'b', 'b', 'c', 'c']);
    expect(r.accuracy).toBe(0.6);
    expect(r.per_label.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, n: 2 });
    expect(r.per_label.c).toEqual({ precision: 0.5, recall: 1, f1: 0.6667, n: 1 });
    expect(r.macro_f1).toBe(0.6111);
    expect(r.confusions).toEqual([
      { expected: 'a', predicted: 'b', count: 1 },
      { expected: 'b', predicted: 'c', count: 1 },
    ]);
  });
});

describe('KB report', () => {
  it('scores top-1, MRR, recall@5 and the precision and recall of "no match"', () => {
    const r = kbReport([
      { expected: 'k1', answer: 'k1', ranked: ['k1', 'k2'] },
      { expected: 'k2', answer: 'k1', ranked: ['k1', 'k2'] },
      { expected: 'none', answer: 'none', ranked: ['k3'] },
      { expected: 'k4', answer: 'none', ranked: ['k5'] },
    ]);
    expect(r).toEqual({
      top1: 0.5,
      mrr: 0.625,
      recall_at_5: 0.75,
      n: 4,
      none_precision: 0.5,
      none_recall: 1,
    });
  });
});
