/** A product whose NAV stopped more than this many days before the shelf's latest NAV has ended. */
const ENDED_AFTER_DAYS = 30;

/**
 * The status shown: `matured` once the maturity date has passed (whatever the stored status says), `ended`
 * when the NAV stopped long before the rest of the shelf's (liquidated or wound up), else the stored status.
 */
export const effectiveStatus = (
  r: { status: string; maturity_date: string | null; nav_date: string | null },
  asOf: string | null,
): string => {
  if (r.status === 'matured' || asOf === null) return r.status;
  if (r.maturity_date !== null && r.maturity_date <= asOf) return 'matured';
  if (r.nav_date !== null && Date.parse(asOf) - Date.parse(r.nav_date) > ENDED_AFTER_DAYS * 86_400_000)
    return 'ended';
  return r.status;
};
