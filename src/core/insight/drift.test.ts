import { describe, expect, it } from 'vitest';
import {
  binOf,
  driftLevel,
  effectChanges,
  factorDrift,
  factorProfile,
  psi,
  psiAgainst,
  rankChanges,
} from './drift.js';

describe('population stability index', () => {
  it('matches the hand-computed value: shares .5/.3/.2 → .3/.3/.4 give 0.2·ln(5/3) + 0.2·ln 2 = 0.24079', () => {
    // (0.3 − 0.5)·ln(0.3/0.5) + 0 + (0.4 − 0.2)·ln(0.4/0.2) = 0.1021651 + 0.1386294
    expect(psi([50, 30, 20], [30, 30, 40])).toBeCloseTo(0.2407946, 6);
    expect(psi([30, 30, 40], [50, 30, 20])).toBeCloseTo(0.2407946, 6);
  });

  it('is 0 for the same shares whatever the sizes, and uses the epsilon for an emptied bin', () => {
    expect(psi([10, 20, 70], [100, 200, 700])).toBeCloseTo(0, 12);
    // shares .5/.5 → 1/0: (0.5)·ln(1/.5) + (1e-4 − .5)·ln(1e-4/.5)
    const expected = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    expect(psi([5, 5], [10, 0])).toBeCloseTo(expected, 9);
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same bins/);
  });

  it('profiles on deciles of the data: 1..10 gives cut points 1..9 and one value a bin; a 0/1 factor cuts at 0 and 1', () => {
    const p = factorProfile(Float64Array.from({ length: 10 }, (_, i) => i + 1));
    expect(p.edges).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p.counts).toEqual(new Array(10).fill(1));
    const b = factorProfile([0, 0, 0, 1, Number.NaN]);
    expect(b.edges).toEqual([0, 1]);
    expect(b.counts).toEqual([3, 1, 0]);
    expect(b.missing).toBe(1);
    expect(binOf([0, 1], -5)).toBe(0);
    expect(binOf([0, 1], 0.5)).toBe(1);
    expect(binOf([0, 1], 2)).toBe(2);
  });

  it('flags a shifted factor against its stored profile and leaves an unchanged one stable', () => {
    const base = Float64Array.from({ length: 1000 }, (_, i) => i % 100);
    const prev = { x: factorProfile(base), y: factorProfile(base) };
    // x: the same distribution; y: every value moved up by 50 (half the mass leaves the top bins' range).
    const drift = factorDrift(prev, [
      { factor: 'x', values: base },
      { factor: 'y', values: base.map((v) => v + 50) },
      { factor: 'z', values: base },
    ]);
    expect(drift.map((d) => d.factor)).toEqual(['y', 'x']);
    expect(drift[0]!.level).toBe('major');
    expect(drift[1]!.psi).toBeCloseTo(0, 12);
    expect(drift[1]!.level).toBe('stable');
    // 0/1 factor: share of ones 30 % → 50 %: hand value (.5−.7)ln(.5/.7) + (.5−.3)ln(.5/.3) = 0.16946
    const ones = (k: number) => Float64Array.from({ length: 100 }, (_, i) => (i < k ? 1 : 0));
    expect(psiAgainst(factorProfile(ones(30)), ones(50))).toBeCloseTo(
      -0.2 * Math.log(5 / 7) + 0.2 * Math.log(5 / 3),
      9,
    );
    expect(driftLevel(0.16946)).toBe('moderate');
  });
});

describe('changed drivers', () => {
  const e = (
    factor: string,
    ate: number | null,
    lo: number | null,
    hi: number | null,
    status = 'estimated',
  ) => ({
    factor,
    status,
    ate,
    ci_low: lo,
    ci_high: hi,
  });

  it('reports CIs that no longer overlap, a sign change outside noise and a status change; overlapping CIs are no news', () => {
    const before = [
      e('coupon', 0.2, 0.15, 0.25),
      e('price', -0.02, -0.03, -0.01),
      e('sessions', 0.01, -0.01, 0.03),
      e('live', 0.1, 0.05, 0.15),
      e('rm', 0.05, 0.0, 0.1),
    ];
    const after = [
      e('coupon', 0.05, 0.01, 0.09),
      e('price', 0.01, 0.0, 0.02),
      e('sessions', -0.01, -0.03, 0.01),
      e('live', 0.12, 0.07, 0.17),
      e('rm', null, null, null, 'insufficient_evidence'),
    ];
    const changes = effectChanges(before, after);
    expect(changes.map((c) => [c.factor, c.kind])).toEqual([
      ['coupon', 'ci_no_overlap'],
      ['price', 'sign_change'],
      ['rm', 'status_change'],
    ]);
  });

  it('reports importance ranks that moved by 3 or more places within the top 5', () => {
    const f = (...names: string[]) => names.map((factor) => ({ factor }));
    const changes = rankChanges(f('a', 'b', 'c', 'd', 'e', 'f', 'g'), f('e', 'a', 'b', 'c', 'd', 'f', 'g'));
    expect(changes).toEqual([{ factor: 'e', kind: 'rank_change', before: { rank: 5 }, after: { rank: 1 } }]);
    expect(rankChanges(f('a', 'b', 'c'), f('a', 'b', 'c'))).toEqual([]);
  });
});
