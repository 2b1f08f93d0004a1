import { desc, eq } from 'drizzle-orm';
import type { ConsentChannel, ConsentPurpose } from '../../../core/engagement/reach.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import { consentEvents, consents, contactPreferences } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { customerInScope } from '../customers/service.js';

export type ConsentChange = {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
  text_shown: string;
};
export type PreferencesChange = {
  do_not_contact?: boolean | undefined;
  non_personalised?: boolean | undefined;
};

const byOf = (p: Principal): string =>
  p.kind === 'customer' ? 'customer' : `staff:${p.username ?? p.staffId ?? p.id}`;

/** Who recorded a change, as the caller may see it: a customer sees "customer" or "bank", never a staff login. */
const byFor = (p: Principal, by: string): string =>
  p.kind !== 'customer' || by === 'customer' ? by : 'bank';

/**
 * The customer's consents as they stand, the ledger of every grant and withdrawal (newest first, with the text
 * shown and who recorded it), and the contact preferences — for the customer 360 and for the customer.
 */
export const consentView = async (deps: AppDeps, p: Principal, id: number, requestId: string) => {
  await customerInScope(deps, p, id, requestId);
  const [current, ledger, prefs] = await Promise.all([
    deps.db.orm.select().from(consents).where(eq(consents.customerId, id)),
    deps.db.orm
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.customerId, id))
      .orderBy(desc(consentEvents.at), desc(consentEvents.id))
      .limit(200),
    deps.db.orm.select().from(contactPreferences).where(eq(contactPreferences.customerId, id)),
  ]);
  const pref = prefs[0];
  return {
    customer_id: id,
    current: current
      .map((c) => ({
        purpose: c.purpose,
        channel: c.channel,
        granted: c.granted,
        at: c.at.toISOString(),
        text_shown: c.textShown,
      }))
      .sort((a, b) => a.purpose.localeCompare(b.purpose) || a.channel.localeCompare(b.channel)),
    ledger: ledger.map((e) => ({
      id: e.id,
      purpose: e.purpose,
      channel: e.channel,
      granted: e.granted,
      text_shown: e.textShown,
      at: e.at.toISOString(),
      by: byFor(p, e.by),
    })),
    preferences: {
      do_not_contact: pref?.doNotContact ?? false,
      non_personalised: pref?.nonPersonalised ?? false,
      updated_at: pref?.updatedAt.toISOString() ?? null,
      updated_by: pref?.updatedBy === undefined ? null : byFor(p, pref.updatedBy),
    },
  };
};

/**
 * Records a grant or withdrawal with its evidence (the text shown, when, by whom) in the ledger and makes it the
 * current state, in one transaction, audited. It takes effect at once: the outbox re-checks consent at send time.
 */
export const recordConsent = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  change: ConsentChange,
  requestId: string,
) => {
  await customerInScope(deps, p, id, requestId);
  const at = deps.now();
  const by = byOf(p);
  await deps.db.transaction(async (tx) => {
    await tx.orm.insert(consentEvents).values({
      customerId: id,
      purpose: change.purpose,
      channel: change.channel,
      granted: change.granted,
      textShown: change.text_shown,
      at,
      by,
    });
    await tx.orm
      .insert(consents)
      .values({ customerId: id, ...change, textShown: change.text_shown, at })
      .onConflictDoUpdate({
        target: [consents.customerId, consents.purpose, consents.channel],
        set: { granted: change.granted, textShown: change.text_shown, at },
      });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'consent.recorded',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: { purpose: change.purpose, channel: change.channel, granted: change.granted },
      },
    ]);
  });
  return consentView(deps, p, id, requestId);
};

/** Sets do-not-contact and the non-personalised choice (fields left out keep their value), audited. */
export const setContactPreferences = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  change: PreferencesChange,
  requestId: string,
) => {
  await customerInScope(deps, p, id, requestId);
  const at = deps.now();
  const by = byOf(p);
  await deps.db.transaction(async (tx) => {
    const [old] = await tx.orm.select().from(contactPreferences).where(eq(contactPreferences.customerId, id));
    const next = {
      doNotContact: change.do_not_contact ?? old?.doNotContact ?? false,
      nonPersonalised: change.non_personalised ?? old?.nonPersonalised ?? false,
      updatedAt: at,
      updatedBy: by,
    };
    await tx.orm
      .insert(contactPreferences)
      .values({ customerId: id, ...next })
      .onConflictDoUpdate({ target: contactPreferences.customerId, set: next });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'contact_preferences.set',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: { do_not_contact: next.doNotContact, non_personalised: next.nonPersonalised },
      },
    ]);
  });
  return (await consentView(deps, p, id, requestId)).preferences;
};
