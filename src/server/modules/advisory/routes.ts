import {
  AlertsQuery,
  AlertsResponse,
  AttributionQuery,
  AttributionResponse,
  CheckupResponse,
  CommentaryQuery,
  CommentaryResponse,
  CustomerHoldingParams,
  InsuranceCompareBody,
  InsuranceCompareResponse,
  InsuranceSelectionBody,
  InsuranceSelectionResponse,
  ManagerRecommendationsResponse,
  ManagersQuery,
  RecommendationsQuery,
  RecommendationsResponse,
  StatementQuery,
  StatementResponse,
  TargetsBody,
  TargetsResponse,
} from '../../../contracts/advisory.js';
import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  clearHoldingTargets,
  customerAlerts,
  customerAttribution,
  customerCheckup,
  customerCommentary,
  customerManagers,
  customerRecommendations,
  customerStatement,
  holdingTargets,
  customerInsurance,
  insuranceCompare,
  marketCommentaryOf,
  setHoldingTargets,
} from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

/** Advisory services (issue 11): scoped like the customer 360 (RM → own customers, customer → self). */
export const registerAdvisoryRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/customers/:id/checkup', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary: 'Wealth check-up (财富体检): score 0–100, dimension scores, findings with actions',
      params: CustomerIdParams,
      response: { 200: CheckupResponse, ...errors },
    },
    handler: (req) => customerCheckup(deps, principalOf(req), req.params.id, req.id),
  });

  app.get('/api/customers/:id/statement', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary:
        'Statement (对账单) of any period: values, flows, P&L, TWR, IRR, benchmark, by product and month',
      params: CustomerIdParams,
      querystring: StatementQuery,
      response: { 200: StatementResponse, ...errors },
    },
    handler: (req) => customerStatement(deps, principalOf(req), req.params.id, req.query, req.id),
  });

  app.get('/api/customers/:id/recommendations', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary:
        'Suitable product recommendations with reasons (409 ASSESSMENT_EXPIRED without a valid assessment)',
      params: CustomerIdParams,
      querystring: RecommendationsQuery,
      response: { 200: RecommendationsResponse, 409: ErrorBody, ...errors },
    },
    handler: (req) => customerRecommendations(deps, principalOf(req), req.params.id, req.query, req.id),
  });

  app.get('/api/customers/:id/recommendations/managers', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary: 'Fund-manager selection: managers of the products within the customer’s level, scored',
      params: CustomerIdParams,
      querystring: ManagersQuery,
      response: { 200: ManagerRecommendationsResponse, 409: ErrorBody, ...errors },
    },
    handler: (req) => customerManagers(deps, principalOf(req), req.params.id, req.query.limit, req.id),
  });

  app.get('/api/customers/:id/holdings/:code/attribution', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary:
        'Why is my fund moving: market + style + specific over the last N trading days, peer percentile',
      params: CustomerHoldingParams,
      querystring: AttributionQuery,
      response: { 200: AttributionResponse, ...errors },
    },
    handler: (req) =>
      customerAttribution(deps, principalOf(req), req.params.id, req.params.code, req.query.days, req.id),
  });

  app.get('/api/customers/:id/alerts', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary: 'Alerts as of a day: NAV swing, take-profit/stop-loss, drawdown, maturity, assessment expiry',
      params: CustomerIdParams,
      querystring: AlertsQuery,
      response: { 200: AlertsResponse, ...errors },
    },
    handler: (req) => customerAlerts(deps, principalOf(req), req.params.id, req.query.asOf, req.id),
  });

  app.get('/api/customers/:id/holdings/:code/targets', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary: 'Take-profit / stop-loss targets of a holding, with the ones suggested from its volatility',
      params: CustomerHoldingParams,
      response: { 200: TargetsResponse, ...errors },
    },
    handler: (req) => holdingTargets(deps, principalOf(req), req.params.id, req.params.code, req.id),
  });

  app.put('/api/customers/:id/holdings/:code/targets', {
    config: { permission: 'alerts:write' },
    schema: {
      tags: ['advisory'],
      summary: 'Set take-profit (0 < x ≤ 10) and/or stop-loss (−1 ≤ x < 0) on a held product (audited)',
      params: CustomerHoldingParams,
      body: TargetsBody,
      response: { 200: TargetsResponse, ...errors },
    },
    handler: (req) =>
      setHoldingTargets(deps, principalOf(req), req.params.id, req.params.code, req.body, req.id),
  });

  app.delete('/api/customers/:id/holdings/:code/targets', {
    config: { permission: 'alerts:write' },
    schema: {
      tags: ['advisory'],
      summary: 'Remove the targets of a holding (the suggested ones apply again)',
      params: CustomerHoldingParams,
      response: { 200: TargetsResponse, ...errors },
    },
    handler: (req) => clearHoldingTargets(deps, principalOf(req), req.params.id, req.params.code, req.id),
  });

  app.get('/api/commentary', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['advisory'],
      summary: 'Market commentary of a trading day’s session (midday or close), compliant and dated',
      querystring: CommentaryQuery,
      response: { 200: CommentaryResponse, ...errors },
    },
    handler: (req) => marketCommentaryOf(deps, req.query),
  });

  app.get('/api/customers/:id/commentary', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary: 'The day’s commentary with its effect on the customer’s holdings by group',
      params: CustomerIdParams,
      querystring: CommentaryQuery,
      response: { 200: CommentaryResponse, ...errors },
    },
    handler: (req) => customerCommentary(deps, principalOf(req), req.params.id, req.query, req.id),
  });

  app.post('/api/customers/:id/recommendations/insurance', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['advisory'],
      summary:
        'Protection needs and insurance selection over quoted offers within 10 % of income (nothing is stored)',
      params: CustomerIdParams,
      body: InsuranceSelectionBody,
      response: { 200: InsuranceSelectionResponse, 409: ErrorBody, ...errors },
    },
    handler: (req) => customerInsurance(deps, principalOf(req), req.params.id, req.body, req.id),
  });

  app.post('/api/insurance/compare', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['advisory'],
      summary: '保险PK: 2–5 quoted policies side by side, where each is more favourable (ranks nothing)',
      body: InsuranceCompareBody,
      response: { 200: InsuranceCompareResponse, ...errors },
    },
    handler: (req) => insuranceCompare(deps, req.body),
  });
};
