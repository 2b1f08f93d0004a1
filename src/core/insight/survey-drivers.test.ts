import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { datasetCollector } from './dataset.js';
import { FACTORS } from './factors.js';
import { surveyDrivers, withWithoutSurvey } from './survey-drivers.js';
import { SURVEY_TOPICS } from './survey-topics.js';

/**
 * Synthetic respondents: a latent u (engagement) drives sessions, renewal and NPS; sessions have no effect on
 * renewal; a CSAT item moves NPS by a planted 0.8 a point; given the item, NPS is a near-perfect proxy of u (noise
 * 0.1), so adjusting for the survey measures removes the confounding. Other factors are noise.
 */
const synthetic = (n: number, seed: number) => {
  const rng = createRng(seed);
  const c = datasetCollector();
  const nps: number[] = [];
  const csatA: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.normal();
    const values: Record<string, number> = {};
    for (const f of FACTORS) values[f.key] = f.kind === 'binary' ? (rng.next() < 0.5 ? 1 : 0) : rng.normal();
    values.sessions_per_month = 3 + u + 0.5 * rng.normal();
    values.list_price_yuan = values.price! * 100;
    const renew = rng.next() < 1 / (1 + Math.exp(-1.2 * u)) ? 1 : 0;
    const a = 1 + rng.int(5);
    csatA.push(a);
    nps.push(4 + 1.5 * u + 0.8 * a + 0.1 * rng.normal());
    c.add({ customerId: i + 1, decisionId: i + 1, date: '2026-06-30', values, y: renew });
  }
  return { d: c.finish(), nps: Float64Array.from(nps), csatA: Float64Array.from(csatA) };
};

describe('survey drivers (synthetic, planted)', () => {
  it('survey measures in the adjustment set move a confounded estimate toward its truth (0)', () => {
    const { d, nps, csatA } = synthetic(900, 5);
    const w = withWithoutSurvey(d, { nps, csatMean: csatA, sentiment: new Float64Array(d.n) }, { seed: 1 });
    const s = w.rows.find((r) => r.factor === 'sessions_per_month')!;
    expect(w.n).toBe(900);
    expect(s.without!.ci_low).toBeGreaterThan(0);
    expect(s.with!.ci_low).toBeLessThan(0);
    expect(s.with!.ci_high).toBeGreaterThan(0);
    expect(Math.abs(s.with!.estimate)).toBeLessThan(Math.abs(s.without!.estimate) / 2);
  });

  it('recovers a planted CSAT coefficient and names an item without variation', () => {
    const { d, nps, csatA } = synthetic(800, 9);
    const negative = Object.fromEntries(SURVEY_TOPICS.map((t) => [t.key, new Float64Array(d.n)]));
    const r = surveyDrivers(
      {
        factors: d,
        survey: { nps, csat: { csat_a: csatA }, sentiment: new Float64Array(d.n), negative },
      },
      null,
      { seed: 1 },
    );
    const a = r.satisfaction.find((x) => x.key === 'csat_a')!;
    expect(a.ci_low! < 0.8 && 0.8 < a.ci_high!).toBe(true);
    expect(r.satisfaction.find((x) => x.key === 'negative_app')).toMatchObject({
      status: 'insufficient_evidence',
      estimate: null,
    });
    expect(r.detractors).toHaveLength(r.satisfaction.length);
    expect(r.with_without.rows).toEqual([]);
  });

  it('refuses fewer than 20 responses', () => {
    const { d, nps, csatA } = synthetic(10, 1);
    expect(() =>
      surveyDrivers(
        {
          factors: d,
          survey: { nps, csat: { csat_a: csatA }, sentiment: new Float64Array(10), negative: {} },
        },
        null,
      ),
    ).toThrow(/at least 20/);
  });
});
