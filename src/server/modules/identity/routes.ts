import { z } from 'zod';
import { ErrorBody, idNumber } from '../../../contracts/common.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { manualMerge, manualUnmerge, mergeCandidates, RESOLVE_BY, resolveCustomer } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Reason = z.string().trim().min(2, { message: 'give the reason (it is audited)' }).max(200);

export const registerIdentityRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/identity/resolve', {
    config: { permission: 'identity:write' },
    schema: {
      tags: ['identity'],
      summary: 'ONE-ID: the live customer of a channel identity (409 when it names several)',
      querystring: z.object({ by: z.enum(RESOLVE_BY), value: z.string().trim().min(1).max(128) }),
      response: { 200: z.object({ customerId: z.number().int().nullable() }), ...errors },
    },
    handler: async (req) => ({ customerId: await resolveCustomer(deps.db, req.query.by, req.query.value) }),
  });

  app.get('/api/identity/candidates', {
    config: { permission: 'identity:write' },
    schema: {
      tags: ['identity'],
      summary:
        'Merges the deterministic rules propose (same verified phone, same ECIF) and conflicts to review',
      response: {
        200: z.object({
          merges: z.array(
            z.object({ survivor: z.number(), merged: z.number(), rule: z.string(), value: z.string() }),
          ),
          conflicts: z.array(
            z.object({
              channel: z.string(),
              value: z.string(),
              customers: z.array(z.number()),
              reason: z.string(),
            }),
          ),
        }),
        ...errors,
      },
    },
    handler: () => mergeCandidates(deps.db),
  });

  app.post('/api/identity/merge', {
    config: { permission: 'identity:write' },
    schema: {
      tags: ['identity'],
      summary: 'Merge one customer record into another (events move; audited; undo with unmerge)',
      body: z.object({ survivor: idNumber(), merged: idNumber(), reason: Reason }),
      response: { 200: z.object({ mergeId: z.number().int() }), ...errors },
    },
    handler: (req) => manualMerge(deps, principalOf(req), req.body, req.id),
  });

  app.post('/api/identity/unmerge', {
    config: { permission: 'identity:write' },
    schema: {
      tags: ['identity'],
      summary: 'Undo a merge: the moved events go back (audited)',
      body: z.object({ survivor: idNumber(), mergeId: idNumber(), reason: Reason }),
      response: { 200: z.object({ merged: z.number().int(), events: z.number().int() }), ...errors },
    },
    handler: (req) => manualUnmerge(deps, principalOf(req), req.body, req.id),
  });
};
