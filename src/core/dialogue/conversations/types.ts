import type { ActionType, CardType } from '../types.js';

/** What one turn must produce. `flow: null` = no flow waits after the turn; `cards` must all be present. */
export type Expect = {
  intent?: string;
  flow?: string | null;
  step?: string;
  cards?: CardType[];
  noCards?: CardType[];
  events?: string[];
  text?: RegExp;
  handoff?: boolean;
};

export type ConvTurn =
  { say: string; expect: Expect } | { action: { type: ActionType; value: string }; expect: Expect };

export type Conversation = {
  name: string;
  /** Key of FIXTURE_CUSTOMERS. */
  customer: string;
  /** Minutes between turns (default 1). */
  gapMinutes?: number;
  fail?: 'shelf' | 'holdings' | 'proposal' | 'indexLevels' | 'createTicket';
  /** Holdings instead of the customer's fixture holdings. */
  holdings?: string[];
  turns: ConvTurn[];
};
