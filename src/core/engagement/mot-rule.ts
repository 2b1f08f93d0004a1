import { z } from 'zod';
import { AppError } from '../errors.js';
import { EVENT_TYPES } from '../event-types.js';
import { ruleIssues } from '../segment/rule.js';
import type { Rule } from '../segment/rule.js';

/**
 * The MOT (moment of truth, 关键时刻) rule model (issue 14): a trigger (a customer event with payload
 * conditions, a daily scan, or a market move), segment conditions on the customer (core/segment, evaluated in
 * memory), and actions — a lead for the RM, a message through the outbox, a proactive chat message. Rules are
 * data: operations edit them, every save is a new version, and `parseMotRule` names the JSON path of any bad node.
 */
export const SCANS = ['maturity', 'assessment_expiry', 'birthday', 'repeat_view', 'drawdown'] as const;
export type Scan = (typeof SCANS)[number];

export const WHERE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'abs_gte'] as const;
export type WhereOp = (typeof WHERE_OPS)[number];

const text = (max: number) =>
  z.string({ message: 'expected text' }).trim().min(1, { message: 'must not be empty' }).max(max);
const Bilingual = z.strictObject({ zh: text(1000), en: text(1000) });
export type Bilingual = z.infer<typeof Bilingual>;

/** A payload condition of an event trigger: `amount gte 500000` (yuan), `product_code eq "000001"`. */
const Where = z.strictObject({
  field: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'a payload field such as "amount"' }),
  op: z.enum(WHERE_OPS, { message: `expected one of ${WHERE_OPS.join(', ')}` }),
  value: z.union([z.number().finite(), z.string().max(200)], { message: 'expected a number or text' }),
});
export type Where = z.infer<typeof Where>;

const EventTrigger = z.strictObject({
  event: z.enum(EVENT_TYPES, { message: `expected one of ${EVENT_TYPES.join(', ')}` }),
  where: z.array(Where).max(10).optional(),
});
const ScheduleTrigger = z.strictObject({
  schedule: z.literal('daily', { message: 'expected "daily"' }),
  scan: z.enum(SCANS, { message: `expected one of ${SCANS.join(', ')}` }),
  /** Window of the scan: maturity/assessment expiry within N days ahead, views within the last N days. */
  days: z.number().int().min(1).max(366).optional(),
  /** repeat_view: views of one product at least this often. */
  minCount: z.number().int().min(1).max(1000).optional(),
  /** drawdown: loss of a holding against its cost at least this fraction (0.1 = 10%). */
  threshold: z.number().gt(0).lt(1).optional(),
});
const MarketTrigger = z.strictObject({
  market: z.literal('index_move', { message: 'expected "index_move"' }),
  /** Fraction (0.02 = 2%); the rule fires when |change| ≥ this. */
  minAbsChange: z.number().gt(0).lt(1),
  /** Only moves of these indices (default: any). */
  indices: z.array(text(64)).max(50).optional(),
});
const Trigger = z.union([EventTrigger, ScheduleTrigger, MarketTrigger], {
  message: 'expected {event, where?}, {schedule: "daily", scan} or {market: "index_move", minAbsChange}',
});
export type Trigger = z.infer<typeof Trigger>;
export type EventTrigger = z.infer<typeof EventTrigger>;
export type ScheduleTrigger = z.infer<typeof ScheduleTrigger>;
export type MarketTrigger = z.infer<typeof MarketTrigger>;

const LeadAction = z.strictObject({
  /** What the RM says; placeholders {name} {amount} {product} {date} {change} {days} are filled from the facts. */
  script: Bilingual,
  /** Hours until the lead is due (SLA); past it, a new lead is escalated to the branch manager. */
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});
const MessageAction = z.strictObject({
  channel: z.enum(['app', 'sms', 'wecom', 'email'], { message: 'expected app, sms, wecom or email' }),
  purpose: z.enum(['marketing', 'service'], { message: 'expected marketing or service' }),
  template: Bilingual,
  title: Bilingual.optional(),
  /** Products offered: the recommender's picks, the product the trigger is about, or none. */
  products: z.enum(['recommend', 'held', 'none'], { message: 'expected recommend, held or none' }),
});
const ChatAction = z.strictObject({ template: Bilingual });

const Actions = z
  .strictObject({
    lead: LeadAction.optional(),
    message: MessageAction.optional(),
    chat: ChatAction.optional(),
  })
  .refine((a) => a.lead !== undefined || a.message !== undefined || a.chat !== undefined, {
    message: 'give at least one action: lead, message or chat',
  });
export type LeadAction = z.infer<typeof LeadAction>;
export type MessageAction = z.infer<typeof MessageAction>;

const Conditions = z.unknown().superRefine((v, ctx) => {
  for (const i of ruleIssues(v, '')) {
    const path = i.path
      .split(/\.|\[|\]/)
      .filter((s) => s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    ctx.addIssue({ code: 'custom', message: i.message, path });
  }
});

export const MotRuleSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, { message: 'a snake_case key such as "large_inflow"' }),
  name: Bilingual,
  trigger: Trigger,
  /** A segment rule tree the customer must match (omit: everyone the trigger reaches). */
  conditions: Conditions.optional(),
  actions: Actions,
  /** Higher first when several rules fire for one event. */
  priority: z.number().int().min(0).max(1000).default(100),
  /** One firing per customer (and subject) per window of this many days. */
  dedupeWindowDays: z.number().int().min(1).max(3660),
  version: z.number().int().min(1).default(1),
  enabled: z.boolean().default(true),
});

export type MotRule = Omit<z.infer<typeof MotRuleSchema>, 'conditions'> & { conditions?: Rule };

const pathOf = (root: string, p: readonly PropertyKey[]): string =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${String(k)}`), root);

/** A trigger's issues against the one trigger kind its keys name (a union's error would not say which field). */
const triggerIssues = (t: unknown): { path: PropertyKey[]; message: string }[] => {
  const o = typeof t === 'object' && t !== null ? t : {};
  const schema =
    'event' in o ? EventTrigger : 'schedule' in o ? ScheduleTrigger : 'market' in o ? MarketTrigger : null;
  const r = schema?.safeParse(t);
  if (schema === null || r === undefined || r.success)
    return [{ path: [], message: Trigger.safeParse(t).error?.issues[0]?.message ?? 'invalid trigger' }];
  return r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

/** The typed rule, or BAD_INPUT whose message and `field` name the JSON path of the first bad node. */
export const parseMotRule = (input: unknown, root = 'rule'): MotRule => {
  const r = MotRuleSchema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.flatMap((i) =>
      i.path.length === 1 && i.path[0] === 'trigger'
        ? triggerIssues((input as { trigger?: unknown }).trigger).map((t) => ({
            path: pathOf(`${root}.trigger`, t.path),
            message: t.message,
          }))
        : [{ path: pathOf(root, i.path), message: i.message }],
    );
    const first = issues[0]!;
    throw new AppError('BAD_INPUT', `${first.path}: ${first.message}`, { field: first.path, issues });
  }
  return r.data as MotRule;
};

export const isEventTrigger = (t: Trigger): t is EventTrigger => 'event' in t;
export const isScheduleTrigger = (t: Trigger): t is ScheduleTrigger => 'schedule' in t;
export const isMarketTrigger = (t: Trigger): t is MarketTrigger => 'market' in t;
