import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { profitCurve, targetingList, upliftByBin } from './targeting.js';
import type { UpliftData } from './uplift.js';
import { causalmlScores, skliftQiniAuc, skliftUpliftAtK, skliftUpliftAuc } from './uplift.js';

/** 500 rows, heterogeneous effect, scores rounded to 0.1 so that ties occur (as in bench/peers). */
const sample = (): UpliftData => {
  const rng = createRng(5);
  const score: number[] = [];
  const treatment: number[] = [];
  const outcome: number[] = [];
  for (let i = 0; i < 500; i++) {
    const x = rng.normal();
    const w = rng.next() < 0.5 ? 1 : 0;
    const tau = 0.2 * (x > 0 ? 1 : -0.5);
    const y = rng.next() < 0.3 + w * tau ? 1 : 0;
    score.push(Math.round((x + 0.8 * rng.normal()) * 10) / 10);
    treatment.push(w);
    outcome.push(y);
  }
  return {
    score: Float64Array.from(score),
    treatment: Float64Array.from(treatment),
    outcome: Float64Array.from(outcome),
  };
};

describe('uplift metrics in the causalml and scikit-uplift conventions', () => {
  it('reproduce the peer values (bench/peers/uplift_peer.py, the libraries’ definitions in numpy/pandas)', () => {
    const d = sample();
    const cm = causalmlScores(d);
    expect(cm.auuc).toBeCloseTo(0.7981743497821079, 12);
    expect(cm.qini).toBeCloseTo(0.3621058075186287, 12);
    expect(skliftQiniAuc(d)).toBeCloseTo(0.0802966626822985, 12);
    expect(skliftUpliftAuc(d)).toBeCloseTo(0.06817563069457742, 12);
    expect(skliftUpliftAtK(d, 0.3)).toBeCloseTo(0.14385901816220104, 12);
  });

  it('the perfect ordering scores 1 in scikit-uplift (Qini and uplift curve)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 1 }),
            fc.integer({ min: 0, max: 1 }),
            fc.double({ min: -1, max: 1, noNaN: true }),
          ),
          {
            minLength: 8,
            maxLength: 60,
          },
        ),
        (rows) => {
          const t = Float64Array.from(rows, (r) => r[0]);
          const y = Float64Array.from(rows, (r) => r[1]);
          if (t.every((v) => v === 1) || t.every((v) => v === 0)) return;
          const perfect = y.map((v, i) => v * t[i]! - v * (1 - t[i]!));
          const dPerfect = { score: perfect, treatment: t, outcome: y };
          const qPerfect = skliftQiniAuc(dPerfect);
          if (!Number.isFinite(qPerfect)) return; // zero perfect area: undefined, as in sklift
          expect(qPerfect).toBeCloseTo(1, 12);
          // sklift's perfect uplift ordering: 2·[y = t] + (y when control responders outnumber treated
          // non-responders, else t).
          let cr = 0;
          let tn = 0;
          y.forEach((v, i) => {
            if (v === 1 && t[i] === 0) cr++;
            if (v === 0 && t[i] === 1) tn++;
          });
          const best = y.map((v, i) => 2 * (v === t[i] ? 1 : 0) + (cr > tn ? v : t[i]!));
          const u = skliftUpliftAuc({ score: best, treatment: t, outcome: y });
          if (Number.isFinite(u)) expect(u).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uplift by decile sums back to the whole sample and the profit curve starts at zero', () => {
    const d = sample();
    const bins = upliftByBin(d, 10);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(500);
    expect(bins[0]!.mean_score).toBeGreaterThan(bins[9]!.mean_score);
    const curve = profitCurve(d, 100, 5, 10);
    expect(curve[0]).toEqual({ targeted: 0, fraction: 0, incremental: 0, profit: 0 });
    expect(curve.at(-1)!.targeted).toBe(500);
  });

  it('targeting list respects the budget and stops when a contact no longer pays', () => {
    const score = Float64Array.from([0.5, 0.01, 0.2, 0.3, -0.1]);
    const list = targetingList(score, 100, 10, 25); // at most 2 contacts; profitable when score > 0.1
    expect(list.map((c) => c.index)).toEqual([0, 3]);
    expect(targetingList(score, 100, 10, 1000).map((c) => c.index)).toEqual([0, 3, 2]);
  });
});
