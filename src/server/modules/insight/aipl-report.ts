import type { AiplStepKey, AiplSummary } from '../../../core/insight/aipl.js';
import { AIPL_STAGES, AIPL_WINDOWS, aiplStep, summariseFlows } from '../../../core/insight/aipl.js';
import type { InsightDataset } from '../../../core/insight/dataset.js';
import { importanceInWorker } from '../../../runtime/study-runner.js';
import type { Queryable } from '../../db/index.js';
import type { AiplQuery, AiplScan, BreakPoint } from './aipl.js';
import { DRIVER_FEATURES, breakPoints, scanAipl } from './aipl.js';

/** A step with fewer customers at its start than this is not called the weakest (a rate of 0/3 is noise). */
export const MIN_STEP_BASE = 20;
/** Drivers need this many customers at the step's start and this many of each label. */
const MIN_DRIVER_ROWS = 40;
const MIN_DRIVER_CLASS = 5;

export type AiplDrivers = {
  step: AiplStepKey | null;
  status: 'estimated' | 'insufficient_evidence';
  reason: string | null;
  n: number;
  advanced: number;
  importance: Array<{ factor: string; mean_abs_shap: number; mean_advanced: number; mean_stayed: number }>;
  note: string;
};

export type AiplReport = {
  from: string;
  to: string;
  filter: { segment_id: number | null; channel: string | null };
  definitions: typeof AIPL_WINDOWS;
  population: number;
  stages: Array<{ stage: string; count_from: number; count_to: number }>;
  conversion: AiplSummary['conversion'];
  flows: { stages: string[]; matrix: number[][] };
  weakest_step: AiplStepKey | null;
  break_points: BreakPoint[];
  drivers: AiplDrivers;
};

const NOTE =
  'predictive importance (GBDT mean |TreeSHAP|) of point-in-time features as of the start date for reaching the next stage by the end date — associations, not causal effects';

const mean = (xs: number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The drivers of a step: importance of the features (as of the start date) for the customers at the step's start
 * stage reaching its end stage by the end date, with each feature's mean among those who advanced and those who
 * did not. Too few customers or labels → insufficient evidence with the reason, no numbers.
 */
export const stepDrivers = async (
  scan: AiplScan,
  step: AiplStepKey | null,
  seed = 0,
): Promise<AiplDrivers> => {
  const empty = (reason: string, nRows = 0, adv = 0): AiplDrivers => ({
    step,
    status: 'insufficient_evidence',
    reason,
    n: nRows,
    advanced: adv,
    importance: [],
    note: NOTE,
  });
  if (step === null) return empty(`no step has ${MIN_STEP_BASE} or more customers at its start`);
  const rows = scan.steps[step];
  const advanced = rows.y.reduce((a, b) => a + b, 0);
  const nRows = rows.y.length;
  if (nRows < MIN_DRIVER_ROWS || advanced < MIN_DRIVER_CLASS || nRows - advanced < MIN_DRIVER_CLASS)
    return empty(
      `${nRows} customers at ${aiplStep(step).from} with ${advanced} advancing; drivers need ${MIN_DRIVER_ROWS} customers and ${MIN_DRIVER_CLASS} of each outcome`,
      nRows,
      advanced,
    );
  const names = [...DRIVER_FEATURES];
  const cols = names.map((_, j) => Float64Array.from(rows.x, (r) => r[j]!));
  const dataset: InsightDataset = {
    names,
    n: nRows,
    cols,
    y: Float64Array.from(rows.y),
    customerIds: rows.y.map(() => 0),
    decisionIds: rows.y.map((_, i) => i),
    dates: rows.y.map(() => ''),
  };
  const r = await importanceInWorker(dataset, seed);
  if (!r.ok) return empty(r.error.message, nRows, advanced);
  return {
    step,
    status: 'estimated',
    reason: null,
    n: nRows,
    advanced,
    importance: r.result.map((imp) => {
      const j = names.indexOf(imp.factor as (typeof DRIVER_FEATURES)[number]);
      const col = cols[j]!;
      const adv: number[] = [];
      const stay: number[] = [];
      rows.y.forEach((y, i) => (y === 1 ? adv : stay).push(col[i]!));
      return { ...imp, mean_advanced: mean(adv), mean_stayed: mean(stay) };
    }),
    note: NOTE,
  };
};

/** GET /api/insight/aipl: stage counts, conversions, flows, break points and the drivers at the weakest step. */
export const aiplReport = async (db: Queryable, q: AiplQuery): Promise<AiplReport> => {
  const scan = await scanAipl(db, q);
  const s = summariseFlows(scan.overall, MIN_STEP_BASE);
  return {
    from: q.from,
    to: q.to,
    filter: { segment_id: q.segmentId ?? null, channel: q.channel ?? null },
    definitions: AIPL_WINDOWS,
    population: s.population,
    stages: AIPL_STAGES.map((stage) => ({
      stage,
      count_from: s.counts_from[stage],
      count_to: s.counts_to[stage],
    })),
    conversion: s.conversion,
    flows: { stages: [...AIPL_STAGES], matrix: s.flows },
    weakest_step: s.weakest,
    break_points: breakPoints(scan),
    drivers: await stepDrivers(scan, s.weakest),
  };
};
