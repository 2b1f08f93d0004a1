import type { StudyCampaign, StudyCampaignBody, StudyInput } from '../../../contracts/insight.js';
import { assignArm, HOLDOUT_ARM } from '../../../core/engagement/campaign.js';
import type { ErrorCode } from '../../../core/errors.js';
import { AppError } from '../../../core/errors.js';
import type { LeverKey } from '../../../core/insight/factors.js';
import type { LeverScores, Strategy } from '../../../core/insight/levers.js';
import { budgetedStrategy, leverTargetList } from '../../../core/insight/levers.js';
import { qiniCurve } from '../../../core/insight/qini.js';
import type { CustomerShap } from '../../../core/insight/shap.js';
import { customerShapInWorker, leverScoresInWorker } from '../../../runtime/study-runner.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, Queryable } from '../../db/index.js';
import { campaignCustomerOutcomes, campaignResultsOf } from '../campaigns/results.js';
import { createCampaign, getCampaign } from '../campaigns/service.js';
import { strategyTable } from './analysis.js';
import { buildDataset } from './dataset.js';
import {
  campaignPredictions,
  insertLeverScores,
  insertStudyCampaign,
  leverScoreRows,
  predictionsByArm,
  studyCampaignRows,
} from './levers-repo.js';
import { findStudy } from './repo.js';

/** The default message of each lever (compliant wording: no promise of returns; checked again by the guard). */
export const LEVER_MESSAGES: Readonly<Record<LeverKey, { title: string; body: string }>> = {
  coupon: {
    title: '投顾服务续费优惠',
    body: '您的投顾服务续费优惠券已发放至账户，续费时可直接抵扣，详情请在App“我的-卡券”中查看。',
  },
  rm_call: {
    title: '专属理财经理回访',
    body: '您的专属理财经理将在近期与您联系，回顾服务情况并解答您的问题。',
  },
  livestream_invite: {
    title: '投顾直播邀请',
    body: '诚邀您观看本周投顾直播，主理人分享市场观察与组合调整思路。市场有风险，投资需谨慎。',
  },
};

const doneStudy = async (db: Queryable, id: number) => {
  const s = await findStudy(db, id);
  if (!s) throw new AppError('NOT_FOUND', `study ${id} not found`);
  if (s.status !== 'done')
    throw new AppError('CONFLICT', `study ${id} is ${s.status}: levers come from a finished study`, { id });
  return s;
};

/**
 * A finished study's per-customer lever scores for the customers still to decide on its decision date (running
 * subscriptions): computed once in a worker thread (models fitted on the study's decided rows with its seed, as
 * `caiban insight levers` does) and stored, so the list, its export and a campaign all use the same numbers.
 */
export const studyLeverScores = async (db: Queryable, id: number): Promise<LeverScores[]> => {
  const s = await doneStudy(db, id);
  const stored = await leverScoreRows(db, id);
  if (stored.length > 0) return stored;
  const p = s.params as StudyInput;
  const train = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of! });
  let target;
  try {
    target = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of!, population: 'scoring' });
  } catch (e) {
    if (e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE')
      throw new AppError('INSUFFICIENT_EVIDENCE', `no running subscriptions to score on ${p.as_of}`, {
        field: 'as_of',
      });
    throw e;
  }
  const r = await leverScoresInWorker(train, target, { seed: p.seed });
  if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message, r.error.details);
  await insertLeverScores(db, id, r.result);
  return leverScoreRows(db, id);
};

/**
 * One customer's SHAP waterfall on a finished study (its importance GBDT, fitted again with the study's seed in a
 * worker thread): their pending decision if they have one, else their latest decided one. Predictive, not causal.
 */
export const studyCustomerShap = async (
  db: Queryable,
  id: number,
  customerId: number,
): Promise<CustomerShap> => {
  const s = await doneStudy(db, id);
  const p = s.params as StudyInput;
  const train = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of! });
  let target = null;
  try {
    target = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of!, population: 'scoring' });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE')) throw e;
  }
  const r = await customerShapInWorker(train, target, customerId, p.seed);
  if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message, r.error.details);
  return r.result;
};

/** The budgeted strategy list of a study (who gets which lever), see core/insight/levers.ts. */
export const studyStrategy = async (db: Queryable, id: number, budget: number | null): Promise<Strategy> =>
  budgetedStrategy(await studyLeverScores(db, id), budget);

const campaignKey = (id: number, lever: LeverKey, now: Date): string =>
  `insight-s${id}-${lever.replace(/_/g, '-')}-${now.getTime().toString(36)}`;

/**
 * Sends one lever's strategy list to a campaign in one step: the customers with the largest positive predicted
 * uplift that the budget buys become a fixed-list target, the lever is the one treatment arm, `holdout` of them
 * (by the campaign's assignment hash) receive nothing. The campaign is saved as a draft through the campaigns
 * service (validation, compliance check of the message) and, in the same transaction, linked to the study with
 * every listed customer's predicted uplift and arm. Launching stays the campaigns console's step.
 */
export const campaignFromStudy = async (
  db: Database,
  who: Principal,
  id: number,
  body: StudyCampaignBody,
  now: Date,
  requestId: string | null = null,
): Promise<StudyCampaign> => {
  const scores = await studyLeverScores(db, id);
  const list = leverTargetList(scores, body.lever, body.budget);
  const msg = LEVER_MESSAGES[body.lever];
  const definition = {
    key: body.key ?? campaignKey(id, body.lever, now),
    name: body.name,
    description: `洞察研究 #${id} 策略名单：${body.lever}，预算 ${body.budget} 元，预测增量 ${list.expected_incremental.toFixed(1)}`,
    target: { customerIds: list.chosen.map((c) => c.customer_id) },
    arms: [
      {
        key: body.lever,
        weight: 1,
        message: {
          channel: body.channel,
          purpose: 'marketing' as const,
          title: body.message === undefined ? msg.title : '',
          body: body.message ?? msg.body,
          products: [],
        },
      },
    ],
    holdout: body.holdout,
    conversion: { kind: 'event' as const, eventType: 'subscription_renewed' },
    windowDays: body.window_days,
    startAt: now.toISOString(),
  };
  const actor = `${who.kind}:${who.username ?? who.id}`;
  const campaignId = await db.transaction(async (tx) => {
    const c = await createCampaign(tx, actor, definition, now);
    const arms = { key: c.key, arms: definition.arms, holdout: body.holdout };
    await insertStudyCampaign(
      tx,
      {
        campaignId: c.id,
        studyId: id,
        lever: body.lever,
        budget: body.budget.toFixed(2),
        unitCost: list.unit_cost.toFixed(2),
        holdout: body.holdout.toFixed(4),
        chosen: list.chosen.length,
        expectedIncremental: list.expected_incremental,
        createdAt: now,
        createdBy: who.id,
      },
      list.chosen.map((e) => ({
        customerId: e.customer_id,
        arm: assignArm(arms, e.customer_id),
        predictedUplift: e.uplift,
        pOutcome: e.p_outcome,
      })),
    );
    await writeAudit(tx, actorOf(who), requestId, [
      {
        action: 'campaign.save',
        targetKind: 'campaign',
        target: String(c.id),
        customerId: null,
        details: {
          key: c.key,
          study_id: id,
          lever: body.lever,
          budget: body.budget,
          chosen: list.chosen.length,
        },
      },
    ]);
    return c.id;
  });
  const [view] = (await studyCampaigns(db, id, now)).filter((v) => v.campaign.id === campaignId);
  return view!;
};

/**
 * The campaigns sent from a study, each with its predicted uplift (mean over the customers the hash put in the
 * lever's arm) and, once launched, the realised lift of that arm over the holdout with its CI (the campaign's
 * statistics, measured now) and the Qini curve of the predicted uplift on the randomised assignment.
 */
export const studyCampaigns = async (db: Database, id: number, now: Date): Promise<StudyCampaign[]> => {
  if (!(await findStudy(db, id))) throw new AppError('NOT_FOUND', `study ${id} not found`);
  const out: StudyCampaign[] = [];
  for (const link of await studyCampaignRows(db, id)) {
    const c = await getCampaign(db, link.campaignId);
    const byArm = await predictionsByArm(db, link.campaignId);
    const treated = byArm.find((a) => a.arm === link.lever);
    const holdout = byArm.find((a) => a.arm === HOLDOUT_ARM);
    let realised: StudyCampaign['realised'] = null;
    let qini: StudyCampaign['qini'] = null;
    if (c.status !== 'draft') {
      const r = await campaignResultsOf(db, link.campaignId, now);
      const arm = r.arms.find((a) => a.arm === link.lever);
      if (arm?.vsHoldout && arm.assigned > 0)
        realised = {
          lift: arm.vsHoldout.lift,
          ci: arm.vsHoldout.liftCi,
          exposures: arm.exposures,
          conversions: arm.conversions,
          measured_at: r.measuredAt,
        };
      const predicted = await campaignPredictions(db, link.campaignId);
      const rows = (await campaignCustomerOutcomes(db, link.campaignId)).flatMap((o) => {
        const score = predicted.get(o.customer_id);
        return score === undefined
          ? []
          : [{ score, treated: o.arm !== HOLDOUT_ARM, outcome: o.converted ? 1 : 0 }];
      });
      if (rows.some((r) => r.treated) && rows.some((r) => !r.treated)) qini = qiniCurve(rows);
    }
    out.push({
      campaign: { id: c.id, key: c.key, name: c.name, status: c.status },
      lever: link.lever,
      budget: Number(link.budget),
      unit_cost: Number(link.unitCost),
      holdout: Number(link.holdout),
      chosen: link.chosen,
      expected_incremental: link.expectedIncremental,
      predicted: { uplift: treated?.mean ?? 0, treated: treated?.n ?? 0, holdout: holdout?.n ?? 0 },
      realised,
      qini,
    });
  }
  return out;
};

/** The strategy list as a file: .xlsx (exceljs) or CSV with a BOM (Excel opens it as UTF-8). */
export const strategyFile = async (s: Strategy, format: 'xlsx' | 'csv'): Promise<Buffer> => {
  const t = strategyTable(s);
  if (format === 'csv') {
    const lines = [t.columns.join(','), ...t.rows.map((r) => r.join(','))];
    return Buffer.from('\uFEFF' + lines.join('\n') + '\n', 'utf8');
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('strategy');
  ws.addRow(t.columns);
  for (const r of t.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
