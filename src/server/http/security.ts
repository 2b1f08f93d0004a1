import rateLimit from '@fastify/rate-limit';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, bearerToken } from '../auth/tokens.js';

export type RateLimitOptions = {
  /** Requests per minute per client for the API as a whole. */
  perMinute: number;
  /** Attempts per minute per client on login and OTP routes (brute-force guard). */
  loginPerMinute: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitOptions = { perMinute: 600, loginPerMinute: 10 };

/**
 * The client a request counts against: its session when it has one (so colleagues behind one office NAT do
 * not share a budget), else its IP. The token is hashed so raw tokens never sit in the limiter's memory.
 */
const clientKey = (req: FastifyRequest): string => {
  const token = bearerToken(req.headers.authorization) ?? req.cookies?.[SESSION_COOKIE] ?? null;
  return token
    ? `session|${createHash('sha256').update(token).digest('base64url').slice(0, 24)}`
    : `ip|${req.ip}`;
};

/**
 * Security headers (helmet) with a CSP that fits the built web app: scripts only from our origin; inline
 * styles are allowed because Ant Design injects CSS-in-JS at run time.
 */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers of HELMET_OPTIONS as a plain record, for the answers Fastify gives before any hook runs (a bad
 * URL, an over-long path parameter, an oversize header): they carry the same headers as every other response.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => undefined,
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
})();

/**
 * API answers are never stored by browsers or proxies: most carry personal data (customers, audit, staff,
 * the session user), and a default that fails closed keeps a new route from leaking into a shared cache.
 * A route that wants caching sets its own Cache-Control.
 */
export const API_CACHE_CONTROL = 'no-store';

/** The CSP of the embeddable chat: the app's own, framed only by the configured origins (and itself). */
export const embedCsp = (origins: readonly string[]): string =>
  (SECURITY_HEADERS['content-security-policy'] ?? '').replace(
    "frame-ancestors 'none'",
    `frame-ancestors 'self'${origins.map((o) => ` ${o}`).join('')}`,
  );

/**
 * The embeddable chat (/embed/chat) may be framed by the allow-listed origins (EMBED_ALLOWED_ORIGINS): its CSP
 * names them in frame-ancestors and X-Frame-Options (which cannot list origins) is dropped; every other page
 * keeps frame-ancestors 'none'. The loader script (/embed.js) is loaded by the bank's pages from another
 * origin, so its Cross-Origin-Resource-Policy is cross-origin.
 */
const embedHeaders = (url: string, reply: FastifyReply, origins: readonly string[]): void => {
  const path = url.split('?')[0] ?? '';
  if (path === '/embed/chat' || path.startsWith('/embed/chat/')) {
    // The fixed headers are set on the raw response (registerSecurity): override them there.
    reply.raw.setHeader('content-security-policy', embedCsp(origins));
    reply.raw.removeHeader('x-frame-options');
  } else if (path === '/embed.js') {
    reply.raw.setHeader('cross-origin-resource-policy', 'cross-origin');
  }
};

/**
 * Security headers, `Cache-Control: no-store` on the API, and rate limits keyed on the session or the client
 * IP (behind a load balancer set trustProxy so this is the real client). The in-memory store is per process:
 * limits are per node, which is acceptable for abuse control and keeps the database off the hot path.
 */
export const registerSecurity = async (
  app: FastifyInstance,
  limits: RateLimitOptions,
  embedOrigins: readonly string[] = [],
): Promise<void> => {
  // The headers are fixed (no per-route options, no CSP nonces): set the precomputed record instead of running
  // helmet on every request (@fastify/helmet rebuilds its middleware, CSP parsing included, per request).
  const headerList = Object.entries(SECURITY_HEADERS);
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headerList) reply.raw.setHeader(name, value);
    done();
  });
  app.addHook('onSend', async (req, reply) => {
    embedHeaders(req.url, reply, embedOrigins);
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', API_CACHE_CONTROL);
  });
  await app.register(rateLimit, {
    global: true,
    max: limits.perMinute,
    timeWindow: '1 minute',
    keyGenerator: clientKey,
    // Only the API is limited; the static web shell and health probes are not.
    allowList: (req) => !req.url.startsWith('/api/'),
  });
};
