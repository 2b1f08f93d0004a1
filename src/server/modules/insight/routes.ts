import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import {
  CustomerShapBody,
  LeversExportQuery,
  LeversQuery,
  Strategy,
  Study,
  StudyCampaign,
  StudyCampaignBody,
  StudyCampaignList,
  ShapParams,
  StudyIdParams,
  StudyInput,
  StudyList,
  WhatIfBody,
  WhatIfResult,
} from '../../../contracts/insight.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  campaignFromStudy,
  strategyFile,
  studyCampaigns,
  studyCustomerShap,
  studyStrategy,
} from './levers.js';
import { listStudies } from './repo.js';
import { registerInsightReviewRoutes } from './review-routes.js';
import { cancelStudy, createStudy, getStudy, rerunStudy, studyWhatIf } from './service.js';
import { registerSurveyRoutes } from './survey-routes.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Insight studies (issue 15): start, follow, cancel and re-run; operations and admin (`insight:run`). */
export const registerInsightRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/insight/studies', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'Start a study (effects of the levers, importance, factor graph) in a worker thread; poll GET',
      body: StudyInput,
      response: { 202: Study, ...errors },
    },
    handler: async (req, reply) => {
      const s = await createStudy(deps.db, principalOf(req), req.body, deps.now, req.id);
      return reply.code(202).send(s);
    },
  });

  app.get('/api/insight/studies', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'The latest 50 studies (without results)',
      response: { 200: StudyList, ...errors },
    },
    handler: async () => ({
      items: (await listStudies(deps.db)).map((r) => ({
        id: r.id,
        outcome: r.outcome,
        params: r.params,
        status: r.status,
        progress: Number(r.progress),
        stage: r.stage,
        error: r.error,
        created_at: r.createdAt.toISOString(),
        created_by: r.createdBy,
        updated_at: r.updatedAt.toISOString(),
      })),
    }),
  });

  app.get('/api/insight/studies/:id', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'A study with its status, progress (0–1) and, when done, its result',
      params: StudyIdParams,
      response: { 200: Study, ...errors },
    },
    handler: (req) => getStudy(deps.db, req.params.id),
  });

  app.delete('/api/insight/studies/:id', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Cancel a queued or running study (its worker thread stops); a finished study is left as it is',
      params: StudyIdParams,
      response: { 200: Study, ...errors },
    },
    handler: (req) => cancelStudy(deps.db, principalOf(req), req.params.id, deps.now(), req.id),
  });

  app.post('/api/insight/studies/:id/rerun', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'Re-run a stored study with the same parameters (a new study)',
      params: StudyIdParams,
      response: { 202: Study, ...errors },
    },
    handler: async (req, reply) => {
      const s = await rerunStudy(deps.db, principalOf(req), req.params.id, deps.now, req.id);
      return reply.code(202).send(s);
    },
  });

  app.post('/api/insight/studies/:id/whatif', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Simulate an intervention on a study’s population, e.g. "livestream_audience_2000=1" (worker thread)',
      params: StudyIdParams,
      body: WhatIfBody,
      response: { 200: WhatIfResult, ...errors },
    },
    handler: (req) => studyWhatIf(deps.db, req.params.id, req.body.intervene),
  });

  registerSurveyRoutes(app, deps);
  registerInsightReviewRoutes(app, deps);
  app.get('/api/insight/studies/:id/levers', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Strategy list of a finished study: per customer still to decide, the calibrated outcome, each lever’s CATE and who gets which lever under ?budget= (yuan)',
      params: StudyIdParams,
      querystring: LeversQuery,
      response: { 200: Strategy, ...errors },
    },
    handler: (req) => studyStrategy(deps.db, req.params.id, req.query.budget ?? null),
  });

  app.get('/api/insight/studies/:id/levers/export', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'The strategy list as .xlsx or CSV (customer_id, p_outcome, best_lever, cate_<lever>…, chosen, cost)',
      params: StudyIdParams,
      querystring: LeversExportQuery,
      response: { 200: z.unknown().describe('the file'), ...errors },
    },
    handler: async (req, reply) => {
      const s = await studyStrategy(deps.db, req.params.id, req.query.budget ?? null);
      const f = req.query.format;
      return reply
        .header('content-type', CONTENT_TYPE[f])
        .header('content-disposition', `attachment; filename="strategy-${req.params.id}.${f}"`)
        .send(await strategyFile(s, f));
    },
  });

  app.post('/api/insight/studies/:id/campaign', {
    config: { permission: 'campaigns:write' },
    schema: {
      tags: ['insight'],
      summary:
        'Send one lever’s strategy list to a draft campaign with a holdout (target = exactly the chosen customers; predictions stored)',
      params: StudyIdParams,
      body: StudyCampaignBody,
      response: { 200: StudyCampaign, ...errors },
    },
    handler: (req) =>
      campaignFromStudy(deps.db, principalOf(req), req.params.id, req.body, deps.now(), req.id),
  });

  app.get('/api/insight/studies/:id/campaigns', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Campaigns sent from a study: predicted vs realised uplift (with the campaign’s CI) and the Qini curve',
      params: StudyIdParams,
      response: { 200: StudyCampaignList, ...errors },
    },
    handler: async (req) => ({ items: await studyCampaigns(deps.db, req.params.id, deps.now()) }),
  });

  app.get('/api/insight/studies/:id/customers/:customerId/shap', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'One customer’s SHAP waterfall on the study’s importance model (log-odds; predictive, not causal)',
      params: ShapParams,
      response: { 200: CustomerShapBody, ...errors },
    },
    handler: (req) => studyCustomerShap(deps.db, req.params.id, req.params.customerId),
  });
};
