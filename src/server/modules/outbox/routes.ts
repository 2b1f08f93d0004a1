import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import { principalOf } from '../../auth/guard.js';
import { scopeOf } from '../../auth/principal.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { customerInScope } from '../customers/service.js';
import { consentView, recordConsent, setContactPreferences } from './consents.js';
import { listOutbox, outboxStats } from './list.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const Label = z.object({ zh: z.string(), en: z.string() });
const Status = z.enum(['queued', 'deferred', 'sent', 'suppressed']);
const Channel = z.enum(['app', 'sms', 'wecom', 'email', 'chat']);

const OutboxQuery = z.object({
  customerId: z.coerce.number().int().positive().optional(),
  status: Status.optional(),
  channel: Channel.optional(),
  reason: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const OutboxItem = z.object({
  id: z.number().int(),
  customer_id: z.number().int(),
  channel: z.string(),
  purpose: z.string(),
  status: z.string(),
  scheduled_at: z.string(),
  reason: z.string().nullable(),
  reason_label: Label.nullable(),
  title: z.string().nullable(),
  body: z.string(),
  source: z.object({ kind: z.string(), ref: z.string() }),
  key: z.string(),
  product_codes: z.array(z.string()),
  sent_at: z.string().nullable(),
  created_at: z.string(),
});

const ConsentPut = z.object({
  purpose: z.enum(['marketing', 'profiling', 'ai_advice', 'data_sharing']),
  channel: z.enum(['sms', 'app_push', 'wechat', 'phone_call', 'email']),
  granted: z.boolean(),
  text_shown: z
    .string()
    .trim()
    .min(1, 'the consent text shown to the customer is the evidence; send it')
    .max(4000),
});

const PreferencesPut = z
  .object({ do_not_contact: z.boolean().optional(), non_personalised: z.boolean().optional() })
  .refine((b) => b.do_not_contact !== undefined || b.non_personalised !== undefined, {
    message: 'send do_not_contact and/or non_personalised (true or false)',
  });

const Preferences = z.object({
  do_not_contact: z.boolean(),
  non_personalised: z.boolean(),
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});

const ConsentView = z.object({
  customer_id: z.number().int(),
  current: z.array(
    z.object({
      purpose: z.string(),
      channel: z.string(),
      granted: z.boolean(),
      at: z.string(),
      text_shown: z.string(),
    }),
  ),
  ledger: z.array(
    z.object({
      id: z.number().int(),
      purpose: z.string(),
      channel: z.string(),
      granted: z.boolean(),
      text_shown: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  preferences: Preferences,
});

/** The outbox (read) and the consent ledger and contact preferences (read and write) — issue 14 item 4. */
export const registerOutboxRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/outbox', {
    config: { permission: 'outbox:read' },
    schema: {
      tags: ['outbox'],
      summary: 'Messages to customers with their reach status and reason, newest first (data scope applies)',
      querystring: OutboxQuery,
      response: { 200: z.array(OutboxItem), ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      if (req.query.customerId !== undefined) await customerInScope(deps, p, req.query.customerId, req.id);
      return listOutbox(deps.db, scopeOf(p), req.query);
    },
  });

  app.get('/api/outbox/stats', {
    config: { permission: 'outbox:read' },
    schema: {
      tags: ['outbox'],
      summary: 'Outbox counts per status and per reason group (data scope applies)',
      querystring: OutboxQuery.omit({ limit: true }),
      response: {
        200: z.object({
          by_status: z.record(z.string(), z.number().int()),
          by_reason: z.array(z.object({ reason: z.string(), label: Label, count: z.number().int() })),
        }),
        ...errors,
      },
    },
    handler: async (req) => {
      const p = principalOf(req);
      if (req.query.customerId !== undefined) await customerInScope(deps, p, req.query.customerId, req.id);
      return outboxStats(deps.db, scopeOf(p), req.query);
    },
  });

  app.get('/api/customers/:id/consents', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['outbox'],
      summary:
        'Consents per purpose × channel, the consent ledger with its evidence, and contact preferences',
      params: CustomerIdParams,
      response: { 200: ConsentView, ...errors },
    },
    handler: (req) => consentView(deps, principalOf(req), req.params.id, req.id),
  });

  app.put('/api/customers/:id/consents', {
    config: { permission: 'consents:write' },
    schema: {
      tags: ['outbox'],
      summary:
        'Record a grant or withdrawal with the text shown (ledger + current state, audited; effective at once)',
      params: CustomerIdParams,
      body: ConsentPut,
      response: { 200: ConsentView, ...errors },
    },
    handler: (req) => recordConsent(deps, principalOf(req), req.params.id, req.body, req.id),
  });

  app.put('/api/customers/:id/contact-preferences', {
    config: { permission: 'consents:write' },
    schema: {
      tags: ['outbox'],
      summary: 'Set do-not-contact and the non-personalised marketing choice (audited)',
      params: CustomerIdParams,
      body: PreferencesPut,
      response: { 200: Preferences, ...errors },
    },
    handler: (req) => setContactPreferences(deps, principalOf(req), req.params.id, req.body, req.id),
  });
};
