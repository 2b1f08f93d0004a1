import { applyOneHot } from './dataset.js';
import type { TabularModel } from './tabular.js';
import { treeShap } from './treeshap.js';

export type Reason = { feature: string; contribution: number };

/** Per-row feature contributions on the log-odds scale, one value per schema feature. */
export const contributions = (m: TabularModel, x: Float64Array, n: number): Float64Array => {
  const p = m.schema.features.length;
  if (m.kind === 'gbdt') {
    return dropBaseColumn(treeShap(m.gbdt, x, n), n, p);
  }
  // Linear model: β_j·(z_j − 0) on standardised columns is the exact SHAP value with independent features
  // and the training mean as baseline; one-hot columns add up to their source feature.
  const z = applyOneHot(m.schema, m.onehot, x, n);
  const q = m.onehot.names.length;
  const owner: number[] = [];
  m.schema.features.forEach((f, j) => {
    const width = f.kind === 'categorical' ? f.categories.length : 1;
    for (let k = 0; k < width; k++) owner.push(j);
  });
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < q; c++) {
      const zs = (z[i * q + c]! - m.std.mean[c]!) / m.std.sd[c]!;
      const j = owner[c]!;
      out[i * p + j] = out[i * p + j]! + m.coef[c + 1]! * zs;
    }
  }
  return out;
};

const label = (m: TabularModel, j: number, v: number): string => {
  const f = m.schema.features[j]!;
  if (Number.isNaN(v)) return `${f.name}=(missing)`;
  return f.kind === 'categorical' ? `${f.name}=${f.categories[v] ?? '?'}` : `${f.name}=${v}`;
};

/** Drops the base-value column of a TreeSHAP matrix: n×(p+1) → n×p. */
export const dropBaseColumn = (shap: Float64Array, n: number, p: number): Float64Array => {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) out.set(shap.subarray(i * (p + 1), i * (p + 1) + p), i * p);
  return out;
};

/**
 * The K largest contributions by absolute value for each row, labelled "feature=value". `precomputed` (n×p)
 * lets a caller supply contributions computed elsewhere (e.g. TreeSHAP on worker threads).
 */
export const explainRows = (
  m: TabularModel,
  x: Float64Array,
  n: number,
  k: number,
  precomputed?: Float64Array,
): Reason[][] => {
  const p = m.schema.features.length;
  const phi = precomputed ?? contributions(m, x, n);
  const out: Reason[][] = [];
  const idx = Array.from({ length: p }, (_, j) => j);
  for (let i = 0; i < n; i++) {
    const top = [...idx].sort((a, b) => Math.abs(phi[i * p + b]!) - Math.abs(phi[i * p + a]!)).slice(0, k);
    out.push(top.map((j) => ({ feature: label(m, j, x[i * p + j]!), contribution: phi[i * p + j]! })));
  }
  return out;
};
