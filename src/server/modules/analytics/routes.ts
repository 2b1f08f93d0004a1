import {
  CompareRequest,
  CompareResponse,
  ProductAnalyticsResponse,
  ProposalRequest,
  ProposalResponse,
} from '../../../contracts/analytics.js';
import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import { ProductCodeParams } from '../../../contracts/products.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { customerProposal } from '../advice/proposal.js';
import { compareProducts, productAnalyticsOf } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const registerAnalyticsRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/products/:code/analytics', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['analytics'],
      summary:
        'Product analytics from adjusted NAV: metrics, NAV vs benchmark, drawdowns, calendar and rolling returns',
      params: ProductCodeParams,
      response: { 200: ProductAnalyticsResponse, 422: ErrorBody, ...errors },
    },
    handler: (req) => productAnalyticsOf(deps, req.params.code),
  });

  app.post('/api/analytics/compare', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['analytics'],
      summary: 'Fund PK (基金PK): 2–5 products side by side on their common window, with a factual summary',
      body: CompareRequest,
      response: { 200: CompareResponse, ...errors },
    },
    handler: (req) => compareProducts(deps, req.body.codes),
  });

  app.post('/api/customers/:id/proposal', {
    config: { permission: 'advice:write' },
    schema: {
      tags: ['analytics'],
      summary:
        'Allocation proposal for a money bucket from the customer’s holdings, risk level and the suitable shelf (audited)',
      params: CustomerIdParams,
      body: ProposalRequest,
      response: { 200: ProposalResponse, 409: ErrorBody, ...errors },
    },
    handler: (req) => customerProposal(deps, principalOf(req), req.params.id, req.body, req.id),
  });
};
