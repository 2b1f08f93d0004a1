/** Kinds of customer behaviour events (one list for the database, the demo bank and the engines). */
export type EventType =
  | 'login'
  | 'page_view'
  | 'search'
  | 'livestream_view'
  | 'coupon_use'
  | 'large_transfer_in'
  | 'large_transfer_out'
  | 'maturity'
  | 'purchase_abandoned'
  | 'advisor_chat';
