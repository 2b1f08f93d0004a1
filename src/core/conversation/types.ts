import type { Purpose, RiskAppetite } from '../nlu/types.js';

/**
 * Conversation insight types. A conversation is one RM–customer thread (a WeCom chat archive, a call
 * transcript); the analysis finds tags (objections, purchase signals, complaint risk …), sentiment, products
 * and managers mentioned, and one investment intent per sum of money (心理账户).
 */
export type Speaker = 'customer' | 'rm';

export type Message = {
  /** Message id of the archive (optional: JSONL conversations may omit it). */
  id?: string;
  /** ISO-8601 time; relative horizons (明年, 年底) are resolved against it. */
  time?: string;
  sender: Speaker;
  text: string;
};

export type Conversation = { id: string; messages: Message[] };

export const OBJECTION_CODES = [
  'fear_of_loss',
  'fees_high',
  'wait_and_see',
  'consult_family',
  'distrust',
  'liquidity_concern',
] as const;
export type ObjectionCode = (typeof OBJECTION_CODES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const LIQUIDITIES = ['high', 'medium', 'low'] as const;
export type Liquidity = (typeof LIQUIDITIES)[number];

/** One sum of money the customer means to invest or keep for a purpose, with the sentences that say so. */
export type MoneyIntent = {
  purpose: Purpose;
  /** Yuan. */
  amount: number;
  horizon_months: number | null;
  liquidity: Liquidity | null;
  risk_appetite: RiskAppetite | null;
  /** Constraints stated for this money (e.g. `no_loss`, `withdraw_anytime`, `lock_up_ok`). */
  constraints: string[];
  /** The original sentences the record was built from, in dialogue order. */
  evidence: string[];
};

/** A tag found in the conversation, with the sentences that triggered it. */
export type TagHit = {
  key: string;
  evidence: string[];
  /** Objections only: the customer later signalled the concern was answered (放心了, 那就买). */
  resolved?: boolean;
};

export type Mention = { name: string; code?: string };

export type ConversationInsight = {
  id: string;
  tags: string[];
  objections: ObjectionCode[];
  sentiment: Sentiment;
  intents: MoneyIntent[];
  details: TagHit[];
  products: Mention[];
  managers: Mention[];
  /** Built-in NLU intents of the customer's messages (topics raised), most frequent first. */
  topics: string[];
};

/** Gold labels of one conversation in a labelled set. */
export type ConversationLabels = {
  tags: string[];
  sentiment: Sentiment;
  intents: Array<Pick<MoneyIntent, 'purpose' | 'amount' | 'horizon_months' | 'liquidity' | 'risk_appetite'>>;
  products?: string[];
  managers?: string[];
};

export type LabelledConversation = Conversation & { labels: ConversationLabels };
