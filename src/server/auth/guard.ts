import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Database } from '../db/index.js';
import { can } from '../http/permissions.js';
import { rateLimited } from './limiter.js';
import type { Principal } from './principal.js';
import type { AuthRuntime } from './runtime.js';
import { findPrincipal } from './session-store.js';
import { SESSION_COOKIE, bearerToken, tokenHash } from './tokens.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal of an authenticated route (the guard has run); throws if called on a public route. */
export const principalOf = (req: FastifyRequest): Principal => {
  if (req.principal === null) throw new AppError('UNAUTHENTICATED', 'log in first');
  return req.principal;
};

/**
 * The one access check, run before every route: a route without a declared permission is refused (fail
 * closed), public routes pass, everything else needs a live session (bearer token first, then the session
 * cookie) whose role holds the route's permission. A token that resolves to no session counts against its
 * IP; once the IP has sent too many such tokens this minute, further tokens are refused (429) without a
 * database lookup, so random tokens buy neither fresh rate-limit buckets nor free queries. A public route with
 * `optionalSession` (the session probe) resolves a session the same way but answers without one.
 */
export const installGuard = (
  app: FastifyInstance,
  deps: { db: Database; sessionSecret: string; now: () => Date },
  auth: AuthRuntime,
): void => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const permission = req.routeOptions.config.permission;
    if (permission === undefined) throw new AppError('FORBIDDEN', 'route declares no permission');
    const optional = permission === 'public';
    if (optional && req.routeOptions.config.optionalSession !== true) return;
    const token = bearerToken(req.headers.authorization) ?? req.cookies[SESSION_COOKIE] ?? null;
    if (token === null || token === '') {
      if (optional) return;
      throw new AppError('UNAUTHENTICATED', 'log in first');
    }
    const nowMs = deps.now().getTime();
    if (auth.throttle.tokenFloodFrom(req.ip, nowMs))
      throw rateLimited('unknown session tokens', auth.throttle.badTokens.retryAfterSeconds(req.ip, nowMs));
    const principal = await findPrincipal(deps.db, tokenHash(deps.sessionSecret, token), deps.now());
    if (principal === null) {
      auth.throttle.badToken(req.ip, nowMs);
      if (optional) return;
      throw new AppError('UNAUTHENTICATED', 'session expired or unknown; log in again');
    }
    if (optional) {
      req.principal = principal;
      return;
    }
    if (!can(principal.role, permission))
      throw new AppError('FORBIDDEN', `role ${principal.role} lacks permission ${permission}`, {
        permission,
      });
    req.principal = principal;
  });
};
