import type { AssetClass } from '../../portfolio/allocation/types.js';
import type { SuitabilityPolicy } from '../../suitability/policy.js';
import type { SuitabilityState } from '../assessment.js';
import type { HeldUnits } from '../holding.js';
import type { ShelfContext } from '../shelf-context.js';
import type { Bilingual } from '../text.js';

export type AlertType =
  | 'nav_swing'
  | 'take_profit'
  | 'stop_loss'
  | 'holding_drawdown'
  | 'maturity_upcoming'
  | 'assessment_expiring'
  | 'assessment_expired';

/**
 * An alert as an event for the engagement engine: `id` is the idempotency key (the same condition on the same
 * data gives the same id, so a re-run or a second worker cannot duplicate it).
 */
export type AlertEvent = {
  readonly id: string;
  readonly type: AlertType;
  readonly customer_id: string;
  readonly product_code: string | null;
  readonly occurred_at: string;
  readonly payload: Readonly<Record<string, unknown>> & { readonly message: Bilingual };
};

/** Customer-set targets on a holding's return since purchase (fractions: 0.2 = +20%, −0.1 = −10%). */
export type HoldingTargets = { readonly takeProfit?: number; readonly stopLoss?: number };

export type AlertHolding = HeldUnits & {
  /** Cash received from the holding (cash dividends, partial redemptions) since it was opened, fen. */
  readonly cashReceivedFen?: number;
  readonly targets?: HoldingTargets;
};

export type AlertPolicy = {
  readonly version: string;
  readonly navSwing: {
    /** A day's move of at least k σ (σ the product's own daily volatility over `window` prior days)… */
    readonly k: number;
    readonly window: number;
    /** …and at least this large (money funds have tiny σ); */
    readonly minMove: number;
    /** or any move this large. */
    readonly fixedMove: number;
    /** Ignore a NAV older than this many calendar days (the product did not publish). */
    readonly staleDays: number;
  };
  /** Suggested targets when the customer set none: multiples of the six-month volatility, clamped. */
  readonly suggested: {
    readonly takeProfitSigmas: number;
    readonly stopLossSigmas: number;
    readonly takeProfitRange: readonly [number, number];
    readonly stopLossRange: readonly [number, number];
    /** No suggested targets for products calmer than this annual volatility. */
    readonly minVolatility: number;
  };
  /** Drawdown bands since the holding was opened (negative fractions, shallow to deep), per asset class. */
  readonly drawdownBands: Readonly<Record<AssetClass, readonly number[]>>;
  readonly maturityDays: number;
  readonly assessmentDays: number;
};

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  version: 'caiban-alerts-2026.1',
  navSwing: { k: 3, window: 60, minMove: 0.005, fixedMove: 0.03, staleDays: 4 },
  suggested: {
    takeProfitSigmas: 2,
    stopLossSigmas: 1.5,
    takeProfitRange: [0.05, 0.5],
    stopLossRange: [-0.3, -0.03],
    minVolatility: 0.02,
  },
  drawdownBands: {
    cash: [],
    fixed_income: [-0.02, -0.05],
    fixed_income_plus: [-0.05, -0.1],
    equity: [-0.1, -0.2, -0.3],
    alternatives: [-0.1, -0.2],
    overseas: [-0.1, -0.2, -0.3],
  },
  maturityDays: 7,
  assessmentDays: 30,
};

export type AlertInput = {
  /** Business date, or an instant (read in UTC+8) that becomes `occurred_at`. */
  readonly asOf: string;
  readonly customerId: string | number;
  readonly customer: SuitabilityState;
  readonly holdings: readonly AlertHolding[];
  readonly shelf: ShelfContext;
  readonly policy?: AlertPolicy;
  readonly suitabilityPolicy?: SuitabilityPolicy;
};
