import { FACTORS } from './factors.js';

/**
 * One row per decision, every factor as of its decision date (column-major Float64Arrays in FACTORS order).
 * `y` is the outcome (0/1; NaN for rows still to be decided, e.g. the scoring population).
 */
export type InsightDataset = {
  names: string[];
  n: number;
  cols: Float64Array[];
  y: Float64Array;
  customerIds: number[];
  decisionIds: number[];
  dates: string[];
  /** Latent generator columns (demo only) for the oracle comparison; never used as factors. */
  oracle?: { engagement: Float64Array; price_sensitivity: Float64Array };
};

/** A decision row as the builder reads it: identifiers, factor values keyed by factor key, outcome. */
export type DecisionRow = {
  customerId: number;
  decisionId: number;
  date: string;
  values: Record<string, number>;
  y: number;
  oracle?: { engagement: number; price_sensitivity: number };
};

/** Collects rows batch by batch into growable columns (memory: one number per factor per decision). */
export const datasetCollector = () => {
  const names = FACTORS.map((x) => x.key);
  const cols: number[][] = names.map(() => []);
  const y: number[] = [];
  const customerIds: number[] = [];
  const decisionIds: number[] = [];
  const dates: string[] = [];
  const eng: number[] = [];
  const ps: number[] = [];
  return {
    add(r: DecisionRow): void {
      names.forEach((k, j) => cols[j]!.push(r.values[k] ?? Number.NaN));
      y.push(r.y);
      customerIds.push(r.customerId);
      decisionIds.push(r.decisionId);
      dates.push(r.date);
      if (r.oracle) {
        eng.push(r.oracle.engagement);
        ps.push(r.oracle.price_sensitivity);
      }
    },
    finish(): InsightDataset {
      return {
        names,
        n: y.length,
        cols: cols.map((c) => Float64Array.from(c)),
        y: Float64Array.from(y),
        customerIds,
        decisionIds,
        dates,
        ...(eng.length === y.length && y.length > 0
          ? { oracle: { engagement: Float64Array.from(eng), price_sensitivity: Float64Array.from(ps) } }
          : {}),
      };
    },
  };
};

/** Row-major design matrix of the named columns (what the learners take). */
export const designMatrix = (
  d: InsightDataset,
  keys: readonly string[],
  rows?: readonly number[],
): Float64Array => {
  const idx = keys.map((k) => {
    const j = d.names.indexOf(k);
    if (j < 0) throw new Error(`unknown column ${k}`);
    return j;
  });
  const r = rows ?? Array.from({ length: d.n }, (_, i) => i);
  const p = idx.length;
  const x = new Float64Array(r.length * p);
  r.forEach((i, k) => idx.forEach((j, c) => (x[k * p + c] = d.cols[j]![i]!)));
  return x;
};

/** The column of a factor. */
export const column = (d: InsightDataset, key: string): Float64Array => {
  const j = d.names.indexOf(key);
  if (j < 0) throw new Error(`unknown column ${key}`);
  return d.cols[j]!;
};

/** The rows (indices) whose outcome is known. */
export const decidedRows = (d: InsightDataset): number[] => {
  const out: number[] = [];
  for (let i = 0; i < d.n; i++) if (!Number.isNaN(d.y[i]!)) out.push(i);
  return out;
};

/** A dataset restricted to some rows (same columns). */
export const subsetDataset = (d: InsightDataset, rows: readonly number[]): InsightDataset => ({
  names: d.names,
  n: rows.length,
  cols: d.cols.map((c) => Float64Array.from(rows, (i) => c[i]!)),
  y: Float64Array.from(rows, (i) => d.y[i]!),
  customerIds: rows.map((i) => d.customerIds[i]!),
  decisionIds: rows.map((i) => d.decisionIds[i]!),
  dates: rows.map((i) => d.dates[i]!),
  ...(d.oracle
    ? {
        oracle: {
          engagement: Float64Array.from(rows, (i) => d.oracle!.engagement[i]!),
          price_sensitivity: Float64Array.from(rows, (i) => d.oracle!.price_sensitivity[i]!),
        },
      }
    : {}),
});
