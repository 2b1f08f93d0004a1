import { createHmac, randomBytes } from 'node:crypto';

/** Name of the session cookie (httpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'caiban_session';

/** Sessions last 12 hours: a working day, after which staff log in again. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** A fresh opaque session token (256 random bits, base64url). */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

/**
 * What the database stores for a token: HMAC-SHA256 keyed by SESSION_SECRET. A stolen copy of the sessions
 * table therefore yields no usable token, and rotating the secret ends every session.
 */
export const tokenHash = (secret: string, token: string): string =>
  createHmac('sha256', secret).update(token).digest('hex');

/** Reads a bearer token from an Authorization header value. */
export const bearerToken = (header: string | undefined): string | null => {
  if (header === undefined) return null;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,256})$/i.exec(header.trim());
  return m?.[1] ?? null;
};
