import type { CausalData } from '../causal/effects/data.js';
import { outcomeLearner, propensityLearner } from '../causal/effects/learners.js';
import type { JobRunner, Nuisances } from '../causal/effects/nuisance.js';
import { fitNuisances } from '../causal/effects/nuisance.js';
import { createRng } from '../random.js';

export type NuisanceOptions = { seed?: number; folds?: number; runner?: JobRunner };

/**
 * Cross-fitted nuisances ê, μ̂₀, μ̂₁ for a 0/1 factor with the estimators' defaults (GBDT outcomes from 1,000
 * rows on, logistic propensity clipped to [0.01, 0.99]), for what-if and per-customer effects.
 */
export const binaryNuisances = (d: CausalData, o: NuisanceOptions = {}): Nuisances => {
  const seed = o.seed ?? 0;
  const kind = d.n >= 1000 ? 'gbdt' : 'linear';
  return fitNuisances(
    d,
    {
      outcome: outcomeLearner(kind, { seed }),
      propensity: propensityLearner('linear', { seed }),
      folds: o.folds ?? 5,
      clip: 0.01,
      rng: createRng(seed),
      ...(o.runner
        ? {
            parallel: {
              runner: o.runner,
              outcome: { kind, params: { seed } },
              propensity: { kind: 'linear' as const, params: { seed } },
            },
          }
        : {}),
    },
    { outcome: true },
  );
};

/**
 * Doubly robust potential-outcome score of each row under do(T = v) (Robins et al. 1994):
 * ψᵢ = μ̂ᵥ(xᵢ) + 1{Tᵢ = v}(Yᵢ − μ̂ᵥ(xᵢ)) / P̂(T = v | xᵢ). Its mean estimates E[Y(v)].
 */
export const potentialOutcomeScores = (d: CausalData, nu: Nuisances, v: 0 | 1): Float64Array =>
  Float64Array.from({ length: d.n }, (_, i) => {
    const mu = v === 1 ? nu.mu1[i]! : nu.mu0[i]!;
    const p = v === 1 ? nu.e[i]! : 1 - nu.e[i]!;
    return mu + (d.t[i] === v ? (d.y[i]! - mu) / p : 0);
  });
