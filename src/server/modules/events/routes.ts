import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import { badInput } from '../../../core/errors.js';
import { readJsonLines } from '../../../core/events/ingest-event.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { ingestEvents, listDeadLetters, MAX_BATCH, replayDeadLetters } from './ingest.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody };

const IngestResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), error: z.string() })),
});

/** A batch as a JSON array, {"events": [...]}, or JSON Lines (Content-Type: application/x-ndjson). */
const batchOf = (body: unknown): unknown[] => {
  const list =
    typeof body === 'string'
      ? readJsonLines(body)
      : Array.isArray(body)
        ? body
        : typeof body === 'object' && body !== null && Array.isArray((body as { events?: unknown }).events)
          ? (body as { events: unknown[] }).events
          : null;
  if (list === null)
    throw badInput(
      'body',
      'expected a JSON array of events, {"events": [...]}, or JSON Lines with Content-Type application/x-ndjson',
    );
  if (list.length > MAX_BATCH)
    throw badInput('body', `${list.length} events in one request; send at most ${MAX_BATCH} per request`);
  return list;
};

export const registerEventRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/api/events', {
    config: { permission: 'events:write' },
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['events'],
      summary:
        'Ingest a batch of behaviour/market events (idempotent by id; bad events rejected with their index, the rest kept)',
      body: z.unknown(),
      response: { 200: IngestResponse, ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const batch = batchOf(req.body);
      const result = await ingestEvents(deps.db, batch, { now: deps.now(), source: 'api' });
      if (result.accepted > 0) deps.nudge('mot.evaluate');
      await writeAudit(deps.db, actorOf(p), req.id, [
        {
          action: 'events.ingest',
          targetKind: 'events',
          target: null,
          customerId: null,
          details: {
            received: batch.length,
            accepted: result.accepted,
            duplicates: result.duplicates,
            rejected: result.rejected.length,
          },
        },
      ]);
      return result;
    },
  });

  app.get('/api/events/dead-letters', {
    config: { permission: 'events:write' },
    schema: {
      tags: ['events'],
      summary: 'Rejected events with their reasons (open = not replayed yet), oldest first',
      querystring: z.object({
        open: z
          .enum(['true', 'false'])
          .default('true')
          .transform((v) => v === 'true'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: {
        200: z.array(
          z.object({
            id: z.number().int(),
            receivedAt: z.date(),
            source: z.string(),
            position: z.number().int(),
            raw: z.string(),
            error: z.string(),
            replayedAt: z.date().nullable(),
            replayError: z.string().nullable(),
          }),
        ),
        ...errors,
      },
    },
    handler: (req) => listDeadLetters(deps.db, req.query),
  });

  app.post('/api/events/dead-letters/replay', {
    config: { permission: 'events:write' },
    schema: {
      tags: ['events'],
      summary: 'Re-ingest open dead letters (all, or the given ids) after their cause was fixed',
      body: z
        .object({ ids: z.array(z.number().int().positive()).min(1).max(MAX_BATCH).optional() })
        .default({}),
      response: {
        200: z.object({
          replayed: z.number().int(),
          accepted: z.number().int(),
          duplicates: z.number().int(),
          failed: z.array(z.object({ id: z.number().int(), error: z.string() })),
        }),
        ...errors,
      },
    },
    handler: async (req) => {
      const result = await replayDeadLetters(deps.db, { now: deps.now(), ids: req.body.ids });
      await writeAudit(deps.db, actorOf(principalOf(req)), req.id, [
        {
          action: 'events.replay',
          targetKind: 'events',
          target: null,
          customerId: null,
          details: { replayed: result.replayed, failed: result.failed.length },
        },
      ]);
      return result;
    },
  });
};
