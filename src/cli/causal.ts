import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { intFlag, numberFlag, parseOptions } from './io/options.js';
import type { CausalData } from '../core/causal/effects/data.js';
import type { EffectReport, EstimateOptions } from '../core/causal/effects/estimate.js';
import { estimateEffect, estimateMultiArm } from '../core/causal/effects/estimate.js';
import type { LearnerKind } from '../core/causal/effects/learners.js';
import type { EffectMethod } from '../core/causal/effects/result.js';
import {
  completeRows,
  encodeConfounders,
  encodeOutcome,
  encodeTreatment,
  isDoseColumn,
  outcomeCopies,
} from '../core/causal/encode.js';
import type { TreatmentCoding } from '../core/causal/encode.js';
import { badInput } from '../core/errors.js';
import {
  checkColumnKinds,
  columnIndex,
  isMissingCell,
  parseNumberCell,
  readTable,
  rowNumberOf,
  type Table,
} from './io/table.js';
import { log, printJson, runAction } from './io/output.js';
import type { FitPool } from '../runtime/fit-pool.js';
import { createFitPool } from '../runtime/fit-pool.js';
import { registerDiscover, registerWhatif } from './causal-graph.js';

const METHODS: EffectMethod[] = [
  'aipw',
  'dml',
  'ipw',
  'ipw-ht',
  'regression',
  'matching',
  'difference',
  's-learner',
  't-learner',
  'x-learner',
  'r-learner',
  'dr-learner',
];

type EffectOpts = {
  data: string;
  treatment: string;
  outcome: string;
  confounders?: string;
  method?: string;
  folds: string;
  seed: string;
  learner?: string;
  propensityLearner: string;
  clip: string;
  control?: string;
  refute?: boolean;
  simulations: string;
  cateOut?: string;
  threads: string;
  header: boolean;
  json?: boolean;
};

/** Numeric flags of `causal effect`, parsed strictly (bad values name the flag). */
const EffectNumbers = z.object({
  folds: intFlag(1, 20),
  seed: intFlag(0, 2 ** 31 - 1),
  simulations: intFlag(1, 100),
  threads: intFlag(1, 64),
  clip: numberFlag({ min: 0, exclusiveMin: true, max: 0.4999999 }),
});

const learnerOf = (v: string | undefined, flag: string): LearnerKind | undefined => {
  if (v === undefined) return undefined;
  if (v === 'gbdt') return 'gbdt';
  if (v === 'linear' || v === 'logistic') return 'linear';
  throw badInput(flag, `expected gbdt or ${flag === '--learner' ? 'linear' : 'logistic'}, got "${v}"`);
};

/** JSON view of a report: the per-row CATE goes to --cate-out, not into the document. */
const view = (r: EffectReport): Record<string, unknown> => {
  const { cate: _cate, refutations, ...rest } = r;
  return {
    ...rest,
    ...(refutations
      ? {
          refutations: {
            placebo: {
              effect: refutations.placebo.effect,
              p_value: refutations.placebo.p_value,
              estimate_vs_placebo_p: refutations.placebo.estimate_vs_placebo_p,
            },
            random_common_cause: refutations.random_common_cause,
            subset: refutations.subset,
            bootstrap: refutations.bootstrap,
          },
        }
      : {}),
  };
};

const writeCate = async (path: string, d: CausalData, cate: Float64Array, rows: Table): Promise<void> => {
  const lines = ['row,treatment,outcome,cate'];
  for (let i = 0; i < d.n; i++) lines.push(`${rowNumberOf(rows, i)},${d.t[i]},${d.y[i]},${cate[i]}`);
  await writeFile(path, lines.join('\n') + '\n');
};

/** Row numbers of the rows of `kept` (a subset of `raw` in order, sharing its row arrays). */
const keptRowNumbers = (raw: Table, kept: Table): number[] => {
  const out: number[] = [];
  let k = 0;
  for (const r of kept.rows) {
    while (raw.rows[k] !== r) k++;
    out.push(rowNumberOf(raw, k));
  }
  return out;
};

/**
 * A numeric treatment of a binary effect must be 0/1 (a dose goes to --method dml; arms are named by text
 * labels with --control); anything else is bad input naming the first row that is not 0 or 1.
 */
const checkBinaryTreatment = (table: Table, name: string): void => {
  const j = columnIndex(table, name, '--treatment');
  let numeric = false;
  for (const r of table.rows) {
    if (parseNumberCell(r[j] ?? '') !== undefined) {
      numeric = true;
      break;
    }
  }
  if (!numeric) return;
  for (let k = 0; k < table.rows.length; k++) {
    const s = table.rows[k]![j] ?? '';
    if (isMissingCell(s)) continue;
    const v = parseNumberCell(s);
    if (v !== 0 && v !== 1) {
      throw badInput(
        '--treatment',
        `column "${name}" row ${rowNumberOf(table, k)}: "${s.trim()}" is not 0 or 1; a numeric treatment is 0 (control) or 1 (treated); use --method dml for a dose, or text labels with --control for several arms`,
        { column: name, row: rowNumberOf(table, k) },
      );
    }
  }
};

const effect = async (o: EffectOpts): Promise<void> => {
  if (o.treatment === o.outcome)
    throw badInput(
      '--outcome',
      `is the treatment column "${o.treatment}"; give the outcome and the treatment as two different columns`,
    );
  const raw = await readTable(o.data, { noHeader: !o.header });
  // Rows without a treatment or an outcome (e.g. subscriptions still running) cannot inform the effect.
  const complete = completeRows(raw, [o.treatment, o.outcome]);
  const dropped = complete.dropped;
  // Keep the file's row numbers for messages about the rows that remain.
  const table: Table = { ...complete.table, rowNumbers: keptRowNumbers(raw, complete.table) };
  if (dropped > 0) log(`caiban: ${dropped} rows without ${o.treatment} or ${o.outcome} left out`);
  // Without --method: a continuous dose goes to double ML, a 0/1 or arm treatment to AIPW.
  const method = (o.method ?? (isDoseColumn(table, o.treatment) ? 'dml' : 'aipw')) as EffectMethod;
  if (!METHODS.includes(method)) throw badInput('--method', `expected one of ${METHODS.join(', ')}`);
  const conf = o.confounders
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Without an explicit list, columns that merely restate the outcome are not confounders.
  const copies = conf
    ? []
    : outcomeCopies(
        table,
        o.outcome,
        table.columns.filter((c) => c !== o.treatment && c !== o.outcome),
      );
  if (copies.length) log(`caiban: left out as copies of the outcome: ${copies.join(', ')}`);
  const left = new Set([o.treatment, o.outcome, ...copies]);
  checkColumnKinds(table, [o.treatment, o.outcome], new Set(), '--data');
  checkColumnKinds(table, conf ?? table.columns.filter((c) => !left.has(c)), new Set(), '--confounders');
  if (method !== 'dml' && o.control === undefined) checkBinaryTreatment(table, o.treatment);
  const design = encodeConfounders(table, [o.treatment, o.outcome, ...copies], conf);
  if (design.skipped.length)
    log(`caiban: not used as confounders (identifier-like or empty): ${design.skipped.join(', ')}`);
  const y = encodeOutcome(table, o.outcome);
  const tr = encodeTreatment(table, o.treatment, method === 'dml', o.control);
  const nums = parseOptions(EffectNumbers, o);
  const opts: EstimateOptions = {
    method,
    folds: nums.folds,
    seed: nums.seed,
    clip: nums.clip,
    refute: o.refute === true,
    refuteSimulations: nums.simulations,
    propensityLearner: learnerOf(o.propensityLearner, '--propensity-learner')!,
  };
  const learner = learnerOf(o.learner, '--learner');
  if (learner) opts.learner = learner;
  const d: CausalData = { x: design.x, n: design.n, p: design.p, t: tr.t, y, names: design.names };
  const pool = await poolFor(nums.threads);
  if (pool) opts.runner = pool.runner;
  try {
    await report(o, d, tr, opts, table, {
      confounders: design.names,
      skipped: [...design.skipped, ...copies],
    });
  } finally {
    await pool?.close();
  }
};

/**
 * Worker threads for the cross-fitting jobs (opt-in: on a machine whose cores are busy with other work the
 * pool measured slower than in-process fitting, see docs/causal.md); a pool that cannot start means
 * in-process fitting.
 */
const poolFor = async (threads: number): Promise<FitPool | null> => {
  if (threads <= 1) return null;
  try {
    return await createFitPool(threads);
  } catch (e) {
    log(`caiban: fitting in process (worker threads unavailable: ${(e as Error).message})`);
    return null;
  }
};

const report = async (
  o: EffectOpts,
  d: CausalData,
  tr: TreatmentCoding,
  opts: EstimateOptions,
  rows: Table,
  common: { confounders: string[]; skipped: string[] },
): Promise<void> => {
  const method = opts.method!;
  if (tr.kind === 'multi') {
    const res = estimateMultiArm(d, tr.control, opts);
    printJson({
      method,
      n: d.n,
      control: tr.levels[tr.control],
      contrasts: res.map((r) => ({ ...view(r), arm: tr.levels[r.arm], control: tr.levels[r.control] })),
      ...common,
    });
    return;
  }
  const r = estimateEffect(d, opts);
  if (o.cateOut) {
    if (!r.cate)
      throw badInput(
        '--cate-out',
        'per-customer effects come from the learners: use --method t-learner, x-learner, s-learner, r-learner or dr-learner',
      );
    await writeCate(o.cateOut, d, r.cate, rows);
  }
  printJson({
    ...view(r),
    ...(tr.kind === 'binary' ? { treatment: { treated: tr.positive, control: tr.negative } } : {}),
    ...common,
  });
};

export const register = (program: Command): void => {
  const causal = program.command('causal').description('Causal effects, factor graph and what-if / 因果分析');
  causal
    .command('effect')
    .description('Effect of a treatment on an outcome, adjusted for confounders (AIPW by default)')
    .requiredOption('--data <file>', 'CSV or .xlsx, one row per unit')
    .requiredOption('--treatment <col>', 'treatment column (0/1, yes/no, or arms; a dose with --method dml)')
    .requiredOption('--outcome <col>', 'outcome column (number or yes/no)')
    .option('--confounders <cols>', 'comma-separated confounders (default: every other column)')
    .option('--method <m>', `${METHODS.join('|')} (default: aipw, or dml for a continuous dose)`)
    .option('--folds <k>', 'cross-fitting folds', '5')
    .option('--seed <s>', 'random seed', '0')
    .option('--learner <l>', 'outcome models: gbdt|linear (default: gbdt from 1,000 rows)')
    .option('--propensity-learner <l>', 'propensity model: logistic|gbdt', 'logistic')
    .option('--clip <c>', 'propensity clipping into [c, 1 − c]', '0.01')
    .option('--control <level>', 'control level of a multi-arm treatment (default: the first level)')
    .option('--refute', 'run the placebo, random-common-cause, subset and bootstrap refuters')
    .option('--simulations <r>', 'repetitions per refuter', '5')
    .option('--cate-out <file>', 'write per-row effects (meta-learners) as CSV')
    .option('--threads <n>', 'worker threads for the cross-fitting fits (1 = in process)', '1')
    .option('--no-header', 'the file has no header row; columns are c0, c1, …')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: EffectOpts) => runAction(o.json === true, () => effect(o)));
  registerDiscover(causal);
  registerWhatif(causal);
};
