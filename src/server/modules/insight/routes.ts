import { ErrorBody } from '../../../contracts/common.js';
import {
  Study,
  StudyIdParams,
  StudyInput,
  StudyList,
  WhatIfBody,
  WhatIfResult,
} from '../../../contracts/insight.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { listStudies } from './repo.js';
import { registerInsightReviewRoutes } from './review-routes.js';
import { cancelStudy, createStudy, getStudy, rerunStudy, studyWhatIf } from './service.js';
import { registerSurveyRoutes } from './survey-routes.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

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
};
