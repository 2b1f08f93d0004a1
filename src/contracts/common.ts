import { z } from 'zod';

/** The one error body of the HTTP API: `{"error":{"code","message","details"}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ROLES = ['admin', 'ops', 'branch_manager', 'rm', 'auditor', 'customer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ['admin', 'ops', 'branch_manager', 'rm', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number as JSON sends it, or written in plain decimal in a query string or a JSON string. Unlike
 * `z.coerce.number()` it refuses booleans (`true` → 1), arrays (`[1000]` → 1000), hex (`"0x10"` → 16), blanks
 * (`""` → 0) and overflow (`"1e400"` → Infinity): the 400 names the field. Give the bounds on the inner schema,
 * always within the safe range of the column it reaches: `strictNumber(num().int().min(1).max(…))`.
 */
export const strictNumber = <S extends z.ZodType<number>>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v.trim()) ? Number(v) : v), schema);

/** The inner number schema of `strictNumber`, whose type error says what to send. */
export const num = () =>
  z.number({
    error: (iss) =>
      iss.code !== 'invalid_type'
        ? undefined
        : iss.expected === 'int'
          ? 'expected a whole number'
          : 'expected a decimal number',
  });

/** A positive database id (bigint column, within JavaScript's safe integers). */
export const idNumber = () => strictNumber(num().int().min(1).max(Number.MAX_SAFE_INTEGER));

/** Pages beyond this are refused (an offset past every table; keeps OFFSET within bigint). */
export const MAX_PAGE = 100_000;

/** Page query shared by list endpoints; page is 1-based. */
export const PageQuery = z.object({
  page: strictNumber(num().int().min(1).max(MAX_PAGE)).default(1),
  pageSize: strictNumber(num().int().min(1).max(200)).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });

/** Decimal money as a string with 2 decimals (yuan), so no binary float reaches the client. */
export const Money = z.string().regex(/^-?\d+\.\d{2}$/);
