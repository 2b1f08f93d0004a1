import {
  Campaign,
  CampaignBody,
  CampaignCheck,
  CampaignIdParams,
  CampaignList,
  CampaignResultsBody,
  LaunchReport,
} from '../../../contracts/campaigns.js';
import { ErrorBody } from '../../../contracts/common.js';
import type { AuditAction } from '../../auth/audit.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { principalOf } from '../../auth/guard.js';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import type { Enqueue } from './launch.js';
import { launchCampaign } from './launch.js';
import { campaignResultsOf } from './results.js';
import {
  checkCampaign,
  createCampaign,
  endCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const actorName = (p: Principal): string => `${p.kind}:${p.username ?? p.id}`;

const audit = (
  db: Queryable,
  p: Principal,
  requestId: string,
  action: AuditAction,
  id: number,
  details = {},
) =>
  writeAudit(db, actorOf(p), requestId, [
    { action, targetKind: 'campaign', target: String(id), customerId: null, details },
  ]);

/**
 * Campaigns and experiments (operations and admin). `enqueue` is the outbox's `enqueueMessages` (nothing reaches a
 * customer except through the outbox). Writes are audited in their transaction.
 */
export const registerCampaignRoutes = (app: ZodApp, deps: AppDeps, enqueue: Enqueue): void => {
  app.get('/api/campaigns', {
    config: { permission: 'campaigns:read' },
    schema: {
      tags: ['campaigns'],
      summary: 'Campaigns, newest first',
      response: { 200: CampaignList, ...errors },
    },
    handler: () => listCampaigns(deps.db),
  });

  app.post('/api/campaigns', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['campaigns'],
      summary:
        'Save a draft campaign (400 names the field; a template failing the compliance check → its findings)',
      body: CampaignBody,
      response: { 200: Campaign, ...errors },
    },
    handler: (req) =>
      deps.db.transaction(async (tx) => {
        const p = principalOf(req);
        const c = await createCampaign(tx, actorName(p), req.body, deps.now());
        await audit(tx, p, req.id, 'campaign.save', c.id, { key: c.key, name: c.name });
        return c;
      }),
  });

  app.post('/api/campaigns/check', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['campaigns'],
      summary: 'Check a draft without saving: issues with paths and each arm’s compliance findings',
      body: CampaignBody,
      response: { 200: CampaignCheck, ...errors },
    },
    handler: (req) => checkCampaign(deps.db, req.body, deps.now()),
  });

  app.get('/api/campaigns/:id', {
    config: { permission: 'campaigns:read' },
    schema: {
      tags: ['campaigns'],
      summary: 'One campaign',
      params: CampaignIdParams,
      response: { 200: Campaign, ...errors },
    },
    handler: (req) => getCampaign(deps.db, req.params.id),
  });

  app.put('/api/campaigns/:id', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['campaigns'],
      summary: 'Change a draft (a running or ended campaign → 409)',
      params: CampaignIdParams,
      body: CampaignBody,
      response: { 200: Campaign, ...errors },
    },
    handler: (req) =>
      deps.db.transaction(async (tx) => {
        const p = principalOf(req);
        const c = await updateCampaign(tx, actorName(p), req.params.id, req.body, deps.now());
        await audit(tx, p, req.id, 'campaign.save', c.id, { key: c.key, name: c.name });
        return c;
      }),
  });

  app.post('/api/campaigns/:id/launch', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['campaigns'],
      summary: 'Launch or resume: assign the target, hand treatment messages to the outbox (idempotent)',
      params: CampaignIdParams,
      response: { 200: LaunchReport, ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      await getCampaign(deps.db, req.params.id);
      const report = await launchCampaign(deps.db, req.params.id, deps.now(), { enqueue });
      await audit(deps.db, p, req.id, 'campaign.launch', req.params.id, {
        assigned: report.assigned,
        messages: report.messages,
      });
      return report;
    },
  });

  app.post('/api/campaigns/:id/end', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['campaigns'],
      summary: 'End a campaign: nothing more is sent; conversions in each window still count',
      params: CampaignIdParams,
      response: { 200: Campaign, ...errors },
    },
    handler: (req) =>
      deps.db.transaction(async (tx) => {
        const p = principalOf(req);
        const c = await endCampaign(tx, actorName(p), req.params.id, deps.now());
        await audit(tx, p, req.id, 'campaign.end', c.id);
        return c;
      }),
  });

  app.get('/api/campaigns/:id/results', {
    config: { permission: 'campaigns:read' },
    schema: {
      tags: ['campaigns'],
      summary: 'Measure now and answer per-arm conversions, lift vs holdout (CI, chance to beat, CUPED), SRM',
      params: CampaignIdParams,
      response: { 200: CampaignResultsBody, ...errors },
    },
    handler: (req) => campaignResultsOf(deps.db, req.params.id, deps.now()),
  });
};
