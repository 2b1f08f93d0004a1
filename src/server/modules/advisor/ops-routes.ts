import { z } from 'zod';
import {
  CorrectionBody,
  FlowDraftBody,
  FlowPublishResult,
  FlowTestResult,
  FlowUnitList,
  FlowUnitView,
  FlowVersionList,
  KbChange,
  KbImportBody,
  KbItemBody,
  KbItemParams,
  KbView,
  LabelBody,
  ModelInfo,
  OrgUnitParams,
  PreviewBody,
  PreviewResult,
  ReviewList,
  ReviewParams,
  RetrainBody,
  ReviewQuery,
  RollbackBody,
} from '../../../contracts/advisor-ops.js';
import { HandoffParams } from '../../../contracts/advisor.js';
import { ErrorBody } from '../../../contracts/common.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  flowUnitView,
  flowVersions,
  listFlowUnits,
  previewDraftTurn,
  publishDraft,
  rollbackFlows,
  runDraftTests,
  saveFlowDraft,
} from './ops-flows.js';
import { currentKb, exportKbXlsx, importKbXlsx, upsertKbItem } from './ops-kb.js';
import { labelReview, listReview, modelInfo, queueCorrection, retrain } from './ops-learning.js';
import { handoffForCorrection } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['advisor-ops'];

/** Ops routes of the advisor (issue 12): flow sets per org unit, review queue, retraining. */
export const registerAdvisorOpsRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/ops/advisor/flows', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'Org units with their published flow-set version and draft',
      response: { 200: FlowUnitList, ...errors },
    },
    handler: () => listFlowUnits(deps),
  });
  app.get('/api/ops/advisor/flows/:unit', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'One unit’s flow set: published version, draft, the document to edit and the effective flows',
      params: OrgUnitParams,
      response: { 200: FlowUnitView, ...errors },
    },
    handler: (req) => flowUnitView(deps, principalOf(req), req.params.unit),
  });
  app.get('/api/ops/advisor/flows/:unit/versions', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'Version history of a unit’s flow set',
      params: OrgUnitParams,
      response: { 200: FlowVersionList, ...errors },
    },
    handler: (req) => flowVersions(deps, principalOf(req), req.params.unit),
  });
  app.put('/api/ops/advisor/flows/:unit/draft', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary:
        'Save the unit’s draft { flows, tests }; a problem → 400 with its JSON path (details.issues: all)',
      params: OrgUnitParams,
      body: FlowDraftBody,
      response: { 200: FlowUnitView, ...errors },
    },
    handler: (req) => saveFlowDraft(deps, principalOf(req), req.params.unit, req.body),
  });
  app.post('/api/ops/advisor/flows/:unit/draft/tests', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary: 'Run the conversation tests (built-in, inherited, the draft’s own) against the draft',
      params: OrgUnitParams,
      response: { 200: FlowTestResult, ...errors },
    },
    handler: (req) => runDraftTests(deps, principalOf(req), req.params.unit),
  });
  app.post('/api/ops/advisor/flows/:unit/draft/preview', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary:
        'Test chat against the draft on a fixture customer; send back the returned state; nothing is stored',
      params: OrgUnitParams,
      body: PreviewBody,
      response: { 200: PreviewResult, ...errors },
    },
    handler: (req) => previewDraftTurn(deps, principalOf(req), req.params.unit, req.body),
  });
  app.post('/api/ops/advisor/flows/:unit/publish', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary: 'Publish the unit’s draft as its next version (audited)',
      params: OrgUnitParams,
      response: { 200: FlowPublishResult, ...errors },
    },
    handler: (req) => publishDraft(deps, principalOf(req), req.params.unit, req.id),
  });
  app.post('/api/ops/advisor/flows/:unit/rollback', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary: 'Publish an earlier version again as the next version (audited)',
      params: OrgUnitParams,
      body: RollbackBody,
      response: { 200: FlowPublishResult, ...errors },
    },
    handler: (req) => rollbackFlows(deps, principalOf(req), req.params.unit, req.body.version, req.id),
  });
  app.get('/api/ops/advisor/review', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'The review queue (low confidence, unanswered, RM-corrected messages)',
      querystring: ReviewQuery,
      response: { 200: ReviewList, ...errors },
    },
    handler: (req) => listReview(deps, req.query.status),
  });
  app.post('/api/ops/advisor/review/:id/label', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary: 'Label a queued message to an intent or a knowledge-base item, or dismiss it (audited)',
      params: ReviewParams,
      body: LabelBody,
      response: {
        200: z.object({
          id: z.number(),
          status: z.string(),
          label_kind: z.string().nullable(),
          label: z.string().nullable(),
        }),
        ...errors,
      },
    },
    handler: (req) => labelReview(deps, principalOf(req), req.params.id, req.body, req.id),
  });
  app.get('/api/ops/advisor/model', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'The intent model version serving the advisor',
      response: { 200: ModelInfo, ...errors },
    },
    handler: () => modelInfo(deps),
  });
  app.post('/api/ops/advisor/model/retrain', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary:
        'Retrain the intent model on the corpus + labelled messages (worker thread); every process swaps it in',
      body: RetrainBody,
      response: { 200: ModelInfo, ...errors },
    },
    handler: (req) => retrain(deps, principalOf(req), req.body.note, req.id),
  });
  app.get('/api/ops/advisor/kb', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'The knowledge base the advisor answers from (current version)',
      response: { 200: KbView, ...errors },
    },
    handler: () => currentKb(deps.db),
  });
  app.put('/api/ops/advisor/kb/items/:id', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary: 'Create or edit one knowledge-base item (a new KB version, audited)',
      params: KbItemParams,
      body: KbItemBody,
      response: { 200: KbChange, ...errors },
    },
    handler: (req) => upsertKbItem(deps, principalOf(req), req.params.id, req.body, req.id),
  });
  app.get('/api/ops/advisor/kb/export', {
    config: { permission: 'advisor_ops:read' },
    schema: {
      tags,
      summary: 'The knowledge base as .xlsx (id, question, similar joined by |, answer, category)',
      response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
    },
    handler: async (_req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="knowledge-base.xlsx"')
        .send(await exportKbXlsx(deps)),
  });
  app.post('/api/ops/advisor/kb/import', {
    config: { permission: 'advisor_ops:write' },
    schema: {
      tags,
      summary:
        'Replace the knowledge base with an .xlsx (base64); bad cells → 400 naming row and column, nothing stored',
      body: KbImportBody,
      response: { 200: KbChange, ...errors },
    },
    handler: (req) => importKbXlsx(deps, principalOf(req), req.body.file, req.id),
  });
  app.post('/api/workbench/handoffs/:id/corrections', {
    config: { permission: 'handoffs:write' },
    schema: {
      tags,
      summary: 'The RM names the intent a misread customer message had; it goes to the ops review queue',
      params: HandoffParams,
      body: CorrectionBody,
      response: { 201: z.object({ id: z.number().nullable() }), ...errors },
    },
    handler: async (req, reply) => {
      const h = await handoffForCorrection(deps, principalOf(req), req.params.id);
      return reply.code(201).send(await queueCorrection(deps, h, req.body));
    },
  });
};
