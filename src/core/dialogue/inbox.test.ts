import { describe, expect, it } from 'vitest';
import type { AlertType } from '../advisory/alerts/types.js';
import { builtinIntentModel } from '../nlu/builtin.js';
import { predictIntent } from '../nlu/intent-model.js';
import { FOLLOW_UPS, followUpsOf } from './inbox.js';

// Every alert type (a new one fails to compile here until it is listed).
const ALERT_TYPES: Record<AlertType, true> = {
  nav_swing: true,
  take_profit: true,
  stop_loss: true,
  holding_drawdown: true,
  maturity_upcoming: true,
  assessment_expiring: true,
  assessment_expired: true,
};

describe('proactive inbox follow-ups', () => {
  const model = builtinIntentModel();

  it('each follow-up text starts the flow it is labelled for (the built-in language engine agrees)', () => {
    for (const f of Object.values(FOLLOW_UPS)) expect(predictIntent(model, f.value, 1).intent).toBe(f.intent);
  });

  it('every alert type offers at least one follow-up; a price alert offers the decomposition first', () => {
    for (const t of Object.keys(ALERT_TYPES)) expect(followUpsOf(t).length).toBeGreaterThan(0);
    expect(followUpsOf('stop_loss')[0]?.value).toBe(FOLLOW_UPS.why_falling.value);
    expect(followUpsOf('assessment_expired').map((f) => f.value)).toEqual([FOLLOW_UPS.assessment.value]);
    expect(followUpsOf('unknown_kind').map((f) => f.value)).toContain(FOLLOW_UPS.handoff.value);
  });
});
