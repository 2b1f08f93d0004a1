import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf, isAppError } from '../../core/errors.js';
import { API_CACHE_CONTROL, SECURITY_HEADERS } from './security.js';

type Issue = { path: string; message: string };

/** An error as it leaves: the AppError of the body and the HTTP status (its code's, or a more precise one). */
type Refusal = { error: AppError; status: number };

/** Largest request body, in bytes (Fastify's bodyLimit). */
export const BODY_LIMIT = 1024 * 1024;

/** Longest path parameter, in characters (our ids and codes are far shorter). */
export const MAX_PARAM_LENGTH = 200;

const fieldOf = (instancePath: string, context: string): string => {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path === '' ? context : `${context}.${path}`;
};

/** Turns a Fastify/zod validation failure into a BAD_INPUT AppError naming the first offending field. */
const fromValidation = (err: FastifyError): AppError => {
  const context = err.validationContext ?? 'body';
  const issues: Issue[] = (err.validation ?? []).map((v) => ({
    path: fieldOf(v.instancePath, context),
    message: v.message ?? 'invalid value',
  }));
  const first = issues[0] ?? { path: context, message: err.message };
  return new AppError('BAD_INPUT', `${first.path}: ${first.message}`, { field: first.path, issues });
};

const refusal = (error: AppError, status = httpStatusOf(error.code)): Refusal => ({ error, status });

const bad = (field: string, message: string, status = 400): Refusal =>
  refusal(new AppError('BAD_INPUT', `${field}: ${message}`, { field }), status);

/** Maps the errors of Fastify, its router and its plugins onto the AppError code union and a status. */
const refusalOf = (err: unknown, bodyLimit: number = BODY_LIMIT): Refusal => {
  if (isAppError(err)) return refusal(err);
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(err) || fe.validation) return refusal(fromValidation(fe));
  if (isResponseSerializationError(err))
    return refusal(new AppError('INTERNAL', 'response did not match its schema'));
  switch (fe.code) {
    case 'FST_ERR_BAD_URL':
      return bad('url', 'is not a valid URL (bad percent-encoding); encode the path as UTF-8');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return bad('url', `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`, 414);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return bad('body', `the request body is larger than ${bodyLimit} bytes; send less`, 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return bad('content-type', 'send application/json', 415);
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 429) return refusal(new AppError('RATE_LIMITED', 'too many requests; retry later'));
  if (status === 413)
    return bad('body', `the request body is larger than ${bodyLimit} bytes; send less`, 413);
  if (status === 415) return bad('content-type', 'send application/json', 415);
  if (status === 400 && fe.code?.startsWith('FST_ERR_CTP')) return bad('body', fe.message);
  if (status === 404) return refusal(new AppError('NOT_FOUND', 'not found'));
  if (status >= 400 && status < 500) return refusal(new AppError('BAD_INPUT', fe.message), status);
  return refusal(new AppError('INTERNAL', 'internal error'));
};

/** The one error body of the HTTP API (contracts/common.ts ErrorBody). */
export const errorBodyOf = (e: AppError) => ({
  error: { code: e.code, message: e.message, details: e.details },
});

const send = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
  // A route may allow a larger body than the server's default (imports); the refusal names the limit that applied.
  const { error, status } = refusalOf(err, req.routeOptions.bodyLimit ?? BODY_LIMIT);
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: error.code, msg: error.message }, 'request refused');
  return reply.status(status).send(errorBodyOf(error));
};

/**
 * Answers of the router itself (a bad URL, an over-long path parameter), which Fastify gives before any hook:
 * the one error body, with the security headers, the request id and no-store added by hand.
 */
export const frameworkErrors = (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
  void reply.headers({ ...SECURITY_HEADERS, 'cache-control': API_CACHE_CONTROL, 'x-request-id': req.id });
  void send(req, reply, err);
};

/**
 * Errors of the HTTP parser, before Fastify sees a request (a header block over Node's limit → 431, a
 * malformed request line → 400): written on the socket in the one error body with the security headers.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const r =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? bad('headers', 'the request headers are too large; send fewer or shorter headers', 431)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? refusal(new AppError('BAD_INPUT', 'the request took too long to arrive'), 408)
        : bad('request', 'is not a valid HTTP request');
  this.log.debug({ code: err.code }, 'client error');
  const body = JSON.stringify(errorBodyOf(r.error));
  const headers = {
    ...SECURITY_HEADERS,
    'cache-control': API_CACHE_CONTROL,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? 'Bad Request'}\r\n${head}\r\n${body}`);
}

/**
 * The one error handler: every failure leaves as `{"error":{"code","message","details"}}` with the status of
 * `httpStatusOf` (or 413/414/415 for Fastify's size and media-type refusals). Internal errors are logged with
 * their stack but answered without it.
 */
export const installErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => send(req, reply, err));
};
