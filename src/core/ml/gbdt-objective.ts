import { sigmoid } from './linear.js';

export type GbdtObjective = 'binary' | 'l2';

/**
 * Gradient and hessian of the loss at the current scores for rows [from, to): binary log loss on the logit
 * (g = w(p − y), h = w·p(1 − p), floored at 1e-16) or squared error (g = w(s − y), h = w). Rows are
 * independent, so threads may each take a range.
 */
export const gradientRange = (
  obj: GbdtObjective,
  y: Float64Array,
  s: Float64Array,
  w: Float64Array | undefined,
  grad: Float64Array,
  hess: Float64Array,
  from: number,
  to: number,
): void => {
  if (obj === 'binary') {
    for (let i = from; i < to; i++) {
      const p = sigmoid(s[i]!);
      const wi = w ? w[i]! : 1;
      grad[i] = wi * (p - y[i]!);
      hess[i] = wi * Math.max(p * (1 - p), 1e-16);
    }
  } else {
    for (let i = from; i < to; i++) {
      const wi = w ? w[i]! : 1;
      grad[i] = wi * (s[i]! - y[i]!);
      hess[i] = wi;
    }
  }
};
