import { AppError } from '../errors.js';
import { predictGbdtRaw, treeShap } from '../ml/index.js';
import type { InsightDataset } from './dataset.js';
import { decidedRows, designMatrix, subsetDataset } from './dataset.js';
import { importanceModel } from './study.js';

export type CustomerShap = {
  customer_id: number;
  /** The decision the row describes (its date) and whether it is still to be decided. */
  date: string;
  pending: boolean;
  /** E[f]: the model's mean raw margin (log-odds), the waterfall's start. */
  base: number;
  /** f(x): the customer's raw margin (log-odds) = base + Σ shap. */
  margin: number;
  probability: number;
  contributions: Array<{ factor: string; value: number; shap: number }>;
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * One customer's SHAP waterfall (Lundberg et al. 2020, TreeSHAP): the study's importance GBDT (outcome on every
 * factor, fitted on the decided rows with the study's seed) explains the customer's latest row — the one still to
 * decide when there is one (`target`, the scoring population), else their latest decided row. Contributions are on
 * the log-odds scale, sorted by |φ|; base + Σφ = the customer's margin (local accuracy). Predictive, not causal.
 */
export const customerShap = (
  all: InsightDataset,
  target: InsightDataset | null,
  customerId: number,
  seed = 0,
): CustomerShap => {
  const train = subsetDataset(all, decidedRows(all));
  if (train.n < 20) throw new AppError('INSUFFICIENT_EVIDENCE', `only ${train.n} decided rows`);
  const latest = (d: InsightDataset): number => {
    let best = -1;
    d.customerIds.forEach((c, i) => {
      if (c === customerId && (best < 0 || d.dates[i]! >= d.dates[best]!)) best = i;
    });
    return best;
  };
  const tRow = target ? latest(target) : -1;
  const [src, row] = tRow >= 0 ? [target!, tRow] : [train, latest(train)];
  if (row < 0)
    throw new AppError('NOT_FOUND', `customer ${customerId} has no decision in this study`, {
      field: 'customerId',
    });
  const model = importanceModel(train, designMatrix(train, train.names), seed);
  const x = designMatrix(src, train.names, [row]);
  const p = train.names.length;
  const phi = treeShap(model, x, 1);
  const margin = predictGbdtRaw(model, x, 1)[0]!;
  const contributions = train.names
    .map((factor, j) => ({ factor, value: x[j]!, shap: phi[j]! }))
    .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  return {
    customer_id: customerId,
    date: src.dates[row]!,
    pending: src === target,
    base: phi[p]!,
    margin,
    probability: sigmoid(margin),
    contributions,
  };
};
