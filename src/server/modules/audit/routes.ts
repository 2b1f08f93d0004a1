import { ErrorBody } from '../../../contracts/common.js';
import { AuditPage, AuditQuery } from '../../../contracts/org.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { listAudit } from './repo.js';

export const registerAuditRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/audit', {
    config: { permission: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'Audit log (logins, PII reads, refused accesses), newest first',
      querystring: AuditQuery,
      response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (req) => {
      const { rows, total } = await listAudit(deps.db, req.query);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        total,
      };
    },
  });
};
