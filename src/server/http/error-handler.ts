import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf, isAppError } from '../../core/errors.js';

type Issue = { path: string; message: string };

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

/** Maps the errors of Fastify and its plugins onto the AppError code union. */
const toAppError = (err: unknown): AppError => {
  if (isAppError(err)) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(err) || fe.validation) return fromValidation(fe);
  if (isResponseSerializationError(err)) return new AppError('INTERNAL', 'response did not match its schema');
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 429) return new AppError('RATE_LIMITED', 'too many requests; retry later');
  if (status === 413) return new AppError('BAD_INPUT', 'body: request body is too large', { field: 'body' });
  if (status === 415)
    return new AppError('BAD_INPUT', 'content-type: send application/json', { field: 'content-type' });
  if (status === 400 && fe.code?.startsWith('FST_ERR_CTP'))
    return new AppError('BAD_INPUT', `body: ${fe.message}`, { field: 'body' });
  if (status === 404) return new AppError('NOT_FOUND', 'not found');
  if (status >= 400 && status < 500) return new AppError('BAD_INPUT', fe.message);
  return new AppError('INTERNAL', 'internal error');
};

/**
 * The one error handler: every failure leaves as `{"error":{"code","message","details"}}` with the status of
 * `httpStatusOf`. Internal errors are logged with their stack but answered without it.
 */
export const installErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err);
    const status = httpStatusOf(appErr.code);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appErr.code, msg: appErr.message }, 'request refused');
    return reply
      .status(status)
      .send({ error: { code: appErr.code, message: appErr.message, details: appErr.details } });
  });
};
