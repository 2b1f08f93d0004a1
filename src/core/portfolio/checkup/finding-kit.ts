import { render, type Bilingual, type Template, type TemplateParams } from '../../advisory/text.js';
import type { Purpose } from '../allocation/types.js';
import { ACTION_LABEL } from './messages.js';
import type { PortfolioView } from './positions.js';
import type { FindingAction, ProposalLink } from './types.js';

/** The proposal a finding's action links to: this customer's advice level and liquidity need. */
export const proposalLink = (
  v: PortfolioView,
  purpose: Purpose,
  amountFen: number,
  horizonMonths = v.horizonMonths,
): ProposalLink => ({
  purpose,
  amount_fen: Math.max(0, Math.round(amountFen)),
  horizon_months: Math.max(1, Math.round(horizonMonths)),
  risk_appetite: v.adviceLevel,
  liquidity_need: v.liquidityNeed,
});

export const action = (kind: FindingAction['kind'], proposal: ProposalLink | null): FindingAction => ({
  kind,
  label: render(ACTION_LABEL[kind]),
  proposal,
});

/** Renders a finding template, Chinese labels on the Chinese side (`zh`) and English ones on the other. */
export const say = (
  t: Template,
  params: TemplateParams,
  labels: Readonly<Record<string, Bilingual>> = {},
): Bilingual =>
  render(
    t,
    { ...params, ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.en])) },
    Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.zh])),
  );
