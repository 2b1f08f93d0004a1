import { z } from 'zod';
import { idNumber, PageQuery, pageOf, Role } from './common.js';

/** An org unit; staff and customer counts include the units below it. */
export const OrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(['hq', 'branch', 'outlet']),
  name: z.string(),
  city: z.string().nullable(),
  staffCount: z.number().int(),
  customerCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
export const OrgUnitList = z.object({ items: z.array(OrgUnit) });

export const StaffQuery = PageQuery.extend({
  role: Role.exclude(['customer']).optional(),
  orgUnitId: z.string().max(32).optional(),
});
export const StaffMember = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  active: z.boolean(),
  customerCount: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const StaffPage = pageOf(StaffMember);

export const AuditQuery = PageQuery.extend({
  customerId: idNumber().optional(),
  actorId: z.string().max(32).optional(),
  action: z.string().max(64).optional(),
});
export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.string(),
  /** Username of a staff actor. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  target: z.string().nullable(),
  customerId: z.number().int().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof AuditRow>;
export const AuditPage = pageOf(AuditRow);
