import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Request ids: keep a well-formed `x-request-id` from the caller (load balancer, gateway) so one id follows a
 * request across processes; otherwise mint a UUID. Anything else is replaced so log lines stay parseable.
 */
export const genRequestId = (req: IncomingMessage): string => {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
};
