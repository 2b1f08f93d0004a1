import { regressionAdjustment } from '../causal/effects/basic.js';
import { estimateEffect } from '../causal/effects/estimate.js';
import { AppError } from '../errors.js';
import { meanAbsShap, trainGbdt, treeShap } from '../ml/index.js';
import type { InsightDataset } from './dataset.js';
import { decidedRows, designMatrix, subsetDataset } from './dataset.js';
import { factorByKey, treatmentKeys } from './factors.js';
import { causalDataFor, methodFor } from './plan.js';
import type { Interval } from './study.js';
import { SURVEY_TOPICS } from './survey.js';

/**
 * Drivers of satisfaction from survey (X) and operational (O) data, and where survey measures change a driver
 * estimate of the renewal study (issue 15, item 5). Pure and seeded.
 *
 * - `factors`: one row per survey response, every factor computed point-in-time as of the response date
 *   (the study's dataset builder with D = response date), aligned with `survey`.
 * - Actionable factors (coupon, live stream ≥ 2000, …): causal effect on NPS and on being a detractor (NPS ≤ 6)
 *   with the study's estimators (AIPW for 0/1, double ML for doses) and adjustment sets.
 * - Survey measures (CSAT items, negative mentions of a topic): key-driver coefficients — OLS of NPS on the
 *   measure adjusted for the other survey measures and the observable factors, robust CI. Associations, not
 *   causal (a CSAT item and NPS are answers to the same questionnaire).
 * - Importance: mean |TreeSHAP| of a GBDT of NPS on everything (not causal).
 */

/** Survey measures of one response set, aligned with rows (NaN = not answered). */
export type SurveyColumns = {
  nps: Float64Array;
  /** csat_* items (1–5; NaN when not answered). */
  csat: Record<string, Float64Array>;
  /** Lexicon (or LLM) sentiment score of the comment (negative < 0). */
  sentiment: Float64Array;
  /** 1 when the comment mentions the topic negatively. */
  negative: Record<string, Float64Array>;
};

export type Driver = {
  key: string;
  source: 'operational' | 'survey';
  method: 'aipw' | 'dml' | 'ols';
  status: 'estimated' | 'insufficient_evidence';
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  unit: string;
  reason: string | null;
};

export type WithWithout = {
  factor: string;
  n: number;
  without: Interval | null;
  with: Interval | null;
  /** with − without (null when either is missing). */
  shift: number | null;
  reason: string | null;
};

export type SurveyDrivers = {
  n: number;
  nps_mean: number;
  detractor_rate: number;
  satisfaction: Driver[];
  detractors: Driver[];
  importance: Array<{ key: string; mean_abs_shap: number }>;
  importance_note: string;
  with_without: { n: number; measures: string[]; rows: WithWithout[]; note: string };
};

export type SurveyDriverOptions = { seed?: number; folds?: number };

const UNIT: Readonly<Record<string, string>> = {
  sessions_per_month: '+1 session a month',
  price: '+100 yuan list price',
  renewal_discount: 'discount 0 → 100%',
};

/** Mean-imputes NaN (an unanswered CSAT item) so that regressions keep the row. */
const imputed = (c: Float64Array): Float64Array => {
  let s = 0;
  let n = 0;
  for (const v of c)
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  const m = n === 0 ? 0 : s / n;
  return Float64Array.from(c, (v) => (Number.isNaN(v) ? m : v));
};

const varies = (c: Float64Array): boolean => c.some((v) => v !== c[0]);

const survey = (s: SurveyColumns): Array<{ key: string; col: Float64Array }> => [
  ...Object.keys(s.csat)
    .sort()
    .map((k) => ({ key: k, col: imputed(s.csat[k]!) })),
  ...SURVEY_TOPICS.map((t) => ({ key: `negative_${t.key}`, col: s.negative[t.key] ?? new Float64Array(0) })),
];

const none = (key: string, source: Driver['source'], method: Driver['method'], reason: string): Driver => ({
  key,
  source,
  method,
  status: 'insufficient_evidence',
  estimate: null,
  ci_low: null,
  ci_high: null,
  unit: UNIT[key] ?? (source === 'survey' ? '+1 point / mention' : '0 → 1'),
  reason,
});

const insufficient = (e: unknown): string => {
  if (e instanceof AppError && (e.code === 'INSUFFICIENT_EVIDENCE' || e.code === 'BAD_INPUT'))
    return e.message;
  throw e;
};

/** Drivers of one outcome column (NPS or detractor 0/1) on the joined rows. */
const driversOf = (
  f: InsightDataset,
  s: SurveyColumns,
  y: Float64Array,
  o: SurveyDriverOptions,
): Driver[] => {
  const data = { ...f, y };
  const out: Driver[] = [];
  for (const t of treatmentKeys()) {
    const method = methodFor(t);
    const col = f.cols[f.names.indexOf(t)]!;
    if (!varies(col)) {
      out.push(none(t, 'operational', method, `${t} takes one value among the respondents`));
      continue;
    }
    try {
      const r = estimateEffect(causalDataFor(data, t), {
        method,
        seed: o.seed ?? 0,
        folds: o.folds ?? 5,
      });
      out.push({
        key: t,
        source: 'operational',
        method,
        status: 'estimated',
        estimate: r.ate,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        unit: UNIT[t] ?? '0 → 1',
        reason: null,
      });
    } catch (e) {
      out.push(none(t, 'operational', method, insufficient(e)));
    }
  }
  // Key-driver regressions of the survey measures: adjusted for the other measures and the observable factors.
  const all = survey(s);
  const measures = all.filter((m) => m.col.length === f.n && varies(m.col));
  // list_price_yuan is price × 100 (an alias): one of them only, or the regression is singular.
  const base = f.names.filter((k) => k !== 'list_price_yuan' && varies(f.cols[f.names.indexOf(k)]!));
  for (const m of all) {
    if (!measures.includes(m)) {
      out.push(none(m.key, 'survey', 'ols', `${m.key} takes one value among the respondents`));
      continue;
    }
    const others = measures.filter((x) => x !== m);
    const p = base.length + others.length;
    const x = new Float64Array(f.n * p);
    const bx = designMatrix(f, base);
    for (let i = 0; i < f.n; i++) {
      x.set(bx.subarray(i * base.length, (i + 1) * base.length), i * p);
      others.forEach((c, k) => (x[i * p + base.length + k] = c.col[i]!));
    }
    try {
      const r = regressionAdjustment({ x, n: f.n, p, t: m.col, y, names: [] });
      out.push({
        key: m.key,
        source: 'survey',
        method: 'ols',
        status: Number.isFinite(r.ci_low) ? 'estimated' : 'insufficient_evidence',
        estimate: r.ate,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        unit: m.key.startsWith('csat_') ? '+1 point' : 'mentioned negatively',
        reason: null,
      });
    } catch (e) {
      out.push(none(m.key, 'survey', 'ols', insufficient(e)));
    }
  }
  return out;
};

const importanceOf = (f: InsightDataset, s: SurveyColumns, seed: number): SurveyDrivers['importance'] => {
  const extra = survey(s).filter((m) => m.col.length === f.n);
  const names = [...f.names, ...extra.map((m) => m.key)];
  const p = names.length;
  const base = designMatrix(f, f.names);
  const x = new Float64Array(f.n * p);
  for (let i = 0; i < f.n; i++) {
    x.set(base.subarray(i * f.names.length, (i + 1) * f.names.length), i * p);
    extra.forEach((m, k) => (x[i * p + f.names.length + k] = m.col[i]!));
  }
  const model = trainGbdt(x, f.n, p, s.nps, {
    params: { objective: 'l2', numRounds: 100, learningRate: 0.05, numLeaves: 8, minDataInLeaf: 10, seed },
  });
  const imp = meanAbsShap(treeShap(model, x, f.n), f.n, p);
  return names
    .map((key, j) => ({ key, mean_abs_shap: imp[j]! }))
    .sort((a, b) => b.mean_abs_shap - a.mean_abs_shap);
};

/** Survey measures added to the renewal study's adjustment set in the "with" column. */
export const WITH_MEASURES = ['nps', 'csat_mean', 'comment_sentiment'] as const;

/**
 * The renewal study's effect of every actionable factor on the decisions that have a survey answer dated on or
 * before their decision date, without and with the survey measures (the latest answer's NPS, mean CSAT and
 * comment sentiment) in the adjustment set; same rows, estimator and seed on both sides.
 */
export const withWithoutSurvey = (
  decisions: InsightDataset,
  measures: { nps: Float64Array; csatMean: Float64Array; sentiment: Float64Array },
  o: SurveyDriverOptions = {},
): SurveyDrivers['with_without'] => {
  const rows = decidedRows(decisions).filter((i) => !Number.isNaN(measures.nps[i]!));
  const d = subsetDataset(decisions, rows);
  const extra = [measures.nps, imputed(measures.csatMean), measures.sentiment].map((c) =>
    Float64Array.from(rows, (i) => c[i]!),
  );
  const note =
    'Same decisions, estimator and seed on both sides. A shift means the survey measures carry confounding the ' +
    'observable factors miss (e.g. engagement behind sessions and renewal) — or, for a lever that itself moves ' +
    'satisfaction (a coupon), that adjusting for a consequence of the lever removes part of its effect.';
  const result: WithWithout[] = [];
  for (const t of treatmentKeys()) {
    const method = methodFor(t);
    if (d.n < 20) {
      result.push({ factor: t, n: d.n, without: null, with: null, shift: null, reason: `only ${d.n} rows` });
      continue;
    }
    const opts = { method, seed: o.seed ?? 0, folds: o.folds ?? 5 };
    const base = causalDataFor(d, t);
    let without: Interval | null = null;
    let withS: Interval | null = null;
    let reason: string | null = null;
    try {
      const r = estimateEffect(base, opts);
      without = { estimate: r.ate, ci_low: r.ci_low, ci_high: r.ci_high };
      const p = base.p + extra.length;
      const x = new Float64Array(d.n * p);
      for (let i = 0; i < d.n; i++) {
        x.set(base.x.subarray(i * base.p, (i + 1) * base.p), i * p);
        extra.forEach((c, k) => (x[i * p + base.p + k] = c[i]!));
      }
      const w = estimateEffect({ ...base, x, p, names: [...base.names, ...WITH_MEASURES] }, opts);
      withS = { estimate: w.ate, ci_low: w.ci_low, ci_high: w.ci_high };
    } catch (e) {
      reason = insufficient(e);
    }
    result.push({
      factor: t,
      n: d.n,
      without,
      with: withS,
      shift: without && withS ? withS.estimate - without.estimate : null,
      reason,
    });
  }
  return { n: d.n, measures: [...WITH_MEASURES], rows: result, note };
};

/**
 * Drivers of NPS and of detractors on the joined responses, importance, and the with/without comparison on
 * the renewal decisions. Throws INSUFFICIENT_EVIDENCE below 20 responses.
 */
export const surveyDrivers = (
  joined: { factors: InsightDataset; survey: SurveyColumns },
  renewal: {
    decisions: InsightDataset;
    measures: { nps: Float64Array; csatMean: Float64Array; sentiment: Float64Array };
  } | null,
  o: SurveyDriverOptions = {},
): SurveyDrivers => {
  const { factors: f, survey: s } = joined;
  if (f.n < 20)
    throw new AppError(
      'INSUFFICIENT_EVIDENCE',
      `only ${f.n} survey responses could be joined with a subscription at their date; drivers need at least 20`,
    );
  const detractor = Float64Array.from(s.nps, (v) => (v <= 6 ? 1 : 0));
  const mean = (c: Float64Array) => c.reduce((a, v) => a + v, 0) / c.length;
  return {
    n: f.n,
    nps_mean: mean(s.nps),
    detractor_rate: mean(detractor),
    satisfaction: driversOf(f, s, s.nps, o),
    detractors: driversOf(f, s, detractor, o),
    importance: importanceOf(f, s, o.seed ?? 0),
    importance_note: 'predictive importance of NPS (TreeSHAP), not causal',
    with_without: renewal
      ? withWithoutSurvey(renewal.decisions, renewal.measures, o)
      : { n: 0, measures: [...WITH_MEASURES], rows: [], note: 'no renewal decisions with a survey answer' },
  };
};

/** Labels of the survey measures for the console. */
export const surveyMeasureLabel = (key: string): { zh: string; en: string } => {
  const fct = factorByKey(key);
  if (fct) return { zh: fct.zh, en: fct.en };
  const topic = SURVEY_TOPICS.find((t) => `negative_${t.key}` === key);
  if (topic) return { zh: `负面提及：${topic.zh}`, en: `Negative mention: ${topic.en}` };
  return { zh: key, en: key };
};
