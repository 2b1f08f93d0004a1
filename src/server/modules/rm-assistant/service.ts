import { randomBytes } from 'node:crypto';
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  CardResponse,
  Intent,
  IntentEdit,
  PublicCard,
} from '../../../contracts/rm-assistant.js';
import { fenToYuan } from '../../../contracts/money.js';
import { pastedConversation } from '../../../core/conversation/assistant.js';
import { analyzeConversation } from '../../../core/conversation/analyze.js';
import { applyLabeller } from '../../../core/conversation/labeller.js';
import { DEFAULT_TAXONOMY, defaultCompiledTaxonomy } from '../../../core/conversation/taxonomy.js';
import type { Conversation } from '../../../core/conversation/types.js';
import { AppError } from '../../../core/errors.js';
import { fenOfYuan } from '../../../core/money.js';
import type { Purpose } from '../../../core/nlu/types.js';
import { buildCard, type CardProductFacts, type RmCard } from '../../../core/rm-card/index.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { InvestorLevel } from '../../../core/suitability/types.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { llmLabeller } from '../../llm/labeller.js';
import { allocationShelf, shelfAsOf } from '../analytics/shelf.js';
import { adviceSubject, type AdviceSubject } from '../customers/service.js';
import { adjustedNavHistories, productShelf } from '../products/service.js';
import {
  findCard,
  findIntent,
  insertCard,
  insertInsight,
  insertIntents,
  listIntents,
  productFacts,
  updateIntent,
  type IntentRow,
} from './repo.js';

/** Shared cards stay readable for 30 days. */
export const CARD_TTL_DAYS = 30;

const staffIdOf = (p: Principal): number => {
  if (p.staffId === null) throw new AppError('FORBIDDEN', 'only staff may do this');
  return p.staffId;
};

export const intentOf = (r: IntentRow): Intent => ({
  id: r.id,
  customerId: r.customerId,
  insightId: r.insightId,
  purpose: r.purpose as Purpose,
  amount: fenToYuan(r.amountFen),
  horizonMonths: r.horizonMonths,
  liquidity: r.liquidity,
  riskAppetite: r.riskAppetite,
  constraints: r.constraints,
  evidence: r.evidence,
  source: r.source,
  status: r.status,
  createdBy: r.createdBy,
  confirmedBy: r.confirmedBy,
  confirmedAt: r.confirmedAt === null ? null : r.confirmedAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const conversationOf = (body: AnalyzeRequest, id: string): Conversation =>
  body.transcript !== undefined
    ? { ...pastedConversation(body.transcript), id }
    : {
        id,
        messages: body.messages!.map((m) => ({
          sender: m.sender,
          text: m.text,
          ...(m.time === undefined ? {} : { time: m.time }),
        })),
      };

/**
 * The RM pastes or uploads a transcript of one of their customers: the classical engine finds tags,
 * objections and per-money intents; the insight is stored and every intent becomes a `proposed` record on
 * the customer 360 for the RM to confirm or edit. One audit row names the insight and the intents.
 */
export const analyzeForCustomer = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  body: AnalyzeRequest,
  requestId: string,
): Promise<AnalyzeResponse> => {
  await adviceSubject(deps, p, customerId, requestId);
  const staffId = staffIdOf(p);
  const conv = conversationOf(body, `customer-${customerId}`);
  const tx = defaultCompiledTaxonomy();
  const classical = analyzeConversation(conv, { taxonomy: tx });
  // The optional LLM adds tags and intents (union); on any failure the classical result stands, reason kept.
  let usage: { tokens: unknown; ms: number } | null = null;
  const labelled =
    deps.llm === null
      ? null
      : await applyLabeller(
          conv,
          classical,
          DEFAULT_TAXONOMY,
          llmLabeller(deps.llm, (u) => (usage = u)),
          'union',
        );
  const insight = labelled?.insight ?? classical;
  const engine = labelled?.labeller.used === true ? ('classical+llm' as const) : ('classical' as const);
  const llmFallback =
    labelled === null || labelled.labeller.used ? null : (labelled.labeller.error ?? 'unknown');
  const defs = new Map(tx.tags.map((t) => [t.def.key, t.def]));
  const details = insight.details.map((d) => {
    const def = defs.get(d.key);
    return {
      ...d,
      label: def?.name ?? { zh: d.key, en: d.key },
      tip: def?.rm_tip?.zh ?? '',
    };
  });
  return deps.db.transaction(async (db) => {
    const insightId = await insertInsight(db, {
      customerId,
      messages: conv.messages,
      insight: { ...insight, details },
      createdBy: staffId,
    });
    const rows = await insertIntents(
      db,
      insight.intents.map((i) => ({
        customerId,
        insightId,
        purpose: i.purpose,
        amountFen: fenOfYuan(i.amount),
        horizonMonths: i.horizon_months,
        liquidity: i.liquidity,
        riskAppetite: i.risk_appetite,
        constraints: i.constraints,
        evidence: i.evidence,
        source: 'conversation' as const,
        status: 'proposed' as const,
        createdBy: staffId,
      })),
    );
    await writeAudit(db, actorOf(p), requestId, [
      {
        action: 'intent.proposed',
        targetKind: 'customer_insight',
        target: String(insightId),
        customerId,
        details: {
          tags: insight.tags,
          engine,
          ...(labelled === null ? {} : { llm: { ...labelled.labeller, usage } }),
          intents: rows.map((r) => ({ id: r.id, purpose: r.purpose, amount: fenToYuan(r.amountFen) })),
        },
      },
    ]);
    return {
      insightId,
      tags: insight.tags,
      objections: insight.objections,
      sentiment: insight.sentiment,
      details,
      intents: rows.map(intentOf),
      engine,
      llmFallback,
    };
  });
};

export const customerIntentList = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  requestId: string,
): Promise<{ items: Intent[] }> => {
  await adviceSubject(deps, p, customerId, requestId);
  return { items: (await listIntents(deps.db, customerId)).map(intentOf) };
};

const intentInScope = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  id: number,
  requestId: string,
): Promise<{ subject: AdviceSubject; row: IntentRow }> => {
  const subject = await adviceSubject(deps, p, customerId, requestId);
  const row = await findIntent(deps.db, customerId, id);
  if (row === null)
    throw new AppError('NOT_FOUND', `intent ${id} of customer ${customerId} not found`, {
      id: customerId,
      iid: id,
    });
  return { subject, row };
};

/** The RM confirms a proposed intent as said; audited with the intent's fields. */
export const confirmIntent = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  id: number,
  requestId: string,
): Promise<Intent> => {
  const { row } = await intentInScope(deps, p, customerId, id, requestId);
  const staffId = staffIdOf(p);
  return deps.db.transaction(async (db) => {
    const next = await updateIntent(db, customerId, id, {
      status: row.status === 'edited' ? 'edited' : 'confirmed',
      confirmedBy: staffId,
      confirmedAt: deps.now(),
    });
    await writeAudit(db, actorOf(p), requestId, [
      {
        action: 'intent.confirmed',
        targetKind: 'customer_intent',
        target: String(id),
        customerId,
        details: { intent: intentOf(next) },
      },
    ]);
    return intentOf(next);
  });
};

/** The RM corrects an intent: it becomes `edited` (confirmed by the editor); the audit keeps before and after. */
export const editIntent = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  id: number,
  edit: IntentEdit,
  requestId: string,
): Promise<Intent> => {
  const { row } = await intentInScope(deps, p, customerId, id, requestId);
  const staffId = staffIdOf(p);
  return deps.db.transaction(async (db) => {
    const next = await updateIntent(db, customerId, id, {
      ...(edit.purpose === undefined ? {} : { purpose: edit.purpose }),
      ...(edit.amount === undefined ? {} : { amountFen: fenOfYuan(edit.amount) }),
      ...(edit.horizonMonths === undefined ? {} : { horizonMonths: edit.horizonMonths }),
      ...(edit.liquidity === undefined ? {} : { liquidity: edit.liquidity }),
      ...(edit.riskAppetite === undefined ? {} : { riskAppetite: edit.riskAppetite }),
      ...(edit.constraints === undefined ? {} : { constraints: edit.constraints }),
      status: 'edited',
      confirmedBy: staffId,
      confirmedAt: deps.now(),
    });
    await writeAudit(db, actorOf(p), requestId, [
      {
        action: 'intent.edited',
        targetKind: 'customer_intent',
        target: String(id),
        customerId,
        details: { before: intentOf(row), after: intentOf(next), edit },
      },
    ]);
    return intentOf(next);
  });
};

const factsOf = (rows: Awaited<ReturnType<typeof productFacts>>): Map<string, CardProductFacts> =>
  new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        name: r.name,
        type: r.type,
        risk: r.risk,
        minPurchase: r.minPurchaseFen / 100,
        termDays: r.termDays,
        benchmark: r.benchmark,
        fees: {
          purchase: Number(r.purchase),
          redemption: Number(r.redemption),
          management: Number(r.management),
          custody: Number(r.custody),
          salesService: Number(r.salesService),
        },
      },
    ]),
  );

const publicOf = (card: RmCard, expiresAt: Date): PublicCard => ({
  asOf: card.asOf,
  title: card.title,
  summary: card.summary,
  planLevel: card.planLevel,
  horizonMonths: card.horizonMonths,
  classWeights: card.classWeights,
  volatility: card.volatility,
  estimatedWorstDrawdown: card.estimatedWorstDrawdown,
  products: card.products.map((p) => ({
    ...p,
    sellingPoints: [...p.sellingPoints],
    suitability: { ...p.suitability, messages: [...p.suitability.messages] },
  })),
  disclosures: [...card.disclosures],
  text: card.text,
  expiresAt: expiresAt.toISOString(),
});

/**
 * The recommendation card of one intent (core/rm-card): the allocation engine on the open shelf within the
 * intent's appetite and never above the customer's level, every text through the outbound guard. When the
 * guard allows it, the customer-facing part is stored under a random link token (30 days). Audited.
 */
export const intentCard = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  id: number,
  requestId: string,
): Promise<CardResponse> => {
  const { subject: c, row } = await intentInScope(deps, p, customerId, id, requestId);
  const staffId = staffIdOf(p);
  const [rows, navs, facts] = await Promise.all([
    productShelf(deps),
    adjustedNavHistories(deps, null),
    productFacts(deps.db),
  ]);
  const shelf = allocationShelf(rows, navs);
  const asOf = shelfAsOf(navs);
  const card = buildCard({
    intent: {
      purpose: row.purpose as Purpose,
      amount: row.amountFen / 100,
      horizonMonths: row.horizonMonths,
      liquidity: row.liquidity,
      riskAppetite: row.riskAppetite,
      constraints: row.constraints,
    },
    customer: {
      level: c.riskLevel as InvestorLevel,
      assessedAt: c.riskAssessedAt,
      channel: 'bank',
      lowestCategory: c.lowestCategory,
      professional: c.professional,
      age: ageOn(c.birthDate, c.today),
    },
    shelf,
    facts: factsOf(facts),
    asOf,
    now: c.today,
    policy: c.policy,
  });
  const expiresAt = new Date(deps.now().getTime() + CARD_TTL_DAYS * 86_400_000);
  const token = card.allowed ? randomBytes(24).toString('base64url') : null;
  await deps.db.transaction(async (db) => {
    if (token !== null)
      await insertCard(db, {
        customerId,
        token,
        intentId: id,
        card: publicOf(card, expiresAt),
        createdBy: staffId,
        expiresAt,
      });
    await writeAudit(db, actorOf(p), requestId, [
      {
        action: 'card.created',
        targetKind: 'customer_intent',
        target: String(id),
        customerId,
        details: {
          allowed: card.allowed,
          planLevel: card.planLevel,
          products: card.products.map((x) => ({ code: x.code, risk: x.risk, amount: x.amount })),
          findings: card.guard.findings.filter((f) => f.blocking),
          shared: token !== null,
          text: card.text.zh,
        },
      },
    ]);
  });
  const pub = publicOf(card, expiresAt);
  const { expiresAt: _unused, ...rest } = pub;
  void _unused;
  return {
    ...rest,
    intentId: id,
    customerLevel: card.customerLevel,
    appetiteLevel: card.appetiteLevel,
    horizonAssumed: card.horizonAssumed,
    appetiteAssumed: card.appetiteAssumed,
    script: card.script,
    allowed: card.allowed,
    guard: {
      decision: card.guard.decision,
      blockingCount: card.guard.blocking_count,
      findings: card.guard.findings.map((f) => ({ ...f })),
      refusedProducts: [...card.guard.refused_products],
      enhancedDutyProducts: [...card.guard.enhanced_duty_products],
      checkedOn: card.guard.checked_on,
    },
    share: token === null ? null : { token, path: `/api/cards/${token}`, expiresAt: expiresAt.toISOString() },
  };
};

/** A shared card by its link token: public and read-only; 404 when unknown or expired. */
export const sharedCard = async (deps: AppDeps, token: string): Promise<PublicCard> => {
  const r = await findCard(deps.db, token, deps.now());
  if (r === null) throw new AppError('NOT_FOUND', 'this card link is unknown or has expired', {});
  return r.card as unknown as PublicCard;
};
