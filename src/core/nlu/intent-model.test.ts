import { describe, expect, it } from 'vitest';
import { intentModelFromJson, intentModelToJson } from './intent-model-json.js';
import {
  intentProbabilities,
  predictIntent,
  retrainIntentModel,
  trainIntentModel,
  type IntentExample,
} from './intent-model.js';

const FIXTURE: IntentExample[] = [
  ...[
    'how do i reset my password',
    'forgot my password',
    'password reset please',
    'cannot log in password',
  ].map((text) => ({ text, label: 'password' })),
  ...[
    'my card has not arrived',
    'card still not delivered',
    'when will my card arrive',
    'card delivery status',
  ].map((text) => ({ text, label: 'card_arrival' })),
  ...[
    'what is the exchange rate',
    'exchange rate for euros',
    'currency rate today',
    'how much is a dollar in euro',
  ].map((text) => ({ text, label: 'exchange_rate' })),
];

describe('intent model', () => {
  const model = trainIntentModel(FIXTURE, { outOfScopeLabel: null });

  it('classifies paraphrases of its training intents', () => {
    expect(predictIntent(model, 'I forgot the password').intent).toBe('password');
    expect(predictIntent(model, 'has my new card arrived yet?').intent).toBe('card_arrival');
    expect(predictIntent(model, 'euro exchange rate').intent).toBe('exchange_rate');
  });

  it('gives probabilities that sum to one and ranks alternatives by confidence', () => {
    const p = intentProbabilities(model, 'reset password');
    expect([...p].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const pred = predictIntent(model, 'reset password', 3);
    expect(pred.alternatives).toHaveLength(2);
    expect(pred.confidence).toBeGreaterThanOrEqual(pred.alternatives[0]!.confidence);
    expect(pred.alternatives[0]!.confidence).toBeGreaterThanOrEqual(pred.alternatives[1]!.confidence);
  });

  it('is deterministic for a given seed', () => {
    const again = trainIntentModel(FIXTURE, { outOfScopeLabel: null });
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
  });

  it('round-trips through JSON with the same predictions (float32 weights)', () => {
    const loaded = intentModelFromJson(JSON.parse(JSON.stringify(intentModelToJson(model))));
    for (const t of ['reset password', 'card not here', 'dollar rate']) {
      const a = predictIntent(model, t);
      const b = predictIntent(loaded, t);
      expect(b.intent).toBe(a.intent);
      expect(b.confidence).toBeCloseTo(a.confidence, 3);
    }
  });

  it('rejects a file that is not a model, naming the field', () => {
    expect(() => intentModelFromJson({ format: 'x' })).toThrow(/model/);
    const doc = intentModelToJson(model);
    expect(() => intentModelFromJson({ ...doc, weights: 'AAAA' })).toThrow(/weights/);
  });

  it('retrains with added examples and learns a new intent', () => {
    const added = [
      'i want to close my account',
      'close account please',
      'delete my account',
      'shut down my account',
    ];
    const bigger = retrainIntentModel(
      model,
      added.map((text) => ({ text, label: 'close_account' })),
    );
    expect(bigger.labels).toContain('close_account');
    expect(predictIntent(bigger, 'please close my account').intent).toBe('close_account');
  });

  it('answers the out-of-scope label under the confidence threshold', () => {
    const withOos = trainIntentModel(
      [...FIXTURE, ...['tell me a joke', 'what is the weather'].map((text) => ({ text, label: 'oos' }))],
      { outOfScopeLabel: 'oos', threshold: 0.99 },
    );
    expect(predictIntent(withOos, 'forgot my password').intent).toBe('oos');
  });

  it('refuses a single-label training set', () => {
    expect(() => trainIntentModel([{ text: 'a', label: 'x' }])).toThrow(/two labels/);
  });
});
