import type { FastifyRequest } from 'fastify';

/**
 * True when a state-changing request comes from a page of this site, as browsers declare it:
 * `Sec-Fetch-Site: same-origin` (or `none`, typed by the user), else an `Origin` equal to the request's own
 * origin. A request carrying neither header is not from a browser page (curl, the CLI, a bearer-token client)
 * and is accepted only when it authenticates with a bearer token, which a foreign page cannot attach.
 */
export const isSameOrigin = (req: FastifyRequest): boolean => {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (typeof origin === 'string') return origin === `${req.protocol}://${req.host}`;
  return typeof req.headers.authorization === 'string' && /^Bearer\s/i.test(req.headers.authorization);
};
