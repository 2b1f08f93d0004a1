import type { Role } from '../../contracts/common.js';

/**
 * Every route declares one permission in its `config.permission`. `public` needs no session; `authenticated`
 * needs any session; the others are granted to roles below. Data scope (which customers) is applied by the
 * services on top of the permission. `advice:write` (allocation proposals, which are recorded in the customer's
 * audit trail as advice given) belongs to the RM alone, for their own customers through the data scope; the
 * roles that oversee (branch manager, operations, admin, audit) read and never advise.
 */
export const PERMISSIONS = [
  'public',
  'authenticated',
  'customers:read',
  'products:read',
  'org:read',
  'staff:read',
  'audit:read',
  'advice:write',
  'advisor:chat',
  'handoffs:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

declare module 'fastify' {
  // Fastify's route config is an interface; declaration merging needs `interface`.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    permission?: Permission;
    /**
     * On a public route: resolve the session if the request carries one (req.principal, else null), under the
     * same token-flood limit as authenticated routes, without refusing the request when there is none.
     */
    optionalSession?: boolean;
  }
}

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['customers:read', 'products:read', 'org:read', 'staff:read', 'audit:read'],
  ops: ['customers:read', 'products:read', 'org:read', 'staff:read'],
  branch_manager: ['customers:read', 'products:read', 'org:read', 'staff:read'],
  rm: ['customers:read', 'products:read', 'org:read', 'advice:write', 'handoffs:write'],
  auditor: ['customers:read', 'products:read', 'org:read', 'staff:read', 'audit:read'],
  customer: ['customers:read', 'products:read', 'advisor:chat'],
};

export const permissionsOf = (role: Role): readonly Permission[] => GRANTS[role];

export const can = (role: Role, permission: Permission): boolean =>
  permission === 'public' || permission === 'authenticated' || GRANTS[role].includes(permission);
