import { z } from 'zod';
import { CONVERSATIONS } from './conversations/index.js';
import type { Conversation } from './conversations/types.js';
import { FlowSchema, type Flow } from './flow-schema.js';
import { ACTION_TYPES } from './types.js';

/**
 * A published flow set (issue 12, 敏捷会话配置): the flows an organisation unit publishes and the conversation
 * tests that ship with them, as one JSON document. HQ publishes the default set; a branch or outlet publishes
 * overrides (a flow with the same name replaces the parent's, a new name adds a flow). Pure: the server stores
 * and versions the documents, this module validates, merges and tests them.
 */

const CARD_TYPES = [
  'product',
  'allocation',
  'checkup',
  'comparison',
  'statement',
  'attribution',
  'kb_answer',
  'questionnaire',
  'quick_replies',
  'handoff',
] as const;

const ExpectSchema = z
  .object({
    intent: z.string().min(1).optional(),
    flow: z.string().min(1).nullable().optional(),
    step: z.string().min(1).optional(),
    cards: z.array(z.enum(CARD_TYPES)).optional(),
    no_cards: z.array(z.enum(CARD_TYPES)).optional(),
    events: z.array(z.string().min(1)).optional(),
    /** A regular expression the reply text must match. */
    text: z
      .string()
      .min(1)
      .refine(
        (s) => {
          try {
            new RegExp(s);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'not a valid regular expression' },
      )
      .optional(),
    handoff: z.boolean().optional(),
  })
  .strict();

const TurnSchema = z.union([
  z.object({ say: z.string().min(1), expect: ExpectSchema.default({}) }).strict(),
  z
    .object({
      action: z.object({ type: z.enum(ACTION_TYPES), value: z.string() }).strict(),
      expect: ExpectSchema.default({}),
    })
    .strict(),
]);

/** A conversation test as data: the fixture customer (c1…c5, expired), turns and what each must produce. */
export const ConversationTestSchema = z
  .object({
    name: z.string().min(1),
    customer: z.enum(['c1', 'c2', 'c3', 'c4', 'c5', 'expired']).default('c3'),
    gap_minutes: z.number().positive().optional(),
    /** Makes one data port fail (tool-failure tests); `holdings` replaces the fixture customer's holdings. */
    fail: z.enum(['shelf', 'holdings', 'proposal', 'indexLevels', 'createTicket']).optional(),
    holdings: z.array(z.string().min(1)).optional(),
    turns: z.array(TurnSchema).min(1),
  })
  .strict();
export type ConversationTest = z.infer<typeof ConversationTestSchema>;

export const FlowSetDocumentSchema = z
  .object({
    flows: z.array(FlowSchema),
    tests: z.array(ConversationTestSchema).default([]),
  })
  .strict();
export type FlowSetDocument = z.infer<typeof FlowSetDocumentSchema>;

export type FlowSetIssue = { path: string; message: string };

/** Later layers override earlier ones flow by flow (same name replaces, in place; a new name is appended). */
export const mergeFlowLayers = (layers: readonly (readonly Flow[])[]): Flow[] => {
  const out = new Map<string, Flow>();
  for (const layer of layers) for (const f of layer) out.set(f.name, f);
  return [...out.values()];
};

const pathOf = (p: readonly PropertyKey[]): string => p.map(String).join('.');

/**
 * Validates a flow-set document: the zod schema (every problem with its JSON path), then what the schema cannot
 * see: flow names unique in the document, tools that exist, and the effective set (the parent layers with this
 * document on top) starting each intent from one flow and linking only to flows that exist.
 */
export const validateFlowSet = (
  json: unknown,
  ctx: { parent: readonly Flow[]; tools: ReadonlySet<string> },
): { ok: true; doc: FlowSetDocument; effective: Flow[] } | { ok: false; issues: FlowSetIssue[] } => {
  const r = FlowSetDocumentSchema.safeParse(json);
  if (!r.success)
    return { ok: false, issues: r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })) };
  const doc = r.data;
  const issues: FlowSetIssue[] = [];
  const seen = new Set<string>();
  doc.flows.forEach((f, k) => {
    if (seen.has(f.name)) issues.push({ path: `flows.${k}.name`, message: `duplicate flow ${f.name}` });
    seen.add(f.name);
    f.steps.forEach((s, j) => {
      if (s.kind === 'action' && s.tool !== 'handoff' && !ctx.tools.has(s.tool))
        issues.push({
          path: `flows.${k}.steps.${j}.tool`,
          message: `unknown tool ${s.tool}; known: ${[...ctx.tools].sort().join(', ')}`,
        });
    });
  });
  const effective = mergeFlowLayers([ctx.parent, doc.flows]);
  const names = new Set(effective.map((f) => f.name));
  const byIntent = new Map<string, string>();
  for (const f of effective) {
    const k = doc.flows.findIndex((d) => d.name === f.name);
    const at = k < 0 ? `parent flow ${f.name}` : `flows.${k}`;
    f.intents.forEach((i, j) => {
      const other = byIntent.get(i);
      if (other !== undefined)
        issues.push({
          path: k < 0 ? at : `${at}.intents.${j}`,
          message: `intent ${i} already starts flow ${other}`,
        });
      else byIntent.set(i, f.name);
    });
    f.steps.forEach((s, j) => {
      if ((s.kind === 'link' || s.kind === 'call') && !names.has(s.flow))
        issues.push({ path: k < 0 ? at : `${at}.steps.${j}.flow`, message: `unknown flow ${s.flow}` });
    });
    if (f.guard_link !== undefined && !names.has(f.guard_link))
      issues.push({ path: k < 0 ? at : `${at}.guard_link`, message: `unknown flow ${f.guard_link}` });
  }
  return issues.length === 0 ? { ok: true, doc, effective } : { ok: false, issues };
};

/** The code-defined conversation tests (conversations/*.ts) as data, so that they run against any flow set. */
export const builtinConversationTests = (): ConversationTest[] =>
  CONVERSATIONS.map((c: Conversation) => ({
    name: c.name,
    customer: c.customer as ConversationTest['customer'],
    ...(c.gapMinutes === undefined ? {} : { gap_minutes: c.gapMinutes }),
    ...(c.fail === undefined ? {} : { fail: c.fail }),
    ...(c.holdings === undefined ? {} : { holdings: c.holdings }),
    turns: c.turns.map((t) => {
      const e = t.expect;
      const expect = {
        ...(e.intent === undefined ? {} : { intent: e.intent }),
        ...(e.flow === undefined ? {} : { flow: e.flow }),
        ...(e.step === undefined ? {} : { step: e.step }),
        ...(e.cards === undefined ? {} : { cards: e.cards }),
        ...(e.noCards === undefined ? {} : { no_cards: e.noCards }),
        ...(e.events === undefined ? {} : { events: e.events }),
        ...(e.text === undefined ? {} : { text: e.text.source }),
        ...(e.handoff === undefined ? {} : { handoff: e.handoff }),
      };
      return 'say' in t ? { say: t.say, expect } : { action: t.action, expect };
    }),
  }));

/** Flows a conversation test names in its expectations (to pick the built-in tests a draft affects). */
export const flowsOfTest = (t: ConversationTest): Set<string> =>
  new Set(t.turns.flatMap((turn) => (turn.expect.flow ? [turn.expect.flow] : [])));
