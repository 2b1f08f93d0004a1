/** Kinds of customer behaviour events (one list for the database, the demo bank, ingestion and the engines). */
export const EVENT_TYPES = [
  'login',
  'page_view',
  'search',
  'livestream_view',
  'coupon_use',
  'large_transfer_in',
  'large_transfer_out',
  'maturity',
  'purchase_abandoned',
  'advisor_chat',
  /** A paid-advisory subscription renewed (posted by the subscription system; the insight campaigns' conversion). */
  'subscription_renewed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
