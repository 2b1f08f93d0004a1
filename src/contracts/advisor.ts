import { z } from 'zod';
import { ACTION_TYPES } from '../core/dialogue/types.js';

export const MAX_MESSAGE_CHARS = 2000;

export const AdvisorSessionParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'expected a session id as returned by POST /api/advisor/sessions'),
});
export const HandoffParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'expected a hand-off id from GET /api/workbench/handoffs'),
});

const Text = z
  .string({ error: 'text must be a string' })
  .refine((s) => s.trim().length > 0, 'text is empty; send what the customer typed')
  .refine(
    (s) => s.length <= MAX_MESSAGE_CHARS,
    `text is longer than ${MAX_MESSAGE_CHARS} characters; send a shorter message`,
  );

/** A typed message or a tap on a quick reply / questionnaire option. */
export const AdvisorMessageRequest = z.union([
  z.object({ text: Text }).strict(),
  z
    .object({
      action: z
        .object({
          type: z.enum(ACTION_TYPES, { error: `action.type must be one of ${ACTION_TYPES.join(', ')}` }),
          value: z
            .string()
            .min(1, 'action.value is empty')
            .max(200, 'action.value is longer than 200 characters'),
        })
        .strict(),
    })
    .strict(),
]);
export type AdvisorMessageRequest = z.infer<typeof AdvisorMessageRequest>;

export const AdvisorSessionCreated = z.object({ id: z.string() });

const Card = z.record(z.string(), z.unknown());

export const AdvisorMessageResponse = z.object({
  turn: z.number(),
  intent: z.string(),
  confidence: z.number(),
  slots: z.record(z.string(), z.unknown()),
  flow: z.object({ name: z.string(), step: z.string() }).nullable(),
  reply: z.object({ text: z.string(), cards: z.array(Card) }),
  handoff: z.object({ id: z.string(), status: z.string() }).nullable(),
});
export type AdvisorMessageResponse = z.infer<typeof AdvisorMessageResponse>;

export const AdvisorSessionView = z.object({
  id: z.string(),
  handoff: z.object({ id: z.string(), status: z.string() }).nullable(),
  messages: z.array(
    z.object({
      seq: z.number(),
      role: z.string(),
      text: z.string(),
      cards: z.array(Card),
      at: z.string(),
    }),
  ),
});

export const HandoffView = z.object({
  id: z.string(),
  session_id: z.string(),
  customer_id: z.number(),
  reason: z.string(),
  status: z.string(),
  summary: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export const HandoffList = z.array(HandoffView);

export const RmMessageRequest = z.object({ text: Text }).strict();
export const HandoffStatusResponse = z.object({ id: z.string(), status: z.string() });

export const InboxParams = z.object({
  id: z.string().min(1).max(200, 'expected an inbox message id from GET /api/advisor/inbox'),
});
export const InboxList = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      product_code: z.string().nullable(),
      text: z.string(),
      text_en: z.string(),
      quick_replies: z.array(z.object({ label: z.string(), label_en: z.string(), value: z.string() })),
      created_at: z.string(),
      read: z.boolean(),
    }),
  ),
});
export const InboxRead = z.object({ id: z.string(), read: z.boolean() });
