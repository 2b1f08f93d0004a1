import { badInput } from '../errors.js';
import { toScaled, valueFen, type DecimalValue } from './decimal.js';
import { factsOf, type ProductFacts, type ShelfContext } from './shelf-context.js';

/** A row of the holdings table. */
export type HeldUnits = {
  readonly productCode: string;
  readonly units: DecimalValue;
  /** Cost of the units held, fees included (holdings.cost_fen). */
  readonly costFen: number;
  readonly openedAt?: string;
};

export type ValuedHolding = {
  readonly code: string;
  readonly facts: ProductFacts;
  readonly unitsCents: number;
  /** units × latest unit NAV on or before the shelf's day, rounded to the fen (the cost without a NAV yet). */
  readonly valueFen: number;
  readonly costFen: number;
  readonly openedAt: string | null;
};

/** Values one holding on the shelf's day; bad input names `field`. */
export const valueHolding = (shelf: ShelfContext, h: HeldUnits, field: string): ValuedHolding => {
  const facts = factsOf(shelf, h.productCode, `${field}.productCode`);
  if (!Number.isSafeInteger(h.costFen) || h.costFen < 0)
    throw badInput(`${field}.costFen`, 'expected whole fen ≥ 0');
  const units = toScaled(h.units, 2, `${field}.units`);
  if (units < 0) throw badInput(`${field}.units`, 'expected units ≥ 0');
  return {
    code: h.productCode,
    facts,
    unitsCents: units,
    valueFen: facts.lastUnit === null ? h.costFen : valueFen(units, Math.round(facts.lastUnit * 10_000)),
    costFen: h.costFen,
    openedAt: h.openedAt ?? null,
  };
};
