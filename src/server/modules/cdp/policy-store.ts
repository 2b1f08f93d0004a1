import { eq } from 'drizzle-orm';
import type { CdpPolicyEdit } from '../../../core/cdp/policy-edit.js';
import { parseCdpPolicyEdit } from '../../../core/cdp/policy-edit.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import { cdpPolicies } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { storedCdpPolicy } from './service.js';

export type StoredPolicy = {
  policy: CdpPolicyEdit;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** The editable part of the current CDP policy (the default until operations saves one). */
export const getCdpPolicy = async (deps: AppDeps): Promise<StoredPolicy> => {
  const [r] = await deps.db.orm.select().from(cdpPolicies).where(eq(cdpPolicies.key, 'current'));
  const p = await storedCdpPolicy(deps.db);
  return {
    policy: { tiers: p.tiers, grades: p.grades, weights: p.weights },
    version: r?.version ?? 0,
    updatedAt: r?.updatedAt.toISOString() ?? null,
    updatedBy: r?.updatedBy ?? null,
  };
};

/**
 * Stores a new policy (checked: a 400 names the JSON path), version + 1, audited with the previous policy. The
 * next CDP refresh (`caiban cdp refresh`, seeding) recomputes tiers and grades with it.
 */
export const saveCdpPolicy = async (
  deps: AppDeps,
  p: Principal,
  input: unknown,
  requestId: string,
): Promise<StoredPolicy> => {
  const policy = parseCdpPolicyEdit(input);
  const now = deps.now();
  const by = p.username ?? `${p.kind}:${p.id}`;
  return deps.db.transaction(async (tx) => {
    const [old] = await tx.orm.select().from(cdpPolicies).where(eq(cdpPolicies.key, 'current'));
    const version = (old?.version ?? 0) + 1;
    await tx.orm
      .insert(cdpPolicies)
      .values({ key: 'current', policy, version, updatedAt: now, updatedBy: by })
      .onConflictDoUpdate({
        target: cdpPolicies.key,
        set: { policy, version, updatedAt: now, updatedBy: by },
      });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'cdp.policy.save',
        targetKind: 'cdp_policy',
        target: `current@${version}`,
        customerId: null,
        details: { previous: old?.policy ?? null, policy },
      },
    ]);
    return { policy, version, updatedAt: now.toISOString(), updatedBy: by };
  });
};
