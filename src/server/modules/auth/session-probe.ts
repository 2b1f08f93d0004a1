import { SessionProbeResponse } from '../../../contracts/auth.js';
import { sessionUserOf } from '../../auth/principal.js';
import { findPrincipal } from '../../auth/session-store.js';
import { SESSION_COOKIE, bearerToken, tokenHash } from '../../auth/tokens.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { permissionsOf } from '../../http/permissions.js';

/**
 * `GET /api/auth/session`: who is logged in, answering 200 `{ user: null }` without a live session. The web app
 * probes it on every load, so a logged-out visitor's login page makes no failing request (the browser logs every
 * 401 as a console error); `/api/auth/me` keeps its 401 for API clients.
 */
export const registerSessionProbe = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/auth/session', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'The current session, or user null when logged out (never 401)',
      response: { 200: SessionProbeResponse },
    },
    handler: async (req) => {
      const token = bearerToken(req.headers.authorization) ?? req.cookies[SESSION_COOKIE] ?? '';
      const p =
        token === '' ? null : await findPrincipal(deps.db, tokenHash(deps.sessionSecret, token), deps.now());
      return p === null
        ? { user: null, permissions: [] }
        : { user: sessionUserOf(p), permissions: [...permissionsOf(p.role)] };
    },
  });
};
