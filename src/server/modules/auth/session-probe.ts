import { SessionProbeResponse } from '../../../contracts/auth.js';
import { sessionUserOf } from '../../auth/principal.js';
import type { ZodApp } from '../../http/deps.js';
import { permissionsOf } from '../../http/permissions.js';

/**
 * `GET /api/auth/session`: who is logged in, answering 200 `{ user: null }` without a live session. The web app
 * probes it on every load, so a logged-out visitor's login page makes no failing request (the browser logs every
 * 401 as a console error); `/api/auth/me` keeps its 401 for API clients. The guard resolves the session
 * (`optionalSession`), so unknown tokens sent here count against the IP like anywhere else.
 */
export const registerSessionProbe = (app: ZodApp): void => {
  app.get('/api/auth/session', {
    config: { permission: 'public', optionalSession: true },
    schema: {
      tags: ['auth'],
      summary: 'The current session, or user null when logged out (never 401)',
      response: { 200: SessionProbeResponse },
    },
    handler: (req) => {
      const p = req.principal;
      return p === null
        ? { user: null, permissions: [] }
        : { user: sessionUserOf(p), permissions: [...permissionsOf(p.role)] };
    },
  });
};
