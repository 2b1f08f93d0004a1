import { z } from 'zod';
import { PURPOSES, RISK_APPETITES } from '../core/nlu/types.js';
import { idNumber, Money, num, strictNumber } from './common.js';

/** RM assistant (issue 16): conversation insight on the customer 360, money intents, recommendation cards. */

export const LIQUIDITY = ['high', 'medium', 'low'] as const;
export const INTENT_STATUSES = ['proposed', 'confirmed', 'edited'] as const;

const Message = z.object({
  sender: z.enum(['customer', 'rm'], { error: 'sender must be "customer" or "rm"' }),
  text: z.string().min(1, 'text must not be empty').max(4000),
  time: z.iso.datetime({ offset: true, error: 'time must be an ISO-8601 date-time' }).optional(),
});

/**
 * A transcript to analyse: `messages` (sender customer|rm, text, optional ISO time), or `transcript`, pasted
 * text whose lines start 客户：/理财经理：/我： (unlabelled lines are read as the customer's words).
 */
export const AnalyzeRequest = z
  .object({
    messages: z.array(Message).min(1, 'messages must hold at least one message').max(500).optional(),
    transcript: z.string().min(1, 'transcript must not be empty').max(40_000).optional(),
  })
  .refine((b) => (b.messages === undefined) !== (b.transcript === undefined), {
    message: 'send exactly one of messages or transcript',
    path: ['messages'],
  });
export type AnalyzeRequest = z.infer<typeof AnalyzeRequest>;

export const Intent = z.object({
  id: z.number(),
  customerId: z.number(),
  insightId: z.number().nullable(),
  purpose: z.enum(PURPOSES),
  amount: Money,
  horizonMonths: z.number().nullable(),
  liquidity: z.enum(LIQUIDITY).nullable(),
  riskAppetite: z.enum(RISK_APPETITES).nullable(),
  constraints: z.array(z.string()),
  evidence: z.array(z.string()),
  source: z.enum(['conversation', 'rm']),
  status: z.enum(INTENT_STATUSES),
  createdBy: z.number(),
  confirmedBy: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Intent = z.infer<typeof Intent>;

const TagDetail = z.object({
  key: z.string(),
  evidence: z.array(z.string()),
  resolved: z.boolean().optional(),
  label: z.object({ zh: z.string(), en: z.string() }),
  tip: z.string(),
});

export const AnalyzeResponse = z.object({
  insightId: z.number(),
  tags: z.array(z.string()),
  objections: z.array(z.string()),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  details: z.array(TagDetail),
  intents: z.array(Intent),
  /** Who labelled: the classical engine alone, or with the optional LLM's additions merged (union). */
  engine: z.enum(['classical', 'classical+llm']),
  /** Why the configured LLM did not contribute (timeout, unreachable, invalid JSON…); null otherwise. */
  llmFallback: z.string().nullable(),
});
export type AnalyzeResponse = z.infer<typeof AnalyzeResponse>;

export const IntentList = z.object({ items: z.array(Intent) });

export const IntentParams = z.object({ id: idNumber(), iid: idNumber() });

/** An RM's edit of an intent: any field; the intent becomes `edited` (confirmed by the editor). */
export const IntentEdit = z
  .object({
    purpose: z.enum(PURPOSES),
    amount: strictNumber(num().positive('amount must be a positive number of yuan').max(1e10)),
    horizonMonths: strictNumber(num().int().min(1).max(600)).nullable(),
    liquidity: z.enum(LIQUIDITY).nullable(),
    riskAppetite: z.enum(RISK_APPETITES).nullable(),
    constraints: z.array(z.string().min(1).max(40)).max(10),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: 'send at least one field to edit',
    path: ['purpose'],
  });
export type IntentEdit = z.infer<typeof IntentEdit>;

const Text = z.object({ zh: z.string(), en: z.string() });

const CardProduct = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  typeLabel: Text,
  assetClass: z.string(),
  risk: z.string(),
  amount: z.number(),
  weight: z.number(),
  minPurchase: z.number(),
  termDays: z.number().nullable(),
  benchmark: z.string(),
  fees: z.object({
    purchase: z.number(),
    redemption: z.number(),
    management: z.number(),
    custody: z.number(),
    salesService: z.number(),
  }),
  figures: z
    .object({
      years: z.number(),
      annualReturn: z.number(),
      volatility: z.number(),
      maxDrawdown: z.number(),
      sharpe: z.number(),
    })
    .nullable(),
  sellingPoints: z.array(
    Text.extend({
      comparison: z.object({
        metric: z.string(),
        peers: z.number(),
        beaten: z.number(),
        percent: z.number(),
      }),
    }),
  ),
  reasons: Text,
  suitability: z.object({
    decision: z.string(),
    mayRecommend: z.boolean(),
    enhancedDuty: z.boolean(),
    messages: z.array(Text),
  }),
});

/** What a customer sees through a shared link: no staff data (no script, no guard internals, no RM). */
export const PublicCard = z.object({
  asOf: z.string(),
  title: Text,
  summary: Text,
  planLevel: z.string(),
  horizonMonths: z.number(),
  classWeights: z.record(z.string(), z.number()),
  volatility: z.number(),
  estimatedWorstDrawdown: z.number(),
  products: z.array(CardProduct),
  disclosures: z.array(Text),
  text: Text,
  expiresAt: z.string(),
});
export type PublicCard = z.infer<typeof PublicCard>;

export const CardResponse = PublicCard.omit({ expiresAt: true }).extend({
  intentId: z.number(),
  customerLevel: z.string(),
  appetiteLevel: z.string(),
  horizonAssumed: z.boolean(),
  appetiteAssumed: z.boolean(),
  script: Text,
  allowed: z.boolean(),
  guard: z.object({
    decision: z.string(),
    blockingCount: z.number(),
    findings: z.array(z.record(z.string(), z.unknown())),
    refusedProducts: z.array(z.string()),
    enhancedDutyProducts: z.array(z.string()),
    checkedOn: z.string(),
  }),
  /** The shareable link's token and path, only when the guard allowed the card. */
  share: z.object({ token: z.string(), path: z.string(), expiresAt: z.string() }).nullable(),
});
export type CardResponse = z.infer<typeof CardResponse>;

export const CardTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'token must be the 20–64 character link token'),
});

export const CardImageQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') }).strict();

/** A sample of transcripts for a tag taxonomy proposal (LLM; operations review the result). */
export const TaxonomyProposeRequest = z
  .object({
    transcripts: z
      .array(z.string().trim().min(1, 'a transcript must not be empty').max(20000))
      .min(1, 'send at least one transcript')
      .max(50, 'send at most 50 transcripts'),
  })
  .strict();
export type TaxonomyProposeRequest = z.infer<typeof TaxonomyProposeRequest>;

export const TaxonomyProposal = z.object({
  model: z.string(),
  /** Proposed tags for review: snake_case keys, unique, none of the built-in taxonomy's keys. */
  proposed: z.array(z.object({ key: z.string(), description: z.string(), examples: z.array(z.string()) })),
  /** What the model proposed and was refused (invalid, duplicate or built-in key), with the reason. */
  dropped: z.array(z.object({ key: z.string().nullable(), reason: z.string() })),
  tokens: z.object({ prompt: z.number(), completion: z.number() }).nullable(),
});
export type TaxonomyProposal = z.infer<typeof TaxonomyProposal>;
