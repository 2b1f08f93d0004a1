import { scoreLevers } from '../../../core/insight/cate.js';
import type { Outcome } from '../../../core/insight/factors.js';
import { LEVERS } from '../../../core/insight/factors.js';
import type { Strategy } from '../../../core/insight/levers.js';
import { budgetedStrategy } from '../../../core/insight/levers.js';
import type { StudyOptions, StudyResult } from '../../../core/insight/study.js';
import { runStudy } from '../../../core/insight/study.js';
import type { InsightWhatIf, WhatIfOptions } from '../../../core/insight/whatif.js';
import { insightWhatIf } from '../../../core/insight/whatif.js';
import { AppError } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { buildDataset } from './dataset.js';

/**
 * The insight analyses on a database, in this thread (for the CLI and tests; the API runs studies in a worker
 * thread through service.ts). Each builds the point-in-time dataset as of `asOf`, then calls the pure core.
 */
export type AnalysisInput = { outcome: Outcome; asOf: string };

/** A full study (effects with naive differences, importance, factor graph). */
export const studyOnDatabase = async (
  db: Queryable,
  a: AnalysisInput,
  o: StudyOptions = {},
  progress?: (fraction: number, stage: string) => void,
): Promise<StudyResult & { outcome: Outcome; as_of: string }> => {
  const d = await buildDataset(db, { outcome: a.outcome, asOf: a.asOf, oracle: o.oracle ?? false });
  return { outcome: a.outcome, as_of: a.asOf, ...runStudy(d, a.outcome, o, progress) };
};

/** A what-if simulation on the decided population. */
export const whatIfOnDatabase = async (
  db: Queryable,
  a: AnalysisInput,
  expr: string,
  o: WhatIfOptions = {},
): Promise<InsightWhatIf> =>
  insightWhatIf(await buildDataset(db, { outcome: a.outcome, asOf: a.asOf }), expr, o);

/**
 * Per-customer levers for the customers still to decide (running subscriptions at `asOf`): calibrated outcome
 * probability, each lever's CATE and the budgeted strategy list.
 */
export const leversOnDatabase = async (
  db: Queryable,
  a: AnalysisInput,
  budget: number | null,
  o: { seed?: number } = {},
): Promise<Strategy> => {
  const train = await buildDataset(db, { outcome: a.outcome, asOf: a.asOf });
  let target;
  try {
    target = await buildDataset(db, { outcome: a.outcome, asOf: a.asOf, population: 'scoring' });
  } catch (e) {
    if (e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE')
      throw new AppError('INSUFFICIENT_EVIDENCE', `no running subscriptions to score on ${a.asOf}`, {
        field: 'as_of',
      });
    throw e;
  }
  return budgetedStrategy(scoreLevers(train, target, o), budget);
};

/** The strategy list as a table (one row a customer) for csv/xlsx export. */
export const strategyTable = (s: Strategy): { columns: string[]; rows: Array<Array<string | number>> } => {
  const columns = [
    'customer_id',
    'p_outcome',
    'best_lever',
    ...LEVERS.map((l) => `cate_${l.key}`),
    'chosen',
    'cost',
  ];
  const rows = s.rows.map((r) => [
    r.customer_id,
    r.p_outcome,
    r.best_lever ?? '',
    ...LEVERS.map((l) => r[`cate_${l.key}`]),
    r.chosen ? 1 : 0,
    r.cost,
  ]);
  return { columns, rows };
};
