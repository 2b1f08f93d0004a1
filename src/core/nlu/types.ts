/** The built-in intent taxonomy of the Chinese wealth-advisor (issue 4). Ids are part of the contract. */
export const INTENT_IDS = [
  'greeting',
  'thanks_goodbye',
  'risk_assessment',
  'risk_level_query',
  'product_recommend',
  'fund_compare',
  'product_info',
  'fund_manager',
  'insurance_select',
  'portfolio_checkup',
  'holdings_query',
  'fund_drop_reason',
  'market_view',
  'allocation_advice',
  'take_profit_stop_loss',
  'sip_plan',
  'purchase_howto',
  'redemption',
  'fees',
  'product_maturity',
  'account_service',
  'investor_education',
  'complaint',
  'human_handoff',
  'alert_setup',
  'pension_planning',
  'chitchat',
  'out_of_scope',
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

export const PURPOSES = [
  'retirement',
  'education',
  'house',
  'emergency',
  'growth',
  'travel',
  'medical',
  'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const RISK_APPETITES = ['conservative', 'moderate', 'aggressive'] as const;
export type RiskAppetite = (typeof RISK_APPETITES)[number];

/**
 * Slots found in one message, normalised: amount in yuan; horizon in months; percent as a signed fraction
 * (跌了20% → −0.2); product_code as 6 digits. A slot is present only when found.
 */
export type Slots = {
  amount?: number;
  horizon_months?: number;
  purpose?: Purpose;
  risk_appetite?: RiskAppetite;
  percent?: number;
  product_code?: string;
  product_name?: string;
  manager_name?: string;
};

/** One knowledge-base item (the KB file format of CLI.md). */
export type KbItem = {
  id: string;
  question: string;
  similar: string[];
  answer: string;
  category: string;
};

/** One annotated utterance for slot-extraction tests. */
export type SlotCase = { text: string; slots: Slots };
