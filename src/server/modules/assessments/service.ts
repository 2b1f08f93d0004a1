import type {
  AssessmentHistory,
  ConfirmAssessmentResult,
  FrequencyStatus,
  QuestionnaireView,
  RiskAssessment,
  SubmitAssessmentBody,
  SubmitAssessmentResult,
} from '../../../contracts/assessments.js';
import { assessmentStatus } from '../../../core/advisory/assessment.js';
import { takeAssessment } from '../../../core/advisory/assessment-flow.js';
import { AppError } from '../../../core/errors.js';
import { formatIsoDate, lastValidDay, parseIsoDate } from '../../../core/suitability/dates.js';
import { DEFAULT_QUESTIONNAIRE } from '../../../core/suitability/default-questionnaire.js';
import { checkAssessmentFrequency, type FrequencyResult } from '../../../core/suitability/frequency.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import type { Questionnaire } from '../../../core/suitability/questionnaire.js';
import { reasonMessage } from '../../../core/suitability/reasons.js';
import type { Channel } from '../../../core/suitability/types.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { chinaDate, customerInScope } from '../customers/service.js';
import type { AssessmentRow } from './repo.js';
import {
  applyToCustomer,
  findAssessment,
  insertAssessment,
  listAssessments,
  lockCustomerLevel,
  markEffective,
  supersedePending,
} from './repo.js';

/** The questionnaire the institution has filed (Caiban's default until an institution configures its own). */
export const activeQuestionnaire = (): Questionnaire => DEFAULT_QUESTIONNAIRE;

export const questionnaireView = (policy: SuitabilityPolicy): QuestionnaireView => {
  const qn = activeQuestionnaire();
  return {
    id: qn.id,
    version: qn.version,
    questions: qn.questions.map((q) => ({
      id: q.id,
      text: { zh: q.text.zh, en: q.text.en },
      multi: q.multi === true,
      options: q.options.map((o) => ({ id: o.id, text: { zh: o.text.zh, en: o.text.en } })),
    })),
    validityMonths: { bank: policy.validityMonths.bank, securities: policy.validityMonths.securities },
    frequency: { ...policy.frequency },
    policyVersion: policy.version,
  };
};

/**
 * Dates the frequency rule counts: every stored assessment (whatever its status), plus the assessment on the
 * customer record when it predates every stored one (taken before this table existed, e.g. at the counter).
 */
export const historyDates = (rows: readonly AssessmentRow[], onFile: string, today: string): string[] => {
  const dates = rows.map((r) => r.takenOn).filter((d) => d <= today);
  const legacy = onFile <= today && rows.every((r) => r.takenOn > onFile);
  return legacy ? [onFile, ...dates] : dates;
};

const validUntilOf = (takenOn: string, channel: Channel, policy: SuitabilityPolicy): string =>
  formatIsoDate(lastValidDay(parseIsoDate(takenOn, 'taken_on'), policy.validityMonths[channel]));

export const assessmentOf = (r: AssessmentRow): RiskAssessment => ({
  id: r.id,
  customerId: r.customerId,
  takenOn: r.takenOn,
  takenAt: r.takenAt.toISOString(),
  questionnaireId: r.questionnaireId,
  questionnaireVersion: r.questionnaireVersion,
  channel: r.channel,
  answers: r.answers,
  score: r.score,
  maxScore: r.maxScore,
  level: r.level,
  levelFromScore: r.levelFromScore,
  lowestCategory: r.lowestCategory,
  cappedBy: r.cappedBy,
  horizonMonths: r.horizonMonths,
  previousLevel: r.previousLevel,
  levelChange: r.levelChange,
  status: r.status,
  validUntil: r.validUntil,
  confirmedAt: r.confirmedAt === null ? null : r.confirmedAt.toISOString(),
  policyVersion: r.policyVersion,
});

const messagesOf = (f: FrequencyResult) => f.reasons.map((code) => ({ ...reasonMessage(code) }));

const frequencyOf = (f: FrequencyResult): FrequencyStatus => ({
  allowed: f.allowed,
  todayCount: f.today_count,
  windowCount: f.window_count,
  nextAllowedOn: f.next_allowed_on,
  messages: messagesOf(f).map((m) => ({ zh: m.zh, en: m.en })),
});

/** The refusal of the frequency rule: 429 naming the limit and the first day a new assessment is allowed. */
const refusalOf = (f: FrequencyResult): AppError => {
  const msgs = messagesOf(f);
  return new AppError(
    'RATE_LIMITED',
    `${msgs.map((m) => m.en).join(' ')} The next risk assessment is possible on ${f.next_allowed_on}. ` +
      `${msgs.map((m) => m.zh).join('')}下次可测评日期：${f.next_allowed_on}。`,
    {
      field: 'assessment',
      nextAllowedOn: f.next_allowed_on,
      reasons: [...f.reasons],
      todayCount: f.today_count,
      windowCount: f.window_count,
      messages: msgs.map((m) => ({ zh: m.zh, en: m.en })),
    },
  );
};

/** The history of a customer's assessments (customer → self, RM → own customers, like the 360). */
export const assessmentHistory = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<AssessmentHistory> => {
  const customer = await customerInScope(deps, p, id, requestId);
  const rows = await listAssessments(deps.db, id);
  const today = chinaDate(deps.now());
  const freq = checkAssessmentFrequency(
    historyDates(rows, customer.riskAssessedAt, today),
    today,
    deps.policy,
  );
  const effective = rows.find((r) => r.status === 'effective');
  const channel: Channel = effective?.channel ?? 'bank';
  const status = assessmentStatus(
    {
      level: customer.riskLevel,
      assessedAt: customer.riskAssessedAt,
      channel,
      professional: customer.professional,
    },
    today,
    deps.policy,
  );
  return {
    items: rows.map(assessmentOf),
    current: {
      level: customer.riskLevel,
      assessedAt: customer.riskAssessedAt,
      validUntil: status.valid_until,
      status: status.status,
      lowestCategory: customer.lowestCategory,
    },
    pendingId: rows.find((r) => r.status === 'pending')?.id ?? null,
    frequency: frequencyOf(freq),
  };
};

/**
 * The customer answers the questionnaire. In one transaction, with the customer row locked (one writer a
 * customer): the NFRA frequency rule (429 with the reopening date, nothing stored), then the score (400
 * naming the question on a bad answer, nothing stored), then the level: the same level takes effect at once; a
 * changed level is stored as pending until the customer confirms it.
 */
export const submitAssessment = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  body: SubmitAssessmentBody,
  requestId: string,
): Promise<SubmitAssessmentResult> => {
  await customerInScope(deps, p, id, requestId);
  const now = deps.now();
  const today = chinaDate(now);
  const qn = activeQuestionnaire();
  const outcome = await deps.db.transaction(async (tx) => {
    const customer = await lockCustomerLevel(tx, id);
    if (customer === null) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
    const rows = await listAssessments(tx, id);
    const taken = takeAssessment({
      history: historyDates(rows, customer.riskAssessedAt, today),
      previousLevel: customer.riskLevel,
      questionnaire: qn,
      answers: body.answers,
      now: today,
      policy: deps.policy,
    });
    if (taken.status === 'refused') return { refused: taken.frequency } as const;
    const pending = taken.status === 'confirm';
    await supersedePending(tx, id);
    const row = await insertAssessment(tx, {
      customerId: id,
      takenOn: today,
      takenAt: now,
      questionnaireId: taken.result.questionnaire_id,
      questionnaireVersion: taken.result.questionnaire_version,
      channel: body.channel,
      answers: normalisedAnswers(body.answers),
      score: taken.result.score,
      maxScore: taken.result.max_score,
      level: taken.result.level,
      levelFromScore: taken.result.level_from_score,
      lowestCategory: taken.result.lowest_category,
      cappedBy: [...taken.result.capped_by],
      horizonMonths: taken.result.horizon_months,
      experience: [...taken.result.experienced_product_types],
      previousLevel: customer.riskLevel,
      levelChange: taken.level_change.direction,
      status: pending ? 'pending' : 'effective',
      validUntil: validUntilOf(today, body.channel, deps.policy),
      confirmedAt: pending ? null : now,
      policyVersion: deps.policy.version,
    });
    if (!pending) await applyToCustomer(tx, id, row);
    return { row, messages: taken.messages } as const;
  });
  if ('refused' in outcome) {
    await writeAudit(deps.db, actorOf(p), requestId, [
      {
        action: 'assessment.refused',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: { reasons: outcome.refused.reasons, nextAllowedOn: outcome.refused.next_allowed_on },
      },
    ]);
    throw refusalOf(outcome.refused);
  }
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'assessment.submit',
      targetKind: 'risk_assessment',
      target: String(outcome.row.id),
      customerId: id,
      details: {
        level: outcome.row.level,
        status: outcome.row.status,
        version: outcome.row.questionnaireVersion,
      },
    },
  ]);
  return {
    assessment: assessmentOf(outcome.row),
    requiresConfirmation: outcome.row.status === 'pending',
    messages: outcome.messages.map((m) => ({ zh: m.zh, en: m.en })),
  };
};

/** Answers as scored: option ids trimmed and upper-cased (the questionnaire's own matching). */
const normalisedAnswers = (answers: SubmitAssessmentBody['answers']): Record<string, string | string[]> =>
  Object.fromEntries(
    Object.entries(answers).map(([q, a]) => [
      q,
      typeof a === 'string' ? a.trim().toUpperCase() : a.map((x) => x.trim().toUpperCase()),
    ]),
  );

/**
 * The customer confirms the changed level of a pending assessment: it becomes effective and goes onto the
 * customer record. Confirming an effective assessment again answers it unchanged; a superseded one is 409.
 */
export const confirmAssessment = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  aid: number,
  requestId: string,
): Promise<ConfirmAssessmentResult> => {
  await customerInScope(deps, p, id, requestId);
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const customer = await lockCustomerLevel(tx, id);
    if (customer === null) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
    const a = await findAssessment(tx, id, aid);
    if (a === null) throw new AppError('NOT_FOUND', `assessment ${aid} of customer ${id} not found`, { aid });
    if (a.status === 'superseded')
      throw new AppError(
        'CONFLICT',
        `assessment ${aid} was replaced by a later assessment; confirm the latest one instead`,
        { field: 'aid', aid },
      );
    if (a.status === 'effective') return { row: a, customer, changed: false };
    const row = await markEffective(tx, id, aid, now);
    await applyToCustomer(tx, id, row);
    return {
      row,
      customer: {
        ...customer,
        riskLevel: row.level,
        riskAssessedAt: row.takenOn,
        lowestCategory: row.lowestCategory,
      },
      changed: true,
    };
  });
  if (result.changed)
    await writeAudit(deps.db, actorOf(p), requestId, [
      {
        action: 'assessment.confirm',
        targetKind: 'risk_assessment',
        target: String(aid),
        customerId: id,
        details: { level: result.row.level, previousLevel: result.row.previousLevel },
      },
    ]);
  return {
    assessment: assessmentOf(result.row),
    customer: {
      riskLevel: result.customer.riskLevel,
      riskAssessedAt: result.customer.riskAssessedAt,
      lowestCategory: result.customer.lowestCategory,
    },
  };
};
