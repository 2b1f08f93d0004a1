import { z } from 'zod';
import { badInput } from '../errors.js';

/**
 * Flows are data: versioned JSON validated here (docs/advisor.md documents the schema). A flow is a list of
 * steps run in order from the first; `next` jumps, `end` stops. The engine interprets them (engine.ts).
 */

const SlotRef = z.object({ slot: z.string().min(1) }).strict();
const ArgValue = z.union([z.string(), z.number(), z.boolean(), SlotRef]);

const Operand = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

/** A condition on slots (`slot`), customer attributes (`customer`: level, assessment, age …) or tags (`tag`). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { tag: string }
  | {
      slot?: string | undefined;
      customer?: string | undefined;
      op: 'present' | 'absent' | 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in';
      value?: z.infer<typeof Operand> | undefined;
    };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ tag: z.string().min(1) }).strict(),
    z
      .object({
        slot: z.string().min(1).optional(),
        customer: z.string().min(1).optional(),
        op: z.enum(['present', 'absent', 'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in']),
        value: Operand.optional(),
      })
      .strict()
      .refine((c) => (c.slot === undefined) !== (c.customer === undefined), {
        message: 'a leaf condition names exactly one of slot or customer',
      }),
  ]),
);

/** How a collected answer is read and checked. */
export const Validation = z
  .object({
    type: z.enum(['amount', 'horizon', 'purpose', 'risk_appetite', 'option', 'product', 'text', 'category']),
    min: z.number().optional(),
    max: z.number().optional(),
    /** For `option`: the accepted values (quick-reply values), each with words that also select it. */
    options: z
      .array(z.object({ value: z.string(), label: z.string(), words: z.array(z.string()).default([]) }))
      .optional(),
  })
  .strict();

const QuickReplySchema = z.object({ label: z.string().min(1), value: z.string().min(1) }).strict();

const base = { id: z.string().min(1), next: z.string().optional() };

const Collect = z
  .object({
    ...base,
    kind: z.literal('collect'),
    slot: z.string().min(1),
    prompt: z.string().min(1),
    validation: Validation,
    retries: z.number().int().min(0).max(5).default(2),
    rejection: z.string().min(1),
    /** Ask even when the slot is remembered from an earlier flow (default: a remembered value is reused). */
    always_ask: z.boolean().default(false),
    quick_replies: z.array(QuickReplySchema).optional(),
    /** Show the prompt as a questionnaire card (risk assessment). */
    questionnaire: z.object({ question_id: z.string(), index: z.number(), total: z.number() }).optional(),
  })
  .strict();

const Action = z
  .object({
    ...base,
    kind: z.literal('action'),
    tool: z.string().min(1),
    args: z.record(z.string(), ArgValue).default({}),
  })
  .strict();

const Branch = z
  .object({
    ...base,
    kind: z.literal('branch'),
    cases: z.array(z.object({ when: ConditionSchema, goto: z.string().min(1) }).strict()).min(1),
    else: z.string().min(1),
  })
  .strict();

const Say = z
  .object({
    ...base,
    kind: z.literal('say'),
    text: z.string().min(1),
    quick_replies: z.array(QuickReplySchema).optional(),
  })
  .strict();

/** `link`: this flow ends and another starts; `call`: another runs, then this one continues. */
const Link = z.object({ ...base, kind: z.literal('link'), flow: z.string().min(1) }).strict();
const Call = z.object({ ...base, kind: z.literal('call'), flow: z.string().min(1) }).strict();
const End = z.object({ id: z.string().min(1), kind: z.literal('end') }).strict();

export const StepSchema = z.discriminatedUnion('kind', [Collect, Action, Branch, Say, Link, Call, End]);

export const FlowSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    title: z.string().min(1),
    description: z.string().default(''),
    /** Intents of the language engine that start this flow. */
    intents: z.array(z.string()).default([]),
    /** Conditions to enter; when not met the advisor says `guard_fail` and links to `guard_link` (if any). */
    guard: ConditionSchema.optional(),
    guard_fail: z.string().optional(),
    guard_link: z.string().optional(),
    /** Minutes of silence after which the flow expires. */
    timeout_minutes: z.number().positive().default(30),
    /** Offer to resume after an interruption (false: an interrupted flow is dropped). */
    resumable: z.boolean().default(true),
    /** May start in the middle of another flow's question (false: small talk counts as a failed answer). */
    interrupts: z.boolean().default(true),
    steps: z.array(StepSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.steps.forEach((s, k) => {
      if (ids.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['steps', k, 'id'], message: `duplicate step ${s.id}` });
      ids.add(s.id);
    });
    f.steps.forEach((s, k) => {
      const targets: string[] = [];
      if ('next' in s && s.next !== undefined) targets.push(s.next);
      if (s.kind === 'branch') targets.push(...s.cases.map((c) => c.goto), s.else);
      for (const t of targets)
        if (!ids.has(t)) ctx.addIssue({ code: 'custom', path: ['steps', k], message: `unknown step ${t}` });
    });
  });

export type Flow = z.infer<typeof FlowSchema>;
export type FlowInput = z.input<typeof FlowSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
export type CollectStep = z.infer<typeof Collect>;
export type ValidationSpec = z.infer<typeof Validation>;

/** Parses one flow document; a bad document names the path of the first problem. */
export const parseFlow = (json: unknown): Flow => {
  const r = FlowSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw badInput(`flow.${issue.path.join('.')}`, issue.message);
};
