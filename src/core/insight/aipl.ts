/**
 * AIPL (Awareness → Interest → Purchase → Loyalty) stages of a customer as of a date D, from what the platform
 * observes (behaviour events, purchase transactions, advisory subscriptions), point-in-time: only rows dated on or
 * before D count (events before the end of day D in China time, trades and subscription dates ≤ D).
 *
 * Definitions (the highest stage whose rule holds wins; windows are the `AiplWindows`, defaults in brackets):
 * - **loyalty 忠诚**: a repeat buyer — purchases on ≥ 2 distinct days in (D − loyaltyDays [365], D] with at least one
 *   in (D − purchaseDays [180], D] — or an advisory subscription renewed (renewal decided) in (D − loyaltyDays, D];
 * - **purchase 购买**: a purchase (fund/wealth trade or a new advisory subscription year) in (D − purchaseDays, D];
 * - **interest 兴趣**: in (D − activeDays [30], D] an intent signal — a search, an advisor chat, an abandoned purchase,
 *   a live-stream view or a coupon use — or at least `interestPageViews` [3] product page views;
 * - **awareness 认知**: any behaviour event in (D − activeDays, D] (a login, a page view, a push opened …);
 * - **none 未触达**: a customer of the bank at D with none of the above (a customer onboarded after D is `none` too,
 *   so that the population of a two-date comparison is the same at both dates and flows conserve customers).
 */
export const AIPL_STAGES = ['none', 'awareness', 'interest', 'purchase', 'loyalty'] as const;
export type AiplStage = (typeof AIPL_STAGES)[number];

/** The funnel steps (from → to) whose conversion the dashboard reports. */
export const AIPL_STEPS = [
  { key: 'awareness_interest', from: 'awareness', to: 'interest' },
  { key: 'interest_purchase', from: 'interest', to: 'purchase' },
  { key: 'purchase_loyalty', from: 'purchase', to: 'loyalty' },
] as const satisfies ReadonlyArray<{ key: string; from: AiplStage; to: AiplStage }>;
export type AiplStepKey = (typeof AIPL_STEPS)[number]['key'];

export type AiplWindows = {
  activeDays: number;
  purchaseDays: number;
  loyaltyDays: number;
  interestPageViews: number;
};

export const AIPL_WINDOWS: AiplWindows = {
  activeDays: 30,
  purchaseDays: 180,
  loyaltyDays: 365,
  interestPageViews: 3,
};

/** Event types that signal interest (intent beyond looking). */
export const INTEREST_EVENT_TYPES = [
  'search',
  'advisor_chat',
  'purchase_abandoned',
  'livestream_view',
  'coupon_use',
] as const;

/** What was observed of one customer up to the end of day D, counted in the windows of `AiplWindows`. */
export type AiplFacts = {
  /** Onboarded on or before D. */
  onboarded: boolean;
  /** Behaviour events of any type in (D − activeDays, D]. */
  events: number;
  /** Events of INTEREST_EVENT_TYPES in (D − activeDays, D]. */
  interestEvents: number;
  /** page_view events in (D − activeDays, D]. */
  pageViews: number;
  /** Distinct days with a purchase trade or an advisory subscription start in (D − purchaseDays, D]. */
  recentPurchaseDays: number;
  /** The same in (D − loyaltyDays, D]. */
  yearPurchaseDays: number;
  /** Advisory subscription years renewed (decided at their end date) in (D − loyaltyDays, D]. */
  renewals: number;
};

/** The AIPL stage of a customer given the facts as of D (definitions in the module comment). */
export const aiplStage = (f: AiplFacts, w: AiplWindows = AIPL_WINDOWS): AiplStage => {
  if (!f.onboarded) return 'none';
  if ((f.yearPurchaseDays >= 2 && f.recentPurchaseDays >= 1) || f.renewals >= 1) return 'loyalty';
  if (f.recentPurchaseDays >= 1) return 'purchase';
  if (f.interestEvents >= 1 || f.pageViews >= w.interestPageViews) return 'interest';
  if (f.events >= 1) return 'awareness';
  return 'none';
};

export const stageIndex = (s: AiplStage): number => AIPL_STAGES.indexOf(s);

/** One customer of a comparison: stage at both dates and the groups it breaks down by. */
export type AiplCustomer = { from: AiplStage; to: AiplStage; groups: Readonly<Record<string, string>> };

export type StageCounts = Record<AiplStage, number>;

/** A funnel step's conversion: cross-sectional at the end date and over the period (flows). */
export type StepConversion = {
  step: AiplStepKey;
  /** Customers at `from` or beyond at the end date, and at `to` or beyond: reach(to) / reach(from). */
  reached_from: number;
  reached_to: number;
  funnel_rate: number | null;
  /** Customers exactly at `from` on the start date, and how many of them stood at `to` or beyond on the end date. */
  at_from_start: number;
  advanced: number;
  period_rate: number | null;
};

export type AiplSummary = {
  population: number;
  counts_from: StageCounts;
  counts_to: StageCounts;
  /** flows[i][j]: customers at AIPL_STAGES[i] on the start date and AIPL_STAGES[j] on the end date. */
  flows: number[][];
  conversion: StepConversion[];
  /** The step with the lowest period rate among steps with at least `minBase` customers at its start. */
  weakest: AiplStepKey | null;
};

const zeroCounts = (): StageCounts => ({ none: 0, awareness: 0, interest: 0, purchase: 0, loyalty: 0 });

/** Accumulates customers one at a time (memory: a 5 × 5 matrix per group), then summarises. */
export const aiplAccumulator = () => {
  const flows = AIPL_STAGES.map(() => AIPL_STAGES.map(() => 0));
  return {
    add(from: AiplStage, to: AiplStage): void {
      flows[stageIndex(from)]![stageIndex(to)]! += 1;
    },
    flows: (): number[][] => flows.map((r) => [...r]),
  };
};

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Stage counts at both dates, step conversions and the weakest step, from a flow matrix. Counts at each date sum
 * to the population (rows and columns of the same matrix), so flows conserve customers by construction.
 * The weakest step is the lowest period rate (share of the customers at the step's start stage on the start date
 * who reached its end stage or beyond by the end date) among steps with at least `minBase` such customers.
 */
export const summariseFlows = (flows: number[][], minBase = 1): AiplSummary => {
  const k = AIPL_STAGES.length;
  const countsFrom = zeroCounts();
  const countsTo = zeroCounts();
  let population = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const v = flows[i]?.[j] ?? 0;
      countsFrom[AIPL_STAGES[i]!] += v;
      countsTo[AIPL_STAGES[j]!] += v;
      population += v;
    }
  const reach = (s: AiplStage): number =>
    AIPL_STAGES.slice(stageIndex(s)).reduce((sum, st) => sum + countsTo[st], 0);
  const conversion = AIPL_STEPS.map((st): StepConversion => {
    const i = stageIndex(st.from);
    const row = flows[i] ?? [];
    const advanced = row.slice(stageIndex(st.to)).reduce((a, b) => a + b, 0);
    const atFrom = row.reduce((a, b) => a + b, 0);
    return {
      step: st.key,
      reached_from: reach(st.from),
      reached_to: reach(st.to),
      funnel_rate: ratio(reach(st.to), reach(st.from)),
      at_from_start: atFrom,
      advanced,
      period_rate: ratio(advanced, atFrom),
    };
  });
  let weakest: StepConversion | null = null;
  for (const c of conversion)
    if (c.at_from_start >= minBase && c.period_rate !== null)
      if (weakest === null || c.period_rate < weakest.period_rate!) weakest = c;
  return {
    population,
    counts_from: countsFrom,
    counts_to: countsTo,
    flows,
    conversion,
    weakest: weakest?.step ?? null,
  };
};

/** The step a key names. */
export const aiplStep = (key: AiplStepKey) => AIPL_STEPS.find((s) => s.key === key)!;
