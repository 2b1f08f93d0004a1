import { badInput } from '../errors.js';
import type { GbdtParams } from '../ml/gbdt.js';
import type { Rng } from '../random.js';
import { outcomeLearner } from './effects/learners.js';

/**
 * Structural causal model with additive noise on a DAG: xⱼ = fⱼ(pa(xⱼ)) + uⱼ, with fⱼ linear (OLS) or a GBDT.
 * What-if queries follow abduction–action–prediction (Pearl 2009, §7.1): each row's noise uⱼ is its fitted
 * residual, the intervention replaces one column, and its descendants are recomputed in topological order.
 * The average over rows is the interventional mean E[Y | do(·)] under the model.
 */
export type Dag = { names: string[]; parents: number[][] };

export type Intervention =
  | { column: string; kind: 'set'; value: number }
  | { column: string; kind: 'at-least'; value: number }
  | { column: string; kind: 'shift'; value: number }
  | { column: string; kind: 'scale'; value: number };

/** Parses `col=v`, `col>=v` (at least v), `col+=d`, `col-=d` or `col*=f`. */
export const parseIntervention = (expr: string): Intervention => {
  const m = /^\s*([^=<>+\-*]+?)\s*(>=|\+=|-=|\*=|=)\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(expr);
  if (!m)
    throw badInput(
      '--intervene',
      `"${expr}" is not col=value, col>=value, col+=delta, col-=delta or col*=factor`,
    );
  const column = m[1]!.trim();
  const value = Number(m[3]);
  if (!Number.isFinite(value)) throw badInput('--intervene', `"${m[3]}" is not a number`);
  const op = m[2]!;
  if (op === '=') return { column, kind: 'set', value };
  if (op === '>=') return { column, kind: 'at-least', value };
  if (op === '*=') return { column, kind: 'scale', value };
  return { column, kind: 'shift', value: op === '-=' ? -value : value };
};

/** Topological order (Kahn); a cycle is bad input naming the nodes left. */
export const topologicalOrder = (dag: Dag): number[] => {
  const p = dag.names.length;
  const indeg = dag.parents.map((ps) => ps.length);
  const children = Array.from({ length: p }, () => [] as number[]);
  dag.parents.forEach((ps, j) => ps.forEach((a) => children[a]!.push(j)));
  const queue = indeg.flatMap((d, j) => (d === 0 ? [j] : []));
  const order: number[] = [];
  while (queue.length) {
    const j = queue.shift()!;
    order.push(j);
    for (const c of children[j]!) if (--indeg[c]! === 0) queue.push(c);
  }
  if (order.length < p) {
    const left = dag.names.filter((_, j) => !order.includes(j));
    throw badInput('--graph', `the graph has a cycle among: ${left.join(', ')}`);
  }
  return order;
};

export type ScmKind = 'linear' | 'gbdt';
export type FittedScm = {
  dag: Dag;
  order: number[];
  predict: Array<((x: Float64Array, n: number) => Float64Array) | null>;
  residual: Float64Array[];
};

const parentMatrix = (cols: Float64Array[], ps: number[], n: number): Float64Array => {
  const k = ps.length;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) x[i * k + a] = cols[ps[a]!]![i]!;
  return x;
};

/** Fits one model per node with parents and keeps each row's residual. */
export const fitScm = (
  dag: Dag,
  cols: Float64Array[],
  kind: ScmKind,
  gbdt: Partial<GbdtParams> = {},
): FittedScm => {
  const n = cols[0]!.length;
  const order = topologicalOrder(dag);
  const predict: FittedScm['predict'] = dag.names.map(() => null);
  const residual = dag.names.map(() => new Float64Array(n));
  for (const j of order) {
    const ps = dag.parents[j]!;
    if (ps.length === 0) continue;
    const reg = outcomeLearner(kind, gbdt)();
    reg.fit(parentMatrix(cols, ps, n), n, ps.length, cols[j]!);
    const f = (x: Float64Array, m: number): Float64Array => reg.predict(x, m);
    predict[j] = f;
    const fitted = f(parentMatrix(cols, ps, n), n);
    residual[j] = cols[j]!.map((v, i) => v - fitted[i]!);
  }
  return { dag, order, predict, residual };
};

const descendantsOf = (dag: Dag, root: number): Set<number> => {
  const out = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    dag.parents.forEach((ps, j) => {
      if (!out.has(j) && ps.some((a) => out.has(a))) {
        out.add(j);
        grew = true;
      }
    });
  }
  return out;
};

const apply = (iv: Intervention, v: number): number =>
  iv.kind === 'set'
    ? iv.value
    : iv.kind === 'at-least'
      ? Math.max(v, iv.value)
      : iv.kind === 'shift'
        ? v + iv.value
        : v * iv.value;

/**
 * Noise for the simulation: `abduction` keeps each row's own residual (unit-level counterfactuals, the
 * empirical joint noise); `resample` draws every node's residual independently from its pool (interventional
 * sampling under the SCM's independent-noise assumption), with the same draws in both worlds.
 */
export type NoiseMode = 'abduction' | 'resample';

/** Each node's residual vector re-drawn with replacement (independently per node). */
export const resampleResiduals = (scm: FittedScm, rng: Rng): FittedScm => {
  const n = scm.residual[0]?.length ?? 0;
  return {
    ...scm,
    residual: scm.residual.map((r) => Float64Array.from({ length: n }, () => r[rng.int(n)]!)),
  };
};

/** Recomputes every non-root node from its parents plus its (possibly re-drawn) residual. */
export const simulateBaseline = (scm: FittedScm, cols: Float64Array[]): Float64Array[] => {
  const n = cols[0]!.length;
  const out = cols.slice();
  for (const j of scm.order) {
    const ps = scm.dag.parents[j]!;
    if (ps.length === 0) continue;
    const fitted = scm.predict[j]!(parentMatrix(out, ps, n), n);
    out[j] = fitted.map((v, i) => v + scm.residual[j]![i]!);
  }
  return out;
};

/** The columns after the intervention (abduction–action–prediction, row by row, vectorised per node). */
export const intervene = (scm: FittedScm, cols: Float64Array[], iv: Intervention): Float64Array[] => {
  const target = scm.dag.names.indexOf(iv.column);
  if (target < 0) throw badInput('--intervene', `column "${iv.column}" is not in the graph`);
  const n = cols[0]!.length;
  const affected = descendantsOf(scm.dag, target);
  const out = cols.slice();
  for (const j of scm.order) {
    if (!affected.has(j)) continue;
    if (j === target) {
      out[j] = cols[j]!.map((v) => apply(iv, v));
      continue;
    }
    const ps = scm.dag.parents[j]!;
    const fitted = scm.predict[j]!(parentMatrix(out, ps, n), n);
    out[j] = fitted.map((v, i) => v + scm.residual[j]![i]!);
  }
  return out;
};

export type WhatIfResult = {
  baseline_mean: number;
  intervened_mean: number;
  effect: number;
  ci_low: number;
  ci_high: number;
  n: number;
  bootstrap: number;
};

const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * What-if on `outcome` under one intervention, with a percentile bootstrap CI (rows resampled, every node
 * model refitted) for the effect intervened_mean − baseline_mean.
 */
export const whatIf = (
  dag: Dag,
  cols: Float64Array[],
  outcome: string,
  iv: Intervention,
  o: { kind: ScmKind; bootstrap: number; rng: Rng; gbdt?: Partial<GbdtParams>; noise?: NoiseMode },
): WhatIfResult => {
  const y = dag.names.indexOf(outcome);
  if (y < 0) throw badInput('--outcome', `column "${outcome}" is not in the graph`);
  const run = (c: Float64Array[]): [number, number] => {
    const fitted = fitScm(dag, c, o.kind, o.gbdt);
    if (o.noise !== 'resample') return [mean(c[y]!), mean(intervene(fitted, c, iv)[y]!)];
    const scm = resampleResiduals(fitted, o.rng);
    const base = simulateBaseline(scm, c);
    return [mean(base[y]!), mean(intervene(scm, base, iv)[y]!)];
  };
  const [base, after] = run(cols);
  const n = cols[0]!.length;
  const effects = new Float64Array(o.bootstrap);
  for (let b = 0; b < o.bootstrap; b++) {
    const idx = Uint32Array.from({ length: n }, () => o.rng.int(n));
    const [b0, b1] = run(cols.map((c) => Float64Array.from(idx, (i) => c[i]!)));
    effects[b] = b1 - b0;
  }
  effects.sort();
  const q = (u: number): number => (o.bootstrap ? effects[Math.round(u * (o.bootstrap - 1))]! : NaN);
  return {
    baseline_mean: base,
    intervened_mean: after,
    effect: after - base,
    ci_low: q(0.025),
    ci_high: q(0.975),
    n,
    bootstrap: o.bootstrap,
  };
};
