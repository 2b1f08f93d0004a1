import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badInput } from '../../core/errors.js';
import type { AppError } from '../../core/errors.js';

/** Deepest nesting of a JSON body we accept (our bodies are two levels deep). */
export const MAX_BODY_DEPTH = 32;

// A NUL byte or a UTF-16 surrogate without its partner (text that is not Unicode; JSON can carry both).
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const problemOf = (text: string): string | null => {
  const m = UNSAFE_TEXT.exec(text);
  if (m === null) return null;
  return m[0] === '\u0000'
    ? 'contains a NUL character (U+0000); remove it'
    : 'contains a lone UTF-16 surrogate (not valid Unicode text); send UTF-8 text';
};

/**
 * The first unsafe piece of a request part: a string (value or key) with a NUL byte or a lone surrogate, or
 * nesting deeper than MAX_BODY_DEPTH. Walks with an explicit stack, so no input can exhaust the call stack.
 * `context` is the part as the validation errors name it (`body`, `querystring`, `params`).
 */
export const unsafeInputOf = (value: unknown, context: string): AppError | null => {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: context, depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = problemOf(v);
      if (problem !== null) return badInput(path, problem);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      return badInput(path, `is nested more than ${MAX_BODY_DEPTH} levels deep; send a flat JSON object`);
    const entries: Array<[string, unknown]> = Array.isArray(v)
      ? v.map((item, i): [string, unknown] => [String(i), item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      const problem = problemOf(key);
      if (problem !== null) return badInput(`${path} (a property name)`, problem);
      stack.push({ v: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
};

const PARTS = [
  ['params', (r: FastifyRequest) => r.params],
  ['querystring', (r: FastifyRequest) => r.query],
  ['body', (r: FastifyRequest) => r.body],
] as const;

/**
 * The global input guard, run before schema validation on every route (whatever its schema): refuses with a
 * 400 naming the field any NUL byte, lone surrogate or over-deep nesting in the path parameters, the query
 * string or the body, so that no such text reaches a handler or the database (PostgreSQL refuses NUL in text
 * with an error that used to surface as a 500). Field bounds and types are the schemas' job (contracts/).
 */
export const installInputGuard = (app: FastifyInstance): void => {
  app.addHook('preValidation', (req, _reply, done) => {
    for (const [context, read] of PARTS) {
      const err = unsafeInputOf(read(req), context);
      if (err !== null) return done(err);
    }
    done();
  });
};
