import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AdvisorMessageRequest, AdvisorMessageResponse } from '../../../contracts/advisor.js';
import { builtinEngine } from '../../../core/dialogue/builtin.js';
import { closeHandoff, runTurn, type DialogueEngine } from '../../../core/dialogue/engine.js';
import {
  initialState,
  type DialogueCustomer,
  type DialogueState,
  type TurnInput,
} from '../../../core/dialogue/types.js';
import { AppError, badInput } from '../../../core/errors.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { Principal } from '../../auth/principal.js';
import { customers } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { advisoryShelf } from '../advisory/shelf.js';
import { chinaDate } from '../customers/service.js';
import { advisorData } from './data.js';
import { openAiAnswerer } from './llm-client.js';
import { captureForReview } from './ops-learning.js';
import { servedState, servingEngine } from './ops-runtime.js';
import { starterKbIndex } from '../../../runtime/kb-index.js';
import * as repo from './repo.js';

let engine: Promise<DialogueEngine> | null = null;
/** The engine with the shelf's product and manager names as the catalogue, built once per process. */
const engineOf = (deps: AppDeps): Promise<DialogueEngine> =>
  (engine ??= advisoryShelf(deps.db, chinaDate(deps.now())).then((s) => {
    const base = builtinEngine(
      {
        products: s.products.map((p) => ({ name: p.name, code: p.code })),
        managers: [...new Set(s.products.map((p) => p.manager))].map((name) => ({ name })),
      },
      starterKbIndex(),
    );
    // Optional LLM for open questions (LLM_BASE_URL / LLM_MODEL / LLM_API_KEY); the classical path stays the fallback.
    return deps.llm === null ? base : { ...base, llm: openAiAnswerer(deps.llm) };
  }));

const customerIdOf = (p: Principal): number => {
  if (p.kind !== 'customer' || p.customerId === null)
    throw new AppError(
      'FORBIDDEN',
      'the advisor chat is for customers; staff answer through /api/workbench/handoffs',
    );
  return p.customerId;
};

type CustomerFacts = {
  name: string;
  riskLevel: DialogueCustomer['level'];
  riskAssessedAt: string;
  lowestCategory: boolean;
  professional: boolean;
  birthDate: string;
  segment: string;
  elderly: boolean;
  payroll: boolean;
  cityTier: number;
  county: boolean;
};

const dialogueCustomer = (deps: AppDeps, id: number, row: CustomerFacts): DialogueCustomer => ({
  id,
  name: row.name,
  level: row.riskLevel,
  assessedAt: row.riskAssessedAt,
  channel: 'bank',
  lowestCategory: row.lowestCategory,
  professional: row.professional,
  age: ageOn(row.birthDate, chinaDate(deps.now())),
  tags: [row.segment, ...(row.elderly ? ['elderly'] : []), ...(row.payroll ? ['payroll'] : [])],
  attributes: { city_tier: row.cityTier, county: row.county, segment: row.segment },
});

const loadCustomer = async (deps: AppDeps, id: number) => {
  const row = (await deps.db.orm.select().from(customers).where(eq(customers.id, id)))[0];
  if (row === undefined) throw new AppError('NOT_FOUND', `customer ${id} not found`);
  return { row, dc: dialogueCustomer(deps, id, row) };
};

const NO_SESSION = (id: string) =>
  new AppError('NOT_FOUND', `advisor session ${id} not found; create one with POST /api/advisor/sessions`);

const sessionOf = async (deps: AppDeps, customerId: number, id: string) => {
  const s = await repo.findSession(deps.db, customerId, id);
  // Another customer's session is indistinguishable from an unknown one.
  if (s === null) throw NO_SESSION(id);
  return s;
};

export const createSession = async (deps: AppDeps, p: Principal): Promise<{ id: string }> => {
  const customerId = customerIdOf(p);
  const id = randomUUID();
  await repo.insertSession(deps.db, customerId, id, initialState(), deps.now());
  return { id };
};

const FALLBACK =
  '抱歉，我这边暂时出了点问题，请稍后再试，或回复“转人工”由理财经理为您处理。本内容由AI生成，仅供参考。';

/**
 * One customer turn: the dialogue engine on the stored state, the reply through the outbound guard (inside the
 * engine), then the turn, its annotations and the new state stored; a hand-off is opened and routed to the
 * customer's RM with the engine's summary. A failure anywhere in the turn answers politely and is recorded.
 */
export const postMessage = async (
  deps: AppDeps,
  p: Principal,
  sessionId: string,
  body: AdvisorMessageRequest,
  requestId: string,
  customerIdOverride?: number,
): Promise<AdvisorMessageResponse> => {
  const customerId = customerIdOverride ?? customerIdOf(p);
  // The session, the customer, the recent messages and the hand-off in one read.
  const ctx = await repo.turnContext(deps.db, customerId, sessionId, 6);
  if (ctx === null) throw NO_SESSION(sessionId);
  const input: TurnInput = 'text' in body ? { text: body.text } : { action: body.action };
  const text = 'text' in body ? body.text : `[${body.action.type}] ${body.action.value}`;
  const at = deps.now();
  const state = ctx.state as DialogueState;
  try {
    const row = ctx.customer;
    const [base, served] = await Promise.all([engineOf(deps), servedState(deps)]);
    // The flows published for the customer's org unit, the current intent model and KB (ops-runtime.ts).
    const eng = servingEngine(served, base, row.orgUnitId);
    const data = advisorData(
      deps,
      p,
      { id: customerId, annualIncomeFen: Number(row.annualIncomeFen), aumFen: Number(row.aumFen) },
      sessionId,
      requestId,
    );
    const r = await runTurn(eng, state, input, {
      customer: dialogueCustomer(deps, customerId, row),
      now: at.toISOString(),
      data,
      history: ctx.history
        .filter((h) => h.role === 'customer' || h.role === 'advisor')
        .reverse()
        .map((h) => ({ role: h.role as 'customer' | 'advisor', text: h.text })),
    });
    let handoff = ctx.handoff;
    if (r.handoff_request !== null) {
      const id = randomUUID();
      await repo.insertHandoff(deps.db, {
        customerId,
        id,
        sessionId,
        rmId: row.rmId,
        reason: r.handoff_request.reason,
        summary: r.handoff_request.summary,
        at,
      });
      handoff = { id, status: 'open' };
    }
    const failed = r.annotations.tools.filter((t) => !t.ok);
    await repo.recordTurn(
      deps.db,
      customerId,
      sessionId,
      [
        { role: 'customer', text },
        {
          role: 'advisor',
          text: r.reply.text,
          reply: r.reply,
          annotations: r.annotations,
          error: failed.length === 0 ? null : failed.map((t) => `${t.name}: ${t.error ?? ''}`).join('; '),
        },
      ],
      { state: r.state, turns: r.turn },
      at,
    );
    await captureForReview(deps, {
      customerId,
      sessionId,
      turn: r.turn,
      text: 'text' in body ? body.text : null,
      intent: r.intent,
      confidence: r.confidence,
      events: r.annotations.events,
      alternatives: r.annotations.alternatives ?? [],
    });
    return {
      turn: r.turn,
      intent: r.intent,
      confidence: r.confidence,
      slots: r.slots,
      flow: r.flow,
      reply: { text: r.reply.text, cards: r.reply.cards as unknown as Record<string, unknown>[] },
      handoff:
        handoff === null || handoff.status === 'closed' ? (r.handoff_request ? handoff : null) : handoff,
    };
  } catch (e) {
    if (e instanceof AppError && e.code !== 'INTERNAL') throw e;
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    await repo.appendMessages(
      deps.db,
      customerId,
      sessionId,
      [
        { role: 'customer', text },
        { role: 'advisor', text: FALLBACK, reply: { text: FALLBACK, cards: [] }, error },
      ],
      at,
    );
    return {
      turn: state.turn + 1,
      intent: 'unknown',
      confidence: 0,
      slots: {},
      flow: null,
      reply: { text: FALLBACK, cards: [] },
      handoff: null,
    };
  }
};

export const getSession = async (deps: AppDeps, p: Principal, sessionId: string) => {
  const customerId = customerIdOf(p);
  await sessionOf(deps, customerId, sessionId);
  return sessionView(deps, customerId, sessionId);
};

/** The messages of a session (customer, advisor, RM, system) and its latest hand-off. */
const sessionView = async (deps: AppDeps, customerId: number, sessionId: string) => {
  const [msgs, handoff] = await Promise.all([
    repo.listMessages(deps.db, customerId, sessionId),
    repo.latestHandoff(deps.db, customerId, sessionId),
  ]);
  return {
    id: sessionId,
    handoff,
    messages: msgs.map((m) => ({
      seq: m.seq,
      role: m.role,
      text: m.text,
      cards: (m.reply as { cards?: Record<string, unknown>[] } | null)?.cards ?? [],
      at: m.at.toISOString(),
    })),
  };
};

// ---------------------------------------------------------------- RM side

const rmIdOf = (p: Principal): number => {
  if (p.role !== 'rm' || p.staffId === null)
    throw new AppError('FORBIDDEN', 'hand-offs are answered by the customer’s RM');
  return p.staffId;
};

export const listHandoffs = async (deps: AppDeps, p: Principal) => {
  const rows = await repo.handoffsOfRm(deps.db, rmIdOf(p));
  return rows.map((h) => ({
    id: h.id,
    session_id: h.sessionId,
    customer_id: h.customerId,
    reason: h.reason,
    status: h.status,
    summary: h.summary as Record<string, unknown>,
    created_at: h.createdAt.toISOString(),
  }));
};

const ownHandoff = async (deps: AppDeps, p: Principal, id: string) => {
  const rm = rmIdOf(p);
  const h = await repo.findHandoff(deps.db, id);
  if (h === null || h.rmId !== rm)
    throw new AppError('NOT_FOUND', `hand-off ${id} not found among your hand-offs`);
  return h;
};

/** The conversation behind one of the RM's hand-offs (the same view the customer has). */
export const handoffConversation = async (deps: AppDeps, p: Principal, id: string) => {
  const h = await ownHandoff(deps, p, id);
  return sessionView(deps, h.customerId, h.sessionId);
};

/** The hand-off an RM corrects (their own), for the learning loop's review queue. */
export const handoffForCorrection = async (deps: AppDeps, p: Principal, id: string) => {
  const h = await ownHandoff(deps, p, id);
  return { customerId: h.customerId, sessionId: h.sessionId };
};

/** The RM's message reaches the customer in the same session, through the same outbound guard. */
export const rmMessage = async (deps: AppDeps, p: Principal, id: string, text: string) => {
  const h = await ownHandoff(deps, p, id);
  if (h.status === 'closed') throw new AppError('CONFLICT', `hand-off ${id} is closed`);
  const { dc } = await loadCustomer(deps, h.customerId);
  const g = guardOutbound({
    content: { texts: [{ id: 'text', text }] },
    customer: dc,
    now: deps.now().toISOString(),
  });
  if (!g.allowed) {
    const why = g.findings.filter((f) => f.blocking).map((f) => ('message' in f ? f.message.zh : f.kind));
    throw badInput('text', `the outbound guard refused this text: ${why.join('; ')}`, {
      findings: g.findings,
    });
  }
  const at = deps.now();
  await repo.appendMessages(deps.db, h.customerId, h.sessionId, [{ role: 'rm', text }], at);
  await repo.setHandoffStatus(deps.db, h.customerId, id, 'active', at);
  const s = await repo.findSession(deps.db, h.customerId, h.sessionId);
  if (s !== null) {
    const st = s.state as DialogueState;
    if (st.handoff) st.handoff = { ...st.handoff, status: 'active' };
    await repo.saveSession(deps.db, h.customerId, h.sessionId, st, s.turns, at);
  }
  return { id, status: 'active' };
};

/** Closing hands the session back to the advisor, which offers to resume the interrupted flow. */
export const closeHandoffOf = async (deps: AppDeps, p: Principal, id: string) => {
  const h = await ownHandoff(deps, p, id);
  const at = deps.now();
  if (h.status !== 'closed') {
    await repo.setHandoffStatus(deps.db, h.customerId, id, 'closed', at);
    const s = await repo.findSession(deps.db, h.customerId, h.sessionId);
    if (s !== null) {
      const st = closeHandoff(s.state as DialogueState);
      await repo.saveSession(deps.db, h.customerId, h.sessionId, st, s.turns, at);
      await repo.appendMessages(
        deps.db,
        h.customerId,
        h.sessionId,
        [{ role: 'system', text: '理财经理已结束本次服务，财伴继续为您服务。' }],
        at,
      );
    }
  }
  return { id, status: 'closed' };
};
