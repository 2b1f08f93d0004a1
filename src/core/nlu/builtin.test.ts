import { describe, expect, it } from 'vitest';
import { builtinIntentModel } from './builtin.js';
import { INTENT_CORPUS } from './data/intent-corpus.js';
import { INTENT_EVAL } from './data/eval/intent-eval.js';
import { classificationReport } from './eval-metrics.js';
import { predictIntent } from './intent-model.js';
import { INTENT_IDS } from './types.js';

describe('built-in Chinese intent model', () => {
  const model = builtinIntentModel();

  it('is trained on at least 40 utterances per intent', () => {
    for (const id of INTENT_IDS) expect(INTENT_CORPUS[id].length).toBeGreaterThanOrEqual(40);
    expect(model.labels).toEqual([...INTENT_IDS].sort());
  });

  it('recognises at least 90% of the frozen evaluation messages (never trained on)', () => {
    const expected: string[] = [];
    const predicted: string[] = [];
    for (const id of INTENT_IDS) {
      for (const text of INTENT_EVAL[id]) {
        expected.push(id);
        predicted.push(predictIntent(model, text, 1).intent);
      }
    }
    const report = classificationReport(expected, predicted);
    process.stderr.write(
      `built-in intents, frozen eval: accuracy ${report.accuracy}, macro-F1 ${report.macro_f1}, n ${report.n}\n`,
    );
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('understands the acceptance message as allocation advice', () => {
    expect(predictIntent(model, '我有50万想三年后给孩子上学用，不想亏钱').intent).toBe('allocation_advice');
  });

  it('reads an elliptical follow-up in the context of the previous intent', () => {
    const alone = predictIntent(model, '那C类呢', 3);
    const after = predictIntent(model, '那C类呢', 3, { previousIntent: 'fees' });
    expect(after.intent).toBe('fees');
    const p = (r: typeof alone): number =>
      r.intent === 'fees' ? r.confidence : (r.alternatives.find((a) => a.intent === 'fees')?.confidence ?? 0);
    expect(p(after)).toBeGreaterThan(p(alone));
    // A clear message keeps its own intent whatever came before.
    expect(predictIntent(model, '帮我转人工客服', 1, { previousIntent: 'fees' }).intent).toBe(
      'human_handoff',
    );
  });
});
