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

/** Page query shared by list endpoints; page is 1-based. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });

/** Decimal money as a string with 2 decimals (yuan), so no binary float reaches the client. */
export const Money = z.string().regex(/^-?\d+\.\d{2}$/);
