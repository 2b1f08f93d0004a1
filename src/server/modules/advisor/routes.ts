import {
  AdvisorMessageRequest,
  AdvisorMessageResponse,
  AdvisorSessionCreated,
  AdvisorSessionParams,
  AdvisorSessionView,
  HandoffList,
  HandoffParams,
  HandoffStatusResponse,
  InboxList,
  InboxParams,
  InboxRead,
  RmMessageRequest,
} from '../../../contracts/advisor.js';
import { ErrorBody } from '../../../contracts/common.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { listInbox, readInbox } from './inbox.js';
import {
  closeHandoffOf,
  createSession,
  getSession,
  handoffConversation,
  listHandoffs,
  postMessage,
  rmMessage,
} from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Splits the reply into small pieces for the SSE `delta` events (by characters: Chinese has no spaces). */
const pieces = (text: string, size = 12): string[] => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
};

export const registerAdvisorRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/advisor/sessions', {
    config: { permission: 'advisor:chat' },
    schema: {
      tags: ['advisor'],
      summary: 'Start a conversation with the AI advisor (a customer’s own session)',
      response: { 201: AdvisorSessionCreated, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createSession(deps, principalOf(req))),
  });

  app.post('/api/advisor/sessions/:id/messages', {
    config: { permission: 'advisor:chat' },
    schema: {
      tags: ['advisor'],
      summary:
        'One turn: { text } or { action: { type, value } } → intent, slots, flow, reply (text + cards), hand-off; SSE with Accept: text/event-stream',
      params: AdvisorSessionParams,
      body: AdvisorMessageRequest,
      response: { 200: AdvisorMessageResponse, ...errors },
    },
    handler: async (req, reply) => {
      const out = await postMessage(deps, principalOf(req), req.params.id, req.body, req.id);
      if (!(req.headers.accept ?? '').includes('text/event-stream')) return out;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-request-id': req.id,
      });
      for (const p of pieces(out.reply.text))
        raw.write(`event: delta\ndata: ${JSON.stringify({ text: p })}\n\n`);
      raw.write(`event: message\ndata: ${JSON.stringify(out)}\n\n`);
      raw.end();
      return reply;
    },
  });

  app.get('/api/advisor/sessions/:id', {
    config: { permission: 'advisor:chat' },
    schema: {
      tags: ['advisor'],
      summary:
        'The messages of one advisor session (the advisor’s, the customer’s and the RM’s) and its hand-off',
      params: AdvisorSessionParams,
      response: { 200: AdvisorSessionView, ...errors },
    },
    handler: (req) => getSession(deps, principalOf(req), req.params.id),
  });

  app.get('/api/advisor/inbox', {
    config: { permission: 'advisor:chat' },
    schema: {
      tags: ['advisor'],
      summary:
        'The customer’s proactive messages (alerts: NAV swings, take-profit / stop-loss, drawdown, maturity, assessment) with one-tap follow-ups and read state',
      response: { 200: InboxList, ...errors },
    },
    handler: (req) => listInbox(deps, principalOf(req), req.id),
  });

  app.post('/api/advisor/inbox/:id/read', {
    config: { permission: 'advisor:chat' },
    schema: {
      tags: ['advisor'],
      summary: 'Mark one proactive message read',
      params: InboxParams,
      response: { 200: InboxRead, ...errors },
    },
    handler: (req) => readInbox(deps, principalOf(req), req.params.id),
  });

  app.get('/api/workbench/handoffs', {
    config: { permission: 'handoffs:write' },
    schema: {
      tags: ['advisor'],
      summary: 'Open hand-offs routed to the calling RM, with the advisor’s summary',
      response: { 200: HandoffList, ...errors },
    },
    handler: (req) => listHandoffs(deps, principalOf(req)),
  });

  app.get('/api/workbench/handoffs/:id/messages', {
    config: { permission: 'handoffs:write' },
    schema: {
      tags: ['advisor'],
      summary:
        'The conversation behind one of the calling RM’s hand-offs (customer, advisor, RM and system messages)',
      params: HandoffParams,
      response: { 200: AdvisorSessionView, ...errors },
    },
    handler: (req) => handoffConversation(deps, principalOf(req), req.params.id),
  });

  app.post('/api/workbench/handoffs/:id/messages', {
    config: { permission: 'handoffs:write' },
    schema: {
      tags: ['advisor'],
      summary: 'The RM answers in the customer’s session (through the outbound guard)',
      params: HandoffParams,
      body: RmMessageRequest,
      response: { 200: HandoffStatusResponse, 409: ErrorBody, ...errors },
    },
    handler: (req) => rmMessage(deps, principalOf(req), req.params.id, req.body.text),
  });

  app.post('/api/workbench/handoffs/:id/close', {
    config: { permission: 'handoffs:write' },
    schema: {
      tags: ['advisor'],
      summary: 'Close a hand-off: the advisor takes the session back and offers to resume',
      params: HandoffParams,
      response: { 200: HandoffStatusResponse, ...errors },
    },
    handler: (req) => closeHandoffOf(deps, principalOf(req), req.params.id),
  });
};
