import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import {
  CardImageQuery,
  AnalyzeRequest,
  AnalyzeResponse,
  CardResponse,
  CardTokenParams,
  Intent,
  IntentEdit,
  IntentList,
  IntentParams,
  PublicCard,
  TaxonomyProposal,
  TaxonomyProposeRequest,
} from '../../../contracts/rm-assistant.js';
import { cardSvg } from '../../../core/rm-card/card-image.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  analyzeForCustomer,
  confirmIntent,
  customerIntentList,
  editIntent,
  intentCard,
  sharedCard,
} from './service.js';
import { proposeTaxonomy } from './taxonomy.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * RM assistant on the customer 360 (issue 16): conversation insight → proposed money intents → RM confirm or
 * edit → recommendation card → shareable link. Writing is `advice:write` (the RM, own customers through the
 * data scope); reading intents follows the customer 360's scope.
 */
export const registerRmAssistantRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/customers/:id/conversations/analyze', {
    config: { permission: 'advice:write' },
    schema: {
      tags: ['rm-assistant'],
      summary:
        'Analyse a transcript of this customer: tags, objections, and money intents stored as proposed',
      params: CustomerIdParams,
      body: AnalyzeRequest,
      response: { 200: AnalyzeResponse, ...errors },
    },
    handler: (req) => analyzeForCustomer(deps, principalOf(req), req.params.id, req.body, req.id),
  });

  app.get('/api/customers/:id/intents', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'Money intents (心理账户) of a customer, oldest first',
      params: CustomerIdParams,
      response: { 200: IntentList, ...errors },
    },
    handler: (req) => customerIntentList(deps, principalOf(req), req.params.id, req.id),
  });

  app.post('/api/customers/:id/intents/:iid/confirm', {
    config: { permission: 'advice:write' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'Confirm a proposed intent as said',
      params: IntentParams,
      response: { 200: Intent, ...errors },
    },
    handler: (req) => confirmIntent(deps, principalOf(req), req.params.id, req.params.iid, req.id),
  });

  app.patch('/api/customers/:id/intents/:iid', {
    config: { permission: 'advice:write' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'Edit an intent (it becomes edited, confirmed by the editor)',
      params: IntentParams,
      body: IntentEdit,
      response: { 200: Intent, ...errors },
    },
    handler: (req) => editIntent(deps, principalOf(req), req.params.id, req.params.iid, req.body, req.id),
  });

  app.post('/api/customers/:id/intents/:iid/card', {
    config: { permission: 'advice:write' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'Recommendation card of an intent, checked by the outbound guard; a share link when allowed',
      params: IntentParams,
      response: { 200: CardResponse, ...errors },
    },
    handler: (req) => intentCard(deps, principalOf(req), req.params.id, req.params.iid, req.id),
  });

  app.post('/api/conversations/taxonomy/propose', {
    config: { permission: 'taxonomy:write' },
    schema: {
      tags: ['rm-assistant'],
      summary:
        'Propose new conversation tags from ≤ 50 transcripts with the optional LLM, for review (409 without an LLM)',
      body: TaxonomyProposeRequest,
      response: { 200: TaxonomyProposal, ...errors, 409: ErrorBody, 503: ErrorBody },
    },
    handler: (req) => proposeTaxonomy(deps, principalOf(req), req.body, req.id),
  });

  app.get('/api/cards/:token', {
    config: { permission: 'public' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'A shared recommendation card (public, read-only, no staff data)',
      params: CardTokenParams,
      response: { 200: PublicCard, 400: ErrorBody, 404: ErrorBody },
    },
    handler: (req) => sharedCard(deps, req.params.token),
  });

  app.get('/api/cards/:token/image.svg', {
    config: { permission: 'public' },
    schema: {
      tags: ['rm-assistant'],
      summary: 'The shared card as an image (SVG, 750 px wide; ?lang=zh|en)',
      params: CardTokenParams,
      querystring: CardImageQuery,
      response: { 200: z.string(), 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (req, reply) => {
      const card = await sharedCard(deps, req.params.token);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(cardSvg(card, req.query.lang));
    },
  });
};
