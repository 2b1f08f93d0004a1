import { PassThrough } from 'node:stream';
import { ErrorBody } from '../../../contracts/common.js';
import {
  ExportQuery,
  LookalikeBody,
  LookalikeResult,
  Segment,
  SegmentIdParams,
  SegmentInput,
  SegmentList,
  SegmentPreview,
  SegmentRefreshList,
  SegmentRuleBody,
} from '../../../contracts/segments.js';
import { z } from 'zod';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  createSegment,
  deleteSegment,
  exportSavedSegment,
  getSegment,
  listSegments,
  previewSegment,
  segmentRule,
  updateSegment,
} from './service.js';
import { lookalike } from './lookalike.js';
import { segmentProfile } from './profile.js';
import { segmentRefreshHistory } from './refresh.js';
import { SegmentProfile } from '../../../contracts/cdp.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const registerSegmentRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/segments/preview', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary:
        'Count and sample of a segment rule within the caller’s scope (a bad rule → 400 with its JSON path)',
      body: SegmentRuleBody,
      response: { 200: SegmentPreview, ...errors },
    },
    handler: (req) => previewSegment(deps, principalOf(req), req.body.rule),
  });

  app.post('/api/segments/profile', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary:
        'Profile of a segment rule in the caller’s scope: tier, age band, risk level, product types held',
      body: SegmentRuleBody,
      response: { 200: SegmentProfile, ...errors },
    },
    handler: (req) => segmentProfile(deps, principalOf(req), req.body.rule),
  });

  app.post('/api/segments/lookalike', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary:
        'Customers most like a seed (saved segment or customer ids) in the caller’s scope: PU logistic model, score = P(seed-like)',
      body: LookalikeBody,
      response: { 200: LookalikeResult, ...errors },
    },
    handler: (req) => lookalike(deps, principalOf(req), req.body),
  });

  app.get('/api/segments', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary: 'Saved segments and built-in groups',
      response: { 200: SegmentList, ...errors },
    },
    handler: () => listSegments(deps.db),
  });

  app.post('/api/segments', {
    config: { permission: 'segments:write' },
    schema: {
      tags: ['segments'],
      summary: 'Save a segment (audited)',
      body: SegmentInput,
      response: { 200: Segment, ...errors },
    },
    handler: (req) => createSegment(deps, principalOf(req), req.body, req.id),
  });

  app.get('/api/segments/:id', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary: 'One saved segment',
      params: SegmentIdParams,
      response: { 200: Segment, ...errors },
    },
    handler: (req) => getSegment(deps.db, req.params.id),
  });

  app.put('/api/segments/:id', {
    config: { permission: 'segments:write' },
    schema: {
      tags: ['segments'],
      summary: 'Change a saved segment (built-in groups are refused with 409)',
      params: SegmentIdParams,
      body: SegmentInput,
      response: { 200: Segment, 409: ErrorBody, ...errors },
    },
    handler: (req) => updateSegment(deps, principalOf(req), req.params.id, req.body, req.id),
  });

  app.delete('/api/segments/:id', {
    config: { permission: 'segments:write' },
    schema: {
      tags: ['segments'],
      summary: 'Delete a saved segment (built-in groups are refused with 409)',
      params: SegmentIdParams,
      response: { 200: z.object({ deleted: z.number().int() }), 409: ErrorBody, ...errors },
    },
    handler: (req) => deleteSegment(deps, principalOf(req), req.params.id, req.id),
  });

  app.get('/api/segments/:id/count', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary: 'Count and sample of a saved segment within the caller’s scope',
      params: SegmentIdParams,
      response: { 200: SegmentPreview, ...errors },
    },
    handler: async (req) => previewSegment(deps, principalOf(req), await segmentRule(deps.db, req.params.id)),
  });

  app.get('/api/segments/:id/export', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary:
        'Stream a saved segment’s customers (caller’s scope) as CSV or .xlsx; no names or phones (audited)',
      params: SegmentIdParams,
      querystring: ExportQuery,
      response: { 200: z.unknown().describe('the file (text/csv or .xlsx)'), ...errors },
    },
    handler: async (req, reply) => {
      const { format } = req.query;
      // Resolve the segment (404) before the headers go out.
      await segmentRule(deps.db, req.params.id);
      const out = new PassThrough();
      const done = exportSavedSegment(deps, principalOf(req), req.params.id, format, out, req.id);
      done.catch((e: unknown) => {
        req.log.error(e, 'segment export failed');
        out.destroy(e instanceof Error ? e : new Error(String(e)));
      });
      return reply
        .header('content-type', CONTENT_TYPE[format])
        .header('content-disposition', `attachment; filename="segment-${req.params.id}.${format}"`)
        .send(out);
    },
  });

  app.get('/api/segments/:id/refreshes', {
    config: { permission: 'segments:read' },
    schema: {
      tags: ['segments'],
      summary: 'The latest scheduled refreshes of a saved segment with their counts, newest first',
      params: SegmentIdParams,
      response: { 200: SegmentRefreshList, ...errors },
    },
    handler: async (req) => {
      await getSegment(deps.db, req.params.id);
      return { items: await segmentRefreshHistory(deps.db, req.params.id) };
    },
  });
};
