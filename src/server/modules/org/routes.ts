import { ErrorBody } from '../../../contracts/common.js';
import { OrgUnitList, StaffPage, StaffQuery } from '../../../contracts/org.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { orgUnits, staffDirectory } from './service.js';

export const registerOrgRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/org/units', {
    config: { permission: 'org:read' },
    schema: {
      tags: ['org'],
      summary: 'Organisation tree (HQ → branches → outlets) with staff and customer counts',
      response: { 200: OrgUnitList, 401: ErrorBody, 403: ErrorBody },
    },
    handler: () => orgUnits(deps),
  });

  app.get('/api/org/staff', {
    config: { permission: 'staff:read' },
    schema: {
      tags: ['org'],
      summary: 'Staff directory (branch managers: their branch)',
      querystring: StaffQuery,
      response: { 200: StaffPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: (req) => staffDirectory(deps, principalOf(req), req.query),
  });
};
