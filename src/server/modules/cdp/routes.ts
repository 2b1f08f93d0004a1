import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import {
  TagBody,
  TagCatalogue,
  TagChange,
  TagHistory,
  UntagParams,
  UntagQuery,
} from '../../../contracts/tags.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { tagCatalogue, tagCustomer, tagHistory, untagCustomer } from './tags.js';
import {
  CdpPolicyBody,
  StoredCdpPolicy,
  StrategyCellBody,
  StrategyCellParams,
  StrategyMatrix,
} from '../../../contracts/cdp.js';
import { getCdpPolicy, saveCdpPolicy } from './policy-store.js';
import { z } from 'zod';
import { saveStrategyCell, strategyMatrix } from './strategy.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const registerCdpRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/cdp/strategy-matrix', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['cdp'],
      summary:
        'AARRR stage × lifecycle: customers per cell in the caller’s scope and the strategy text per cell',
      response: { 200: StrategyMatrix, ...errors },
    },
    handler: (req) => strategyMatrix(deps, principalOf(req)),
  });

  app.get('/api/cdp/policy', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['cdp'],
      summary:
        'The editable CDP policy: tier bands, grade bands and value-score weights (default until saved)',
      response: { 200: StoredCdpPolicy, ...errors },
    },
    handler: () => getCdpPolicy(deps),
  });

  app.put('/api/cdp/policy', {
    config: { permission: 'segments:write' },
    schema: {
      tags: ['cdp'],
      summary:
        'Store the CDP policy (checked; a bad one → 400 naming its JSON path); audited; the next refresh uses it',
      body: CdpPolicyBody,
      response: { 200: StoredCdpPolicy, ...errors },
    },
    handler: (req) => saveCdpPolicy(deps, principalOf(req), req.body.policy, req.id),
  });

  app.put('/api/cdp/strategy-matrix/:stage/:lifecycle', {
    config: { permission: 'segments:write' },
    schema: {
      tags: ['cdp'],
      summary: 'Save the strategy text of one AARRR × lifecycle cell (audited with the previous text)',
      params: StrategyCellParams,
      body: StrategyCellBody,
      response: {
        200: z.object({
          stage: z.string(),
          lifecycle: z.string(),
          text: z.string(),
          updatedAt: z.string(),
          updatedBy: z.string(),
        }),
        ...errors,
      },
    },
    handler: (req) =>
      saveStrategyCell(deps, principalOf(req), req.params.stage, req.params.lifecycle, req.body.text, req.id),
  });

  app.get('/api/tags', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['cdp'],
      summary: 'Tag catalogue (rule, model, manual, conversation) with counts in the caller’s scope',
      response: { 200: TagCatalogue, ...errors },
    },
    handler: (req) => tagCatalogue(deps, principalOf(req)),
  });

  app.post('/api/customers/:id/tags', {
    config: { permission: 'tags:write' },
    schema: {
      tags: ['cdp'],
      summary: 'Set a manual tag on a customer in scope, with a reason (history + audit)',
      params: CustomerIdParams,
      body: TagBody,
      response: { 200: TagChange, 409: ErrorBody, ...errors },
    },
    handler: (req) => tagCustomer(deps, principalOf(req), req.params.id, req.body, req.id),
  });

  app.delete('/api/customers/:id/tags/:key', {
    config: { permission: 'tags:write' },
    schema: {
      tags: ['cdp'],
      summary: 'Remove a manual tag from a customer in scope, with a reason (history + audit)',
      params: UntagParams,
      querystring: UntagQuery,
      response: { 200: TagChange, 409: ErrorBody, ...errors },
    },
    handler: (req) =>
      untagCustomer(deps, principalOf(req), req.params.id, req.params.key, req.query.reason, req.id),
  });

  app.get('/api/customers/:id/tags/history', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['cdp'],
      summary: 'Every change of a customer’s tags: when, by what, previous value',
      params: CustomerIdParams,
      response: { 200: TagHistory, ...errors },
    },
    handler: (req) => tagHistory(deps, principalOf(req), req.params.id),
  });
};
