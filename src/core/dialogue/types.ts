import type { AdviceCustomer } from '../advisory/assessment.js';
import type { GuardFinding } from '../guard/types.js';
import type { ProductType } from '../product-types.js';
import type { ProductRiskLevel } from '../suitability/types.js';

/** A quick reply: the label shown and the value sent back as `{ action: { type: 'reply', value } }`. */
export type QuickReply = { readonly label: string; readonly value: string };

/**
 * Cards of a reply (CLI.md "Advisor chat": these fields at least). Cards that carry products also name the
 * product type so that the outbound guard can check suitability and the disclosures of the type.
 */
export type ProductCard = {
  readonly type: 'product';
  readonly product_code: string;
  readonly risk_level: ProductRiskLevel;
  readonly name: string;
  readonly product_type: ProductType;
  /** Always an offer: the customer's own positions appear inside statement and attribution cards. */
  readonly role: 'offer';
  readonly facts?: Readonly<Record<string, string | number | null>>;
};
export type AllocationPick = {
  readonly product_code: string;
  readonly risk_level: ProductRiskLevel;
  readonly weight: number;
  readonly name: string;
  readonly product_type: ProductType;
  readonly amount_yuan: number;
};
export type AllocationCard = {
  readonly type: 'allocation';
  readonly picks: readonly AllocationPick[];
  readonly effective_level: string;
  readonly expected_return: number | null;
  readonly volatility: number | null;
};
export type CheckupCard = {
  readonly type: 'checkup';
  readonly score: number;
  readonly findings: readonly {
    readonly code: string;
    readonly severity: string;
    readonly message: string;
  }[];
};
export type ComparisonCard = {
  readonly type: 'comparison';
  readonly product_codes: readonly string[];
  readonly products: readonly {
    readonly product_code: string;
    readonly name: string;
    readonly risk_level: ProductRiskLevel;
    readonly product_type: ProductType;
  }[];
  readonly rows: readonly { readonly metric: string; readonly values: readonly (number | null)[] }[];
};
export type StatementCard = {
  readonly type: 'statement';
  readonly twr: number | null;
  readonly irr: number | null;
  readonly from: string;
  readonly to: string;
  readonly end_value_fen: number;
  readonly pnl_fen: number;
  /** The customer's own positions (service content, not offers). */
  readonly holdings: readonly {
    readonly product_code: string;
    readonly name: string;
    readonly risk_level: ProductRiskLevel;
    readonly product_type: ProductType;
    readonly value_fen: number;
    readonly cost_fen: number;
  }[];
};
export type AttributionCard = {
  readonly type: 'attribution';
  readonly product_code: string;
  readonly product_type: ProductType;
  readonly risk_level: ProductRiskLevel;
  readonly total: number;
  readonly market: number;
  readonly style: number;
  readonly specific: number;
  readonly window: { readonly start: string; readonly end: string };
  /** The customer holds it (service content); otherwise it is about a product of the shelf (an offer). */
  readonly held: boolean;
};
export type KbAnswerCard = {
  readonly type: 'kb_answer';
  readonly kb_id: string;
  readonly question: string;
};
export type QuestionnaireCard = {
  readonly type: 'questionnaire';
  readonly question_id: string;
  readonly text: string;
  readonly index: number;
  readonly total: number;
  readonly options: readonly QuickReply[];
};
export type QuickRepliesCard = { readonly type: 'quick_replies'; readonly options: readonly QuickReply[] };
export type HandoffCard = { readonly type: 'handoff'; readonly status: HandoffStatus };

export type Card =
  | ProductCard
  | AllocationCard
  | CheckupCard
  | ComparisonCard
  | StatementCard
  | AttributionCard
  | KbAnswerCard
  | QuestionnaireCard
  | QuickRepliesCard
  | HandoffCard;

export type CardType = Card['type'];

export type HandoffStatus = 'open' | 'active' | 'closed';
export type HandoffReason = 'request' | 'complaint' | 'misunderstanding' | 'negative_sentiment';

/** A slot value as the dialogue stores it (JSON). */
export type SlotValue = string | number | boolean;
export type SlotMap = Record<string, SlotValue>;

/** One running (or interrupted) flow. */
export type FlowFrame = {
  flow: string;
  version: string;
  step: string;
  slots: SlotMap;
  /** Failed attempts at the current collect step. */
  retries: number;
  started_at: string;
};

/**
 * The dialogue state between turns: plain JSON, stored with the session so that any node serves the next turn.
 */
export type DialogueState = {
  v: 1;
  turn: number;
  /** Slots remembered across flows (amount, purpose, horizon …). */
  memory: SlotMap;
  active: FlowFrame | null;
  /** Interrupted flows, most recent last (resumed after the interruption, like pattern_continue_interrupted). */
  stack: FlowFrame[];
  /** A flow the advisor offered to resume and awaits a yes/no for. */
  offered_resume: string | null;
  /** The last completed question, for carry-over ("那债券基金呢？") and corrections after the answer. */
  last: { intent: string; flow: string; slots: SlotMap } | null;
  /** Consecutive turns the advisor did not understand. */
  misunderstood: number;
  last_intent: string | null;
  last_turn_at: string | null;
  handoff: { reason: HandoffReason; status: HandoffStatus } | null;
};

export const initialState = (): DialogueState => ({
  v: 1,
  turn: 0,
  memory: {},
  active: null,
  stack: [],
  offered_resume: null,
  last: null,
  misunderstood: 0,
  last_intent: null,
  last_turn_at: null,
  handoff: null,
});

/** The customer the dialogue serves: the suitability state (for the guard) and the attributes flows branch on. */
export type DialogueCustomer = AdviceCustomer & {
  readonly id: number;
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly attributes?: Readonly<Record<string, string | number | boolean | null>>;
};

/** One customer input: free text or a tap on a quick reply / questionnaire option. */
export type TurnInput =
  { readonly text: string } | { readonly action: { readonly type: ActionType; readonly value: string } };

export const ACTION_TYPES = ['reply', 'answer', 'resume', 'cancel', 'handoff'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type ToolCall = {
  readonly name: string;
  readonly args: unknown;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
};

/** What the engine records about one turn (stored with the turn). */
export type Annotations = {
  readonly intent: string;
  readonly confidence: number;
  readonly alternatives: readonly { readonly intent: string; readonly confidence: number }[];
  readonly slots: SlotMap;
  readonly flow: { readonly name: string; readonly step: string } | null;
  readonly events: readonly string[];
  readonly tools: readonly ToolCall[];
  readonly guard: {
    readonly allowed: boolean;
    readonly findings: readonly GuardFinding[];
    readonly refused_products: readonly string[];
    readonly replaced_text: boolean;
  };
  readonly latency_ms: number;
};

export type Reply = { readonly text: string; readonly cards: readonly Card[] };

export type TurnResult = {
  readonly state: DialogueState;
  readonly turn: number;
  readonly intent: string;
  readonly confidence: number;
  readonly slots: SlotMap;
  readonly flow: { readonly name: string; readonly step: string } | null;
  readonly reply: Reply;
  /** Set when this turn asks for a human (the server opens the hand-off and routes it to the RM). */
  readonly handoff_request: { readonly reason: HandoffReason; readonly summary: HandoffSummary } | null;
  readonly annotations: Annotations;
};

export type HandoffSummary = {
  readonly reason: HandoffReason;
  readonly intent: string;
  readonly slots: SlotMap;
  readonly flow: string | null;
  readonly last_turns: readonly { readonly role: 'customer' | 'advisor'; readonly text: string }[];
  readonly customer: {
    readonly id: number;
    readonly level: string;
    readonly assessed_at: string | null;
    readonly tags: readonly string[];
  };
};
