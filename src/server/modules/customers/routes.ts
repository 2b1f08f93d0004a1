import { ErrorBody } from '../../../contracts/common.js';
import {
  Customer360,
  CustomerIdParams,
  CustomerListQuery,
  CustomerPage,
  EventPage,
  EventsQuery,
  TransactionPage,
} from '../../../contracts/customers.js';
import { PageQuery } from '../../../contracts/common.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { customer360, customerEvents, customerTransactions, searchCustomers } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const registerCustomerRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/customers', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['customers'],
      summary: 'Search, filter and page the customers in the caller’s scope',
      querystring: CustomerListQuery,
      response: { 200: CustomerPage, ...errors },
    },
    handler: (req) => searchCustomers(deps, principalOf(req), req.query, req.id),
  });

  app.get('/api/customers/:id', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['customers'],
      summary: 'Customer 360: profile, identities, holdings with P&L, transactions, timeline',
      params: CustomerIdParams,
      response: { 200: Customer360, ...errors },
    },
    handler: (req) => customer360(deps, principalOf(req), req.params.id, req.id),
  });

  app.get('/api/customers/:id/transactions', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['customers'],
      summary: 'All transactions of a customer, newest first',
      params: CustomerIdParams,
      querystring: PageQuery,
      response: { 200: TransactionPage, ...errors },
    },
    handler: (req) => customerTransactions(deps, principalOf(req), req.params.id, req.query, req.id),
  });

  app.get('/api/customers/:id/events', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['customers'],
      summary: 'Behaviour events of a customer, newest first',
      params: CustomerIdParams,
      querystring: EventsQuery,
      response: { 200: EventPage, ...errors },
    },
    handler: (req) => customerEvents(deps, principalOf(req), req.params.id, req.query, req.id),
  });
};
