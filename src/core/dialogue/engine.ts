import { assessmentStatus } from '../advisory/assessment.js';
import type { AdvisoryProduct } from '../advisory/product.js';
import { buildShelfContext, type ShelfContext } from '../advisory/shelf-context.js';
import { businessDate } from '../advisory/days.js';
import type { CatalogueIndex } from '../nlu/catalogue.js';
import type { IntentModel } from '../nlu/intent-model.js';
import type { KbIndex } from '../nlu/kb.js';
import { normalizeText } from '../nlu/normalize.js';
import { understand } from '../nlu/pipeline.js';
import { extractSlots } from '../nlu/slots.js';
import { PURPOSES, RISK_APPETITES, type Slots } from '../nlu/types.js';
import type { ProductType } from '../product-types.js';
import type { Condition, CollectStep, Flow, Step } from './flow-schema.js';
import type { FlowSet } from './flows.js';
import {
  extractCategory,
  isAffirm,
  isCarryOver,
  isCorrection,
  isDeny,
  isStronglyNegative,
} from './entities.js';
import type { LlmAnswerer } from './llm.js';
import { guardReply } from './outbound.js';
import { maskPii } from './pii.js';
import { runTool, ToolArgsError, type AdvisorData, type ToolContext, type ToolRegistry } from './tools.js';
import type {
  Annotations,
  Card,
  DialogueCustomer,
  DialogueState,
  FlowFrame,
  HandoffReason,
  QuickReply,
  SlotMap,
  ToolCall,
  TurnInput,
  TurnResult,
} from './types.js';

/** The engine's fixed parts (built once per process): language models, flows and tools. */
export type DialogueEngine = {
  readonly model: IntentModel;
  readonly kb: KbIndex | null;
  readonly catalogue?: CatalogueIndex;
  readonly flows: FlowSet;
  readonly tools: ToolRegistry;
  /** Below this confidence an intent does not start or interrupt a flow. */
  readonly minConfidence?: number;
  /** Optional LLM for open-domain questions (grounded on the KB); the classical path stays the fallback. */
  readonly llm?: LlmAnswerer;
};

export type TurnContext = {
  readonly customer: DialogueCustomer;
  /** Instant of the turn (ISO). */
  readonly now: string;
  readonly data: AdvisorData;
  /** The last turns of the session (for a hand-off summary), oldest first. */
  readonly history?: readonly { readonly role: 'customer' | 'advisor'; readonly text: string }[];
};

/**
 * Shelf contexts by the product list they were built from: a data port that returns the same (cached) shelf
 * for every customer gets one context per day instead of one per turn.
 */
const SHELF_CONTEXTS = new WeakMap<object, { asOf: string; ctx: ShelfContext }>();
const shelfContextOf = (s: { asOf: string; products: readonly AdvisoryProduct[] }): ShelfContext => {
  const hit = SHELF_CONTEXTS.get(s.products);
  if (hit !== undefined && hit.asOf === s.asOf) return hit.ctx;
  const ctx = buildShelfContext(s.products, s.asOf);
  SHELF_CONTEXTS.set(s.products, { asOf: s.asOf, ctx });
  return ctx;
};

const MIN_CONFIDENCE = 0.3;
/** An elliptical follow-up below this confidence for a new intent continues the last question instead. */
const CARRY_OVER_CONFIDENCE = 0.6;
/** Intents answered without a flow change; they never count as an interruption. */
const NO_FLOW = new Set(['out_of_scope']);
/** Slots remembered across flows within a session. */
const MEMORY_SLOTS = ['amount', 'purpose', 'horizon_months', 'risk_appetite'];

type Out = {
  texts: string[];
  cards: Card[];
  productTypes: ProductType[];
  tools: ToolCall[];
  events: string[];
};

/** The message's slots as the dialogue stores them, with the dialogue's own readings added. */
export const messageSlots = (s: Slots, normalized: string): SlotMap => {
  const out: SlotMap = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
  const cat = extractCategory(normalized);
  if (cat !== undefined) out.category = cat;
  if (typeof s.percent === 'number') {
    if (s.percent < 0) out.stop_loss = s.percent;
    else if (s.percent > 0) out.take_profit = s.percent;
  }
  return out;
};

const customerValue = (c: DialogueCustomer, key: string, now: string): unknown => {
  switch (key) {
    case 'assessment':
      return assessmentStatus(c, businessDate(now)).status;
    case 'level':
      return c.level;
    case 'age':
      return c.age;
    case 'professional':
      return c.professional === true;
    default:
      return c.attributes?.[key];
  }
};

export const evalCondition = (cond: Condition, slots: SlotMap, c: DialogueCustomer, now: string): boolean => {
  if ('all' in cond) return cond.all.every((x) => evalCondition(x, slots, c, now));
  if ('any' in cond) return cond.any.some((x) => evalCondition(x, slots, c, now));
  if ('not' in cond) return !evalCondition(cond.not, slots, c, now);
  if ('tag' in cond) return (c.tags ?? []).includes(cond.tag);
  const v = cond.slot !== undefined ? slots[cond.slot] : customerValue(c, cond.customer!, now);
  const w = cond.value;
  switch (cond.op) {
    case 'present':
      return v !== undefined && v !== null;
    case 'absent':
      return v === undefined || v === null;
    case 'eq':
      return v === w;
    case 'ne':
      return v !== w;
    case 'in':
      return Array.isArray(w) && (w as unknown[]).includes(v);
    default: {
      if (typeof v !== 'number' || typeof w !== 'number') return false;
      return cond.op === 'lt' ? v < w : cond.op === 'lte' ? v <= w : cond.op === 'gt' ? v > w : v >= w;
    }
  }
};

const fillTemplate = (t: string, slots: SlotMap): string =>
  t.replace(/\{(\w+)\}/g, (m, k: string) => (slots[k] === undefined ? m : String(slots[k])));

/** Reads a collect step's answer from the message, or undefined when it does not answer it. */
const readAnswer = (
  step: CollectStep,
  text: string,
  normalized: string,
  slots: SlotMap,
): string | number | undefined => {
  const v = step.validation;
  const inRange = (x: number) => (v.min === undefined || x >= v.min) && (v.max === undefined || x <= v.max);
  switch (v.type) {
    case 'amount': {
      let a = slots.amount;
      if (a === undefined) {
        const bare = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(normalized);
        if (bare) a = Number(bare[1]);
      }
      return typeof a === 'number' && inRange(a) ? a : undefined;
    }
    case 'horizon': {
      const h = slots.horizon_months;
      return typeof h === 'number' && inRange(h) ? h : undefined;
    }
    case 'purpose': {
      const p = slots.purpose;
      if (typeof p === 'string') return p;
      const direct = PURPOSES.find((x) => x === normalized.trim());
      return direct;
    }
    case 'risk_appetite': {
      const r = slots.risk_appetite;
      return typeof r === 'string' ? r : RISK_APPETITES.find((x) => x === normalized.trim());
    }
    case 'category': {
      const c = slots.category;
      return typeof c === 'string' ? c : undefined;
    }
    case 'product': {
      const p = slots.product_code ?? slots.product_name;
      return typeof p === 'string' ? p : undefined;
    }
    case 'option': {
      const t = normalized.trim();
      const opts = v.options ?? [];
      const exact = opts.find((o) => o.value.toLowerCase() === t || o.label === text.trim());
      if (exact) return exact.value;
      const word = opts.find((o) => o.words.some((w) => w.length > 1 && t.includes(normalizeText(w))));
      return word?.value;
    }
    case 'text': {
      const s = text.trim();
      return s.length >= (v.min ?? 1) && s.length <= (v.max ?? 2000) ? s : undefined;
    }
  }
};

const stepIndex = (flow: Flow, id: string): number => flow.steps.findIndex((s) => s.id === id);

const nextStepId = (flow: Flow, s: Step): string | null => {
  if ('next' in s && s.next !== undefined) return s.next;
  const k = stepIndex(flow, s.id);
  return flow.steps[k + 1]?.id ?? null;
};

const promptCards = (step: CollectStep): Card[] => {
  if (step.questionnaire && step.validation.options) {
    return [
      {
        type: 'questionnaire',
        question_id: step.questionnaire.question_id,
        text: step.prompt,
        index: step.questionnaire.index,
        total: step.questionnaire.total,
        options: step.validation.options.map((o) => ({ label: o.label, value: o.value })),
      },
    ];
  }
  return step.quick_replies ? [{ type: 'quick_replies', options: step.quick_replies }] : [];
};

type Runner = {
  engine: DialogueEngine;
  ctx: TurnContext;
  toolCtx: ToolContext;
  state: DialogueState;
  out: Out;
  handoff: HandoffReason | null;
  intent: string;
};

const startFrame = (flow: Flow, slots: SlotMap, now: string): FlowFrame => ({
  flow: flow.name,
  version: flow.version,
  step: flow.steps[0]!.id,
  slots: { ...slots },
  retries: 0,
  started_at: now,
});

/** Starts a flow (its guard first); runs it until it waits for input or ends. */
const startFlow = async (r: Runner, flow: Flow, slots: SlotMap): Promise<void> => {
  if (flow.guard && !evalCondition(flow.guard, slots, r.ctx.customer, r.ctx.now)) {
    r.out.events.push(`guard_failed:${flow.name}`);
    if (flow.guard_fail) r.out.texts.push(flow.guard_fail);
    const link = flow.guard_link === undefined ? undefined : r.engine.flows.byName.get(flow.guard_link);
    if (link && link.name !== flow.name) await startFlow(r, link, {});
    return;
  }
  r.out.events.push(`start:${flow.name}`);
  r.state.active = startFrame(flow, slots, r.ctx.now);
  await advance(r);
};

const finishFlow = (r: Runner, frame: FlowFrame): void => {
  r.out.events.push(`end:${frame.flow}`);
  r.state.last = { intent: r.intent, flow: frame.flow, slots: { ...frame.slots } };
  for (const k of MEMORY_SLOTS) if (frame.slots[k] !== undefined) r.state.memory[k] = frame.slots[k]!;
  r.state.active = null;
};

const resolveArgs = (args: Record<string, unknown>, slots: SlotMap): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v !== null && typeof v === 'object' && 'slot' in v) {
      const s = slots[(v as { slot: string }).slot];
      if (s !== undefined) out[k] = s;
    } else out[k] = v;
  }
  return out;
};

const TOOL_FALLBACK = '抱歉，刚才查询数据时出了点问题，请稍后再试，或回复“转人工”由理财经理为您处理。';

/** Runs the active flow from its current step until a collect step waits for an answer or the flow ends. */
const advance = async (r: Runner): Promise<void> => {
  for (let guard = 0; guard < 100; guard++) {
    const frame = r.state.active;
    if (frame === null) return;
    const flow = r.engine.flows.byName.get(frame.flow);
    const step = flow?.steps.find((s) => s.id === frame.step);
    if (flow === undefined || step === undefined) {
      r.out.events.push(`lost_step:${frame.flow}:${frame.step}`);
      r.state.active = null;
      return;
    }
    const goNext = (id: string | null) => {
      if (id === null) finishFlow(r, frame);
      else {
        frame.step = id;
        frame.retries = 0;
      }
    };
    switch (step.kind) {
      case 'collect': {
        if (
          frame.slots[step.slot] === undefined &&
          !step.always_ask &&
          r.state.memory[step.slot] !== undefined
        )
          frame.slots[step.slot] = r.state.memory[step.slot]!;
        if (frame.slots[step.slot] !== undefined) {
          goNext(nextStepId(flow, step));
          continue;
        }
        r.out.texts.push(fillTemplate(step.prompt, frame.slots));
        r.out.cards.push(...promptCards(step));
        return;
      }
      case 'say':
        r.out.texts.push(fillTemplate(step.text, frame.slots));
        if (step.quick_replies) r.out.cards.push({ type: 'quick_replies', options: step.quick_replies });
        goNext(nextStepId(flow, step));
        continue;
      case 'branch': {
        const hit = step.cases.find((c) => evalCondition(c.when, frame.slots, r.ctx.customer, r.ctx.now));
        goNext(hit ? hit.goto : step.else);
        continue;
      }
      case 'action': {
        const args = resolveArgs(step.args, frame.slots);
        if (step.tool === 'handoff') {
          const reason = (args.reason as HandoffReason | undefined) ?? 'request';
          r.handoff = reason;
          goNext(nextStepId(flow, step));
          continue;
        }
        const t0 = performance.now();
        try {
          const res = await runTool(r.engine.tools, step.tool, args, r.toolCtx);
          r.out.tools.push({ name: step.tool, args, ok: true, ms: performance.now() - t0 });
          r.out.texts.push(res.text);
          r.out.cards.push(...(res.cards ?? []));
          r.out.productTypes.push(...(res.productTypes ?? []));
          Object.assign(frame.slots, res.set ?? {});
          goNext(nextStepId(flow, step));
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          r.out.tools.push({ name: step.tool, args, ok: false, ms: performance.now() - t0, error: msg });
          r.out.events.push(
            e instanceof ToolArgsError ? `tool_args_error:${step.tool}` : `tool_error:${step.tool}`,
          );
          r.out.texts.push(TOOL_FALLBACK);
          finishFlow(r, frame);
        }
        continue;
      }
      case 'link': {
        const next = r.engine.flows.byName.get(step.flow)!;
        finishFlow(r, frame);
        await startFlow(r, next, { ...frame.slots });
        return;
      }
      case 'call': {
        const next = r.engine.flows.byName.get(step.flow)!;
        const after = nextStepId(flow, step);
        if (after === null) finishFlow(r, frame);
        else {
          frame.step = after;
          r.state.stack.push({ ...frame, slots: { ...frame.slots } });
          r.state.active = null;
        }
        await startFlow(r, next, { ...frame.slots });
        return;
      }
      case 'end':
        finishFlow(r, frame);
        return;
    }
  }
  r.out.events.push('step_limit');
  r.state.active = null;
};

const currentCollect = (r: Runner): CollectStep | null => {
  const f = r.state.active;
  if (f === null) return null;
  const s = r.engine.flows.byName.get(f.flow)?.steps.find((x) => x.id === f.step);
  return s?.kind === 'collect' ? s : null;
};

/** Slots of the active flow that the message also fills (other collect steps not yet answered). */
const fillOthers = (r: Runner, slots: SlotMap, overwrite: boolean): string[] => {
  const f = r.state.active!;
  const flow = r.engine.flows.byName.get(f.flow)!;
  const filled: string[] = [];
  for (const s of flow.steps) {
    if (s.kind !== 'collect' || s.validation.type === 'option' || s.validation.type === 'text') continue;
    const v = slots[s.slot];
    if (v !== undefined && (overwrite || f.slots[s.slot] === undefined)) {
      f.slots[s.slot] = v;
      filled.push(s.slot);
    }
  }
  return filled;
};

const flowTitle = (r: Runner, name: string): string => r.engine.flows.byName.get(name)?.title ?? name;

const RESUME_REPLIES: QuickReply[] = [
  { label: '继续', value: '继续' },
  { label: '不用了', value: '不用了' },
];

const offerResume = (r: Runner): void => {
  const top = r.state.stack[r.state.stack.length - 1];
  if (top === undefined || r.state.active !== null) return;
  r.state.offered_resume = top.flow;
  r.out.texts.push(`刚才我们在聊「${flowTitle(r, top.flow)}」，要继续吗？`);
  r.out.cards.push({ type: 'quick_replies', options: RESUME_REPLIES });
  r.out.events.push(`offer_resume:${top.flow}`);
};

const resume = async (r: Runner): Promise<void> => {
  const frame = r.state.stack.pop()!;
  r.state.offered_resume = null;
  r.intent = r.engine.flows.byName.get(frame.flow)?.intents[0] ?? r.intent;
  r.out.events.push(`resume:${frame.flow}`);
  r.state.active = frame;
  r.out.texts.push(`好的，我们继续「${flowTitle(r, frame.flow)}」。`);
  await advance(r);
};

/**
 * The optional LLM on an open question: the text masked, a timeout, the answer (grounded on KB top-k through
 * tool calls) appended for the guard; any failure falls back to the classical reply (false).
 */
const askLlm = async (
  llm: LlmAnswerer,
  engine: DialogueEngine,
  text: string,
  ctx: TurnContext,
  out: Out,
): Promise<boolean> => {
  const t0 = performance.now();
  const question = maskPii(text, ctx.customer.name === undefined ? [] : [ctx.customer.name]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const ans = await Promise.race([
      // A late failure after the timeout must not surface as an unhandled rejection.
      llm.answer({ question, kb: engine.kb, customer: ctx.customer }).catch((e: unknown) => {
        if (performance.now() - t0 < llm.timeoutMs) throw e;
        return null;
      }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), llm.timeoutMs);
      }),
    ]);
    const ms = performance.now() - t0;
    if (ans === null || ans.text.trim() === '') {
      out.events.push('llm_fallback');
      out.tools.push({
        name: `llm:${llm.model}`,
        args: { question },
        ok: false,
        ms,
        error: 'timeout or empty answer',
      });
      return false;
    }
    out.events.push('llm_answer');
    out.tools.push({
      name: `llm:${llm.model}`,
      args: { question, kb_ids: ans.kb_ids, tokens: ans.tokens, tool_calls: ans.tool_calls },
      ok: true,
      ms,
    });
    out.texts.push(ans.text);
    for (const id of ans.kb_ids.slice(0, 1)) {
      const item = engine.kb?.items.find((k) => k.id === id);
      if (item) out.cards.push({ type: 'kb_answer', kb_id: item.id, question: item.question });
    }
    return true;
  } catch (e) {
    out.events.push('llm_fallback');
    out.tools.push({
      name: `llm:${llm.model}`,
      args: { question },
      ok: false,
      ms: performance.now() - t0,
      error: e instanceof Error ? e.message : String(e),
    });
    return false;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
};

const STEER: QuickReply[] = [
  { label: '资产配置', value: '帮我做个资产配置' },
  { label: '持仓体检', value: '帮我体检一下持仓' },
  { label: '转人工', value: '转人工' },
];

/**
 * One turn: normalise → language engine (intent, slots, confidence, alternatives) → policy (active flow,
 * stack of interrupted flows, corrections, carry-over, timeouts) → tools → reply (text, cards, quick replies)
 * → outbound guard → annotations. Pure apart from the data port; the state in and out is plain JSON.
 */
export const runTurn = async (
  engine: DialogueEngine,
  stateIn: DialogueState,
  input: TurnInput,
  ctx: TurnContext,
): Promise<TurnResult> => {
  const t0 = performance.now();
  const state: DialogueState = structuredClone(stateIn);
  state.turn += 1;
  const out: Out = { texts: [], cards: [], productTypes: [], tools: [], events: [] };
  const action = 'action' in input ? input.action : null;
  const text = action === null ? (input as { text: string }).text : action.value;
  const normalized = normalizeText(text);

  let shelf: Promise<ShelfContext> | null = null;
  const toolCtx: ToolContext = {
    customer: ctx.customer,
    now: ctx.now,
    data: ctx.data,
    kb: engine.kb,
    text: normalized,
    shelfContext: () => (shelf ??= ctx.data.shelf().then(shelfContextOf)),
  };

  // Timeouts: a flow left waiting longer than its timeout expires (with the flows it interrupted).
  if (state.active !== null && state.last_turn_at !== null) {
    const flow = engine.flows.byName.get(state.active.flow);
    const idle = (Date.parse(ctx.now) - Date.parse(state.last_turn_at)) / 60_000;
    if (flow && idle > flow.timeout_minutes) {
      out.events.push(`timeout:${state.active.flow}`);
      out.texts.push(`刚才的「${flow.title}」已超时，我们重新开始吧。`);
      state.active = null;
      state.stack = [];
      state.offered_resume = null;
    }
  }

  const u = understand(text, {
    model: engine.model,
    ...(engine.catalogue ? { catalogue: engine.catalogue } : {}),
    ...(state.last_intent === null ? {} : { previousIntent: state.last_intent }),
  });
  let intent = u.intent;
  let confidence = u.confidence;
  if (action?.type === 'handoff') {
    intent = 'human_handoff';
    confidence = 1;
  }
  const slots = messageSlots(u.slots, normalized);
  const r: Runner = { engine, ctx, toolCtx, state, out, handoff: null, intent };
  const minConf = engine.minConfidence ?? MIN_CONFIDENCE;
  const confident = confidence >= minConf && !NO_FLOW.has(intent);
  const flowOfIntent = confident ? engine.flows.byIntent.get(intent) : undefined;
  let understood = true;

  const handled = async (): Promise<void> => {
    // A hand-off in progress: the RM answers; the advisor only acknowledges.
    if (state.handoff !== null && state.handoff.status !== 'closed') {
      out.events.push('in_handoff');
      out.texts.push('您的理财经理会在这里回复您，请稍候。');
      out.cards.push({ type: 'handoff', status: state.handoff.status });
      return;
    }
    if (action?.type === 'cancel') {
      if (state.active) out.events.push(`cancel:${state.active.flow}`);
      state.active = null;
      state.offered_resume = null;
      out.texts.push('好的，已取消。还有什么可以帮您？');
      return;
    }
    if (isStronglyNegative(normalized)) {
      r.handoff = 'negative_sentiment';
      out.texts.push('非常抱歉让您不满意。');
      return;
    }
    if (
      flowOfIntent?.name === 'handoff' ||
      (flowOfIntent?.name === 'complaint' && state.active?.flow !== 'complaint')
    ) {
      if (state.active) {
        const f = engine.flows.byName.get(state.active.flow);
        if (f?.resumable) state.stack.push(state.active);
        state.active = null;
      }
      await startFlow(r, flowOfIntent, slots);
      return;
    }
    // A resume offer waits for yes / no.
    if (state.offered_resume !== null && state.active === null) {
      if (action?.type === 'resume' ? action.value !== 'no' : isAffirm(normalized)) return resume(r);
      if (action?.type === 'resume' || isDeny(normalized)) {
        out.events.push(`drop_resume:${state.offered_resume}`);
        state.stack = [];
        state.offered_resume = null;
        out.texts.push('好的。还有什么可以帮您？');
        return;
      }
      state.offered_resume = null;
    }
    const collect = currentCollect(r);
    if (collect !== null && state.active !== null) {
      const frame = state.active;
      // A correction changes slots already given (不对，是30万) and the flow goes on.
      if (isCorrection(normalized) && Object.keys(slots).length > 0) {
        const changed = fillOthers(r, slots, true);
        if (changed.length > 0) {
          out.events.push(`correction:${changed.join(',')}`);
          out.texts.push('好的，已更正。');
          await advance(r);
          return;
        }
      }
      const answer = readAnswer(collect, text, normalized, slots);
      const others = fillOthers(r, slots, false);
      const flowIntent = engine.flows.byName.get(frame.flow)?.intents[0];
      if ((answer !== undefined || others.length > 0) && flowIntent !== undefined) r.intent = flowIntent;
      if (answer !== undefined) {
        frame.slots[collect.slot] = answer;
        out.events.push(`filled:${[collect.slot, ...others.filter((s) => s !== collect.slot)].join(',')}`);
        await advance(r);
        return;
      }
      if (others.length > 0) {
        out.events.push(`filled:${others.join(',')}`);
        await advance(r);
        return;
      }
      // Another question in the middle of a flow: an interruption (the flow is kept and offered back).
      if (
        flowOfIntent !== undefined &&
        flowOfIntent.interrupts &&
        flowOfIntent.name !== frame.flow &&
        collect.validation.type !== 'text'
      ) {
        const current = engine.flows.byName.get(frame.flow);
        out.events.push(`interrupt:${frame.flow}`);
        if (current?.resumable) state.stack.push(frame);
        state.active = null;
        await startFlow(r, flowOfIntent, slots);
        if (state.active === null) offerResume(r);
        return;
      }
      frame.retries += 1;
      if (frame.retries > collect.retries) {
        out.events.push(`retries_exhausted:${frame.flow}`);
        out.texts.push('抱歉，我还是没能理解。我们先到这里，您可以换个方式再问我，或回复“转人工”。');
        state.active = null;
        understood = false;
        return;
      }
      out.events.push(`retry:${collect.slot}`);
      out.texts.push(collect.rejection);
      out.cards.push(...promptCards(collect));
      return;
    }
    // Carry-over (那债券基金呢？) or a correction after the answer (不对，是30万): the last question again with
    // the slots changed.
    const follow = isCarryOver(normalized) || isCorrection(normalized);
    if (
      follow &&
      state.last !== null &&
      Object.keys(slots).length > 0 &&
      (flowOfIntent === undefined ||
        flowOfIntent.name === state.last.flow ||
        confidence < CARRY_OVER_CONFIDENCE ||
        isCorrection(normalized))
    ) {
      const flow = engine.flows.byName.get(state.last.flow);
      if (flow) {
        out.events.push(`${isCorrection(normalized) ? 'correction' : 'carry_over'}:${flow.name}`);
        r.intent = intent = state.last.intent;
        await startFlow(r, flow, { ...state.last.slots, ...slots });
        return;
      }
    }
    if (flowOfIntent === undefined) {
      if (engine.llm !== undefined) {
        const ans = await askLlm(engine.llm, engine, text, ctx, out);
        if (ans) return;
      }
      understood = false;
      out.events.push('not_understood');
      out.texts.push('抱歉，我没太明白您的意思。我可以帮您做这些：');
      out.cards.push({ type: 'quick_replies', options: STEER });
      return;
    }
    await startFlow(r, flowOfIntent, slots);
    if (state.active === null && !['handoff', 'complaint'].includes(flowOfIntent.name)) offerResume(r);
  };
  await handled();
  intent = r.intent;

  state.misunderstood = understood ? 0 : state.misunderstood + 1;
  if (state.misunderstood >= 2 && r.handoff === null && state.handoff === null) {
    r.handoff = 'misunderstanding';
    out.texts.push('看来我没能帮到您，');
  }
  let handoffRequest: TurnResult['handoff_request'] = null;
  if (r.handoff !== null && (state.handoff === null || state.handoff.status === 'closed')) {
    state.handoff = { reason: r.handoff, status: 'open' };
    state.misunderstood = 0;
    out.events.push(`handoff:${r.handoff}`);
    out.texts.push('已为您转接理财经理，请稍候，他会在这里回复您。');
    out.cards.push({ type: 'handoff', status: 'open' });
    handoffRequest = {
      reason: r.handoff,
      summary: {
        reason: r.handoff,
        intent,
        slots: { ...(state.active?.slots ?? state.last?.slots ?? {}), ...slots },
        flow: state.active?.flow ?? state.last?.flow ?? null,
        last_turns: [...(ctx.history ?? []), { role: 'customer' as const, text }].slice(-6),
        customer: {
          id: ctx.customer.id,
          level: ctx.customer.level,
          assessed_at: ctx.customer.assessedAt,
          tags: ctx.customer.tags ?? [],
        },
      },
    };
  }

  const guarded = guardReply(out.texts.join('\n'), out.cards, out.productTypes, ctx.customer, ctx.now);
  // Quick replies travel as the last card.
  const cards = [
    ...guarded.cards.filter((c) => c.type !== 'quick_replies'),
    ...guarded.cards.filter((c) => c.type === 'quick_replies').slice(-1),
  ];
  state.last_intent = intent;
  state.last_turn_at = ctx.now;
  const flow = state.active === null ? null : { name: state.active.flow, step: state.active.step };
  const annotations: Annotations = {
    intent,
    confidence,
    alternatives: u.alternatives,
    slots,
    flow,
    events: out.events,
    tools: out.tools,
    guard: {
      allowed: guarded.allowed,
      findings: guarded.findings,
      refused_products: guarded.refused_products,
      replaced_text: guarded.replaced_text,
    },
    latency_ms: performance.now() - t0,
  };
  return {
    state,
    turn: state.turn,
    intent,
    confidence,
    slots:
      flow !== null
        ? { ...state.active!.slots }
        : out.events.some((e) => e.startsWith('end:')) && state.last !== null
          ? { ...state.last.slots }
          : slots,
    flow,
    reply: { text: guarded.text, cards },
    handoff_request: handoffRequest,
    annotations,
  };
};

/** The hand-off ended (the RM closed it): the advisor takes over again and offers the interrupted flow. */
export const closeHandoff = (state: DialogueState): DialogueState => {
  const s = structuredClone(state);
  if (s.handoff) s.handoff = { ...s.handoff, status: 'closed' };
  s.misunderstood = 0;
  if (s.stack.length > 0 && s.active === null) s.offered_resume = s.stack[s.stack.length - 1]!.flow;
  return s;
};

export { extractSlots };
