import { z } from 'zod';
import { badInput } from '../../core/errors.js';

/**
 * CLI option values through zod, as HTTP input is (one way to read every numeric flag). Commander hands over
 * strings; these schemas parse them strictly (no `0x10`, `1e3` for integers, `true`, or blanks) and
 * `parseOptions` turns the first problem into bad input naming the flag.
 */
const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** An integer flag in [min, max]. */
export const intFlag = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(INTEGER, { message: 'expected an integer' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `expected an integer from ${min} to ${max}` })
        .max(max, { message: `expected an integer from ${min} to ${max}` }),
    );

/** A finite number flag, optionally bounded; `exclusiveMin` makes the lower bound strict. */
export const numberFlag = (o: { min?: number; max?: number; exclusiveMin?: boolean } = {}) => {
  let n = z.number();
  if (o.min !== undefined)
    n = o.exclusiveMin
      ? n.gt(o.min, { message: `expected a number above ${o.min}` })
      : n.min(o.min, { message: `expected a number ≥ ${o.min}` });
  if (o.max !== undefined) n = n.max(o.max, { message: `expected a number ≤ ${o.max}` });
  return z.string().trim().regex(DECIMAL, { message: 'expected a number' }).transform(Number).pipe(n);
};

/** `auto` or an integer in [min, max]. */
export const autoOrIntFlag = (min: number, max: number) => z.union([z.literal('auto'), intFlag(min, max)]);

const flagOf = (key: PropertyKey | undefined): string =>
  '--' + String(key ?? '').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * Parses commander's option object with a zod object schema; the first problem is bad input naming the flag
 * (`--learning-rate: expected a number above 0, got "-1"`).
 */
export const parseOptions = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S> => {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const key = issue.path[0];
  const given = key !== undefined ? (raw as Record<PropertyKey, unknown>)[key] : undefined;
  const message = issue.code === 'invalid_union' ? 'expected auto or an integer' : issue.message;
  throw badInput(flagOf(key), `${message}${typeof given === 'string' ? `, got "${given}"` : ''}`, {
    flag: flagOf(key),
  });
};
