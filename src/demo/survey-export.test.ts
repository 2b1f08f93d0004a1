import { describe, expect, it } from 'vitest';
import { parseSurveyRows } from '../core/insight/survey.js';
import { exportGeneratedSurveys, SURVEY_COLUMNS } from './survey-export.js';
import { buildBankContext, generateBundle } from './bank.js';

describe('demo survey generator', () => {
  const opts = { customers: 300, seed: 3, asOf: '2026-10-30' };
  const file = exportGeneratedSurveys(opts);

  it('is deterministic and writes the import format', () => {
    expect(exportGeneratedSurveys(opts)).toEqual(file);
    expect(file.columns).toEqual([...SURVEY_COLUMNS]);
    expect(file.rows.length).toBeGreaterThan(20);
  });

  it('answers only for subscribers, during a subscription year started by the response date, on or before the bank date', () => {
    const ctx = buildBankContext(opts.seed, opts.asOf);
    const starts = new Map<number, string[]>();
    for (let i = 0; i < opts.customers; i++) {
      const b = generateBundle(ctx, i);
      starts.set(
        b.customer.id,
        b.subscriptions.map((s) => s.startDate),
      );
    }
    const parsed = parseSurveyRows([file.columns, ...file.rows.map((r) => r.map(String))], {
      knownCustomer: (id) => starts.has(id),
      today: opts.asOf,
    });
    expect(parsed.errors).toEqual([]);
    for (const r of parsed.responses)
      expect(starts.get(r.customer_id)!.some((d) => d <= r.response_date)).toBe(true);
  });
});
