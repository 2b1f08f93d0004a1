/**
 * Qini curve of an uplift ranking (Radcliffe 2007, "Using control groups to target on predicted lift"; the
 * definition of scikit-uplift's `qini_curve`). Customers are sorted by predicted uplift, best first; after the top
 * k of them the curve is Q(k) = Y_t(k) − Y_c(k) · N_t(k) / N_c(k): the treated responders among the top k minus the
 * control responders scaled to the treated count (0 while the top k hold no control). Units: incremental
 * responders. The random-targeting line runs from (0, 0) to (N, Q(N)); the Qini coefficient is the area between the
 * curve and that line divided by N² (incremental responders per customer, averaged over the targeted share).
 */
export type QiniPoint = { k: number; fraction: number; qini: number; random: number };
export type QiniCurve = {
  points: QiniPoint[];
  n: number;
  treated: number;
  control: number;
  coefficient: number;
};

export type QiniRow = { score: number; treated: boolean; outcome: number };

/**
 * The Qini curve at every distinct score (ties stay together, so the curve does not depend on input order) and at
 * most `maxPoints` points (evenly thinned; the last point is always kept). Throws on an empty input.
 */
export const qiniCurve = (rows: readonly QiniRow[], maxPoints = 101): QiniCurve => {
  if (rows.length === 0) throw new Error('qiniCurve: no rows');
  const order = rows.map((_, i) => i).sort((a, b) => rows[b]!.score - rows[a]!.score || a - b);
  const n = rows.length;
  const cuts: Array<{ k: number; qini: number }> = [{ k: 0, qini: 0 }];
  let nt = 0;
  let nc = 0;
  let yt = 0;
  let yc = 0;
  for (let j = 0; j < n; j++) {
    const r = rows[order[j]!]!;
    if (r.treated) {
      nt++;
      yt += r.outcome;
    } else {
      nc++;
      yc += r.outcome;
    }
    const next = order[j + 1];
    if (next !== undefined && rows[next]!.score === r.score) continue;
    cuts.push({ k: j + 1, qini: nc > 0 ? yt - (yc * nt) / nc : 0 });
  }
  const total = cuts[cuts.length - 1]!.qini;
  // Area between the curve and the random line by the trapezoid rule over the (uneven) cut points.
  let area = 0;
  for (let i = 1; i < cuts.length; i++) {
    const a = cuts[i - 1]!;
    const b = cuts[i]!;
    const ga = a.qini - (total * a.k) / n;
    const gb = b.qini - (total * b.k) / n;
    area += ((ga + gb) / 2) * (b.k - a.k);
  }
  const last = cuts.length - 1;
  const step = Math.max(1, Math.ceil(last / Math.max(1, maxPoints - 1)));
  const kept = cuts.filter((_, i) => (i < last && i % step === 0) || i === last);
  return {
    points: kept.map((c) => ({ k: c.k, fraction: c.k / n, qini: c.qini, random: (total * c.k) / n })),
    n,
    treated: nt,
    control: nc,
    coefficient: area / (n * n),
  };
};
