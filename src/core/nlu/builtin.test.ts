import { describe, expect, it } from 'vitest';
import { builtinIntentModel } from './builtin.js';
import { INTENT_CORPUS } from './data/intent-corpus.js';
import { INTENT_HELDOUT } from './data/intent-heldout.js';
import { classificationReport } from './eval-metrics.js';
import { predictIntent } from './intent-model.js';
import { INTENT_IDS } from './types.js';

describe('built-in Chinese intent model', () => {
  const model = builtinIntentModel();

  it('is trained on at least 40 utterances per intent', () => {
    for (const id of INTENT_IDS) expect(INTENT_CORPUS[id].length).toBeGreaterThanOrEqual(40);
    expect(model.labels).toEqual([...INTENT_IDS].sort());
  });

  it('recognises at least 90% of the separately written held-out messages', () => {
    const expected: string[] = [];
    const predicted: string[] = [];
    for (const id of INTENT_IDS) {
      expect(INTENT_HELDOUT[id].length).toBeGreaterThanOrEqual(10);
      for (const text of INTENT_HELDOUT[id]) {
        expected.push(id);
        predicted.push(predictIntent(model, text, 1).intent);
      }
    }
    const report = classificationReport(expected, predicted);
    process.stderr.write(
      `built-in intents, held-out: accuracy ${report.accuracy}, macro-F1 ${report.macro_f1}, n ${report.n}\n`,
    );
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('understands the acceptance message as allocation advice', () => {
    expect(predictIntent(model, '我有50万想三年后给孩子上学用，不想亏钱').intent).toBe('allocation_advice');
  });
});
