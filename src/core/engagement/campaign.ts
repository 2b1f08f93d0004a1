import { z } from 'zod';
import { AppError } from '../errors.js';
import { assignVariation } from '../experiment/hashing.js';
import { guardOutbound } from '../guard/guard.js';
import type { GuardFinding, TextProductType } from '../guard/types.js';
import { ruleIssues } from '../segment/rule.js';
import type { OutboundMessage } from './message.js';

/**
 * A marketing campaign run as an experiment (issue 14 item 6): a target (saved segment or inline rule), treatment
 * arms each carrying one message, a holdout that receives nothing, and a conversion definition measured in a
 * window after assignment. Assignment is GrowthBook-compatible hashing (experiment key = campaign key, hash
 * attribute = customer id, hash v2), so any GrowthBook SDK reproduces who got what.
 */

export const HOLDOUT_ARM = 'holdout';
export const CAMPAIGN_CHANNELS = ['app', 'sms', 'wecom', 'email', 'chat'] as const;
/** Placeholders a message template may use (no personal data: the outbox renders nothing per person). */
export const TEMPLATE_VARS = ['products', 'campaign'] as const;
export type TemplateVar = (typeof TEMPLATE_VARS)[number];

const KEY = /^[a-z0-9][a-z0-9_-]{1,47}$/;
const ARM_KEY = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,39}$/;
const PLACEHOLDER = /\{\{\s*([a-zA-Z_]+)\s*\}\}/g;

const MessageSchema = z.strictObject({
  channel: z.enum(CAMPAIGN_CHANNELS),
  purpose: z.literal('marketing', { message: 'a campaign message is always purpose "marketing"' }),
  title: z.string().max(60).default(''),
  body: z.string().trim().min(1, { message: 'write the message text' }).max(1000),
  products: z.array(z.string().min(1).max(32)).max(10).default([]),
});

const ArmSchema = z.strictObject({
  key: z.string().regex(ARM_KEY, { message: 'an arm key is 1–32 of a-z 0-9 _ - (e.g. "a", "coupon")' }),
  weight: z.number().min(0).max(1000),
  message: MessageSchema,
});

const ConversionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('offered_products') }),
  z.strictObject({ kind: z.literal('any_purchase') }),
  z.strictObject({
    kind: z.literal('event'),
    eventType: z.string().regex(EVENT_TYPE, { message: 'an event type is a snake_case name' }),
  }),
]);

/** Most customers a fixed list target may name (a strategy list from the insight console, issue 15). */
export const TARGET_LIST_MAX = 100_000;

const TargetSchema = z.union([
  z.strictObject({ segmentId: z.number().int().positive({ message: 'pick a saved segment' }) }),
  z.strictObject({ rule: z.unknown() }),
  z.strictObject({
    customerIds: z
      .array(z.number().int().positive({ message: 'a customer id is a positive integer' }))
      .min(1, { message: 'name at least one customer' })
      .max(TARGET_LIST_MAX, { message: `at most ${TARGET_LIST_MAX} customers` }),
  }),
]);

const ISO = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 instant' });

export const CampaignDefinitionSchema = z.strictObject({
  key: z.string().regex(KEY, { message: 'a campaign key is 2–48 of a-z 0-9 _ - (e.g. "spring-fund-2026")' }),
  name: z.string().trim().min(1, { message: 'give the campaign a name' }).max(100),
  description: z.string().max(500).default(''),
  target: TargetSchema,
  arms: z.array(ArmSchema).min(1, { message: 'add at least one treatment arm' }).max(8),
  holdout: z.number().min(0).max(0.5, { message: 'the holdout share is from 0 to 0.5' }).default(0.1),
  conversion: ConversionSchema.default({ kind: 'offered_products' }),
  windowDays: z.number().int().min(1).max(365).default(14),
  /** Days before launch whose purchases are the CUPED covariate. */
  prePeriodDays: z.number().int().min(7).max(730).default(90),
  startAt: ISO,
  endAt: ISO.nullable().default(null),
});

export type CampaignDefinition = z.output<typeof CampaignDefinitionSchema>;
export type CampaignArm = CampaignDefinition['arms'][number];
export type CampaignIssue = { path: string; message: string };

const pathOf = (rest: readonly PropertyKey[]): string =>
  rest.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), 'campaign');

/** Cross-field checks zod cannot express per field: unique arm keys, weights, dates, placeholders, rule. */
const semanticIssues = (d: CampaignDefinition): CampaignIssue[] => {
  const out: CampaignIssue[] = [];
  const seen = new Set<string>();
  d.arms.forEach((a, i) => {
    if (a.key === HOLDOUT_ARM)
      out.push({ path: `campaign.arms[${i}].key`, message: '"holdout" is reserved for the holdout' });
    if (seen.has(a.key))
      out.push({ path: `campaign.arms[${i}].key`, message: `duplicate arm key "${a.key}"` });
    seen.add(a.key);
    for (const field of ['title', 'body'] as const) {
      for (const m of a.message[field].matchAll(PLACEHOLDER)) {
        if (!(TEMPLATE_VARS as readonly string[]).includes(m[1]!))
          out.push({
            path: `campaign.arms[${i}].message.${field}`,
            message: `unknown placeholder {{${m[1]}}}; use ${TEMPLATE_VARS.map((v) => `{{${v}}}`).join(' or ')}`,
          });
      }
    }
  });
  if (!(d.arms.reduce((s, a) => s + a.weight, 0) > 0))
    out.push({ path: 'campaign.arms', message: 'arm weights must sum to more than 0' });
  if (d.endAt !== null && Date.parse(d.endAt) <= Date.parse(d.startAt))
    out.push({ path: 'campaign.endAt', message: 'the end must come after the start' });
  if (d.conversion.kind === 'offered_products' && campaignProducts(d).length === 0)
    out.push({
      path: 'campaign.conversion',
      message: 'no arm offers products: offer products or measure "any_purchase" / an event',
    });
  if ('rule' in d.target) out.push(...ruleIssues(d.target.rule, 'campaign.target.rule'));
  if ('customerIds' in d.target) {
    const ids = d.target.customerIds;
    const seenIds = new Set<number>();
    const dup = ids.findIndex((v) => seenIds.size === seenIds.add(v).size);
    if (dup >= 0)
      out.push({
        path: `campaign.target.customerIds[${dup}]`,
        message: `customer ${ids[dup]} is listed twice`,
      });
  }
  return out;
};

/** The issues of an untrusted campaign definition (empty when valid), each with its JSON path. */
export const campaignIssues = (input: unknown): CampaignIssue[] => {
  const r = CampaignDefinitionSchema.safeParse(input);
  if (!r.success) return r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  return semanticIssues(r.data);
};

/** The typed definition with defaults applied, or BAD_INPUT naming the first offending path (all in details). */
export const parseCampaign = (input: unknown): CampaignDefinition => {
  const r = CampaignDefinitionSchema.safeParse(input);
  const issues = r.success
    ? semanticIssues(r.data)
    : r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  if (issues.length > 0 || !r.success) {
    const first = issues[0]!;
    throw new AppError('BAD_INPUT', `${first.path}: ${first.message}`, { field: first.path, issues });
  }
  return r.data;
};

/** Every product any arm offers, once each, in arm order (the "offered products" conversion counts these). */
export const campaignProducts = (d: Pick<CampaignDefinition, 'arms'>): string[] => [
  ...new Set(d.arms.flatMap((a) => a.message.products)),
];

/** The variations in hashing order: the holdout first (GrowthBook's control slot), then the arms. */
export const campaignVariations = (d: Pick<CampaignDefinition, 'arms'>): string[] => [
  HOLDOUT_ARM,
  ...d.arms.map((a) => a.key),
];

/** Traffic weights of the variations (sum 1): the holdout share, the rest split by arm weight. */
export const campaignWeights = (d: Pick<CampaignDefinition, 'arms' | 'holdout'>): number[] => {
  const total = d.arms.reduce((s, a) => s + a.weight, 0);
  return [d.holdout, ...d.arms.map((a) => ((1 - d.holdout) * a.weight) / total)];
};

/**
 * The arm of one customer: GrowthBook hash v2 of (seed = campaign key, value = customer id) into the bucket
 * ranges of `campaignWeights`. Same key and id → same arm, on every machine, in every SDK.
 */
export const assignArm = (
  d: Pick<CampaignDefinition, 'key' | 'arms' | 'holdout'>,
  customerId: number,
): string => {
  const variations = campaignVariations(d);
  const i = assignVariation(d.key, String(customerId), variations.length, {
    weights: campaignWeights(d),
    hashVersion: 2,
  });
  // Rounding can leave the last sliver of [0, 1) outside every range: it belongs to the last variation.
  return variations[i < 0 ? variations.length - 1 : i]!;
};

/** Fills `{{products}}` / `{{campaign}}` in a template. */
export const renderTemplate = (template: string, vars: Readonly<Record<TemplateVar, string>>): string =>
  template.replace(PLACEHOLDER, (whole, name: string) =>
    (TEMPLATE_VARS as readonly string[]).includes(name) ? vars[name as TemplateVar] : whole,
  );

const varsOf = (d: { name: string }, arm: CampaignArm) => ({
  products: arm.message.products.join('、'),
  campaign: d.name,
});

/** The outbox idempotency key of a customer's campaign message: one message per campaign and customer, ever. */
export const campaignMessageKey = (campaignKey: string, customerId: number): string =>
  `campaign:${campaignKey}:${customerId}`;

/** The message a treated customer receives (null for the holdout, which receives nothing). */
export const campaignMessage = (
  d: Pick<CampaignDefinition, 'key' | 'name' | 'arms' | 'startAt'>,
  armKey: string,
  customerId: number,
  now: Date,
): OutboundMessage | null => {
  const arm = d.arms.find((a) => a.key === armKey);
  if (arm === undefined) return null;
  const vars = varsOf(d, arm);
  const title = renderTemplate(arm.message.title, vars);
  return {
    key: campaignMessageKey(d.key, customerId),
    customerId,
    channel: arm.message.channel,
    purpose: 'marketing',
    ...(title === '' ? {} : { title }),
    body: renderTemplate(arm.message.body, vars),
    productCodes: arm.message.products,
    source: { kind: 'campaign', ref: d.key },
    ...(Date.parse(d.startAt) > now.getTime() ? { notBefore: d.startAt } : {}),
  };
};

/** Stands in for "any customer" when a template is checked before it has recipients (suitability is per send). */
const TEMPLATE_CHECK_CUSTOMER = { level: 'C5', assessedAt: null, channel: 'bank' } as const;

export type ArmFindings = { arm: string; path: string; findings: GuardFinding[] };

const armFindings = (
  name: string,
  arm: CampaignArm,
  i: number,
  productType: (code: string) => TextProductType | undefined,
  now: Date,
): ArmFindings => {
  const vars = varsOf({ name }, arm);
  const text = [arm.message.title, arm.message.body]
    .map((t) => renderTemplate(t, vars))
    .filter((t) => t !== '')
    .join('\n');
  const types = arm.message.products.map(productType).filter((t): t is TextProductType => t !== undefined);
  const r = guardOutbound({
    content: { texts: [{ id: `arms[${i}].message`, text, productTypes: types }] },
    customer: TEMPLATE_CHECK_CUSTOMER,
    now: now.toISOString(),
  });
  return { arm: arm.key, path: `campaign.arms[${i}].message.body`, findings: [...r.findings] };
};

/**
 * Compliance findings of every arm's template at save time, through the one outbound check (core/guard): the
 * rendered title and body as one text about the offered products' types, so forbidden wording ("稳赚不赔") and
 * missing risk disclosures are refused before launch. Suitability is left to the outbox, per customer.
 */
export const templateFindings = (
  d: Pick<CampaignDefinition, 'name' | 'arms'>,
  productType: (code: string) => TextProductType | undefined,
  now: Date,
): ArmFindings[] => d.arms.map((arm, i) => armFindings(d.name, arm, i, productType, now));

/** The offered product codes of the arms of an unchecked draft that are well-formed (for product lookups). */
export const draftArms = (input: unknown): { i: number; arm: CampaignArm }[] => {
  const arms = (input as { arms?: unknown } | null)?.arms;
  if (!Array.isArray(arms)) return [];
  return arms.flatMap((a, i) => {
    const r = ArmSchema.safeParse(a);
    return r.success ? [{ i, arm: r.data }] : [];
  });
};

/**
 * Findings of the well-formed arms of a draft that may still be invalid elsewhere (the form's live check: the
 * author sees "稳赚不赔" flagged before the key or the segment is filled in).
 */
export const draftTemplateFindings = (
  input: unknown,
  productType: (code: string) => TextProductType | undefined,
  now: Date,
): ArmFindings[] => {
  const name = (input as { name?: unknown } | null)?.name;
  return draftArms(input).map(({ i, arm }) =>
    armFindings(typeof name === 'string' ? name : '', arm, i, productType, now),
  );
};
