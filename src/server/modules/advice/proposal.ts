import type { ProposalRequest, ProposalResponse } from '../../../contracts/analytics.js';
import { fenToYuan, yuanToFen } from '../../../contracts/money.js';
import { AppError } from '../../../core/errors.js';
import { proposeAllocation } from '../../../core/portfolio/allocation/proposal.js';
import type { Holding, Proposal } from '../../../core/portfolio/allocation/types.js';
import { checkSuitability } from '../../../core/suitability/index.js';
import type { InvestorLevel, ProductRiskLevel } from '../../../core/suitability/index.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { adviceSubject } from '../customers/service.js';
import { ageOn } from '../../../core/suitability/dates.js';
import { fenOfYuan } from '../../../core/money.js';
import type { AdviceSubject } from '../customers/service.js';
import { adjustedNavHistories, productShelf, type ShelfProduct } from '../products/service.js';
import { num } from '../analytics/service.js';
import { allocationShelf, shelfAsOf } from '../analytics/shelf.js';

/** The suitability engine's view of recommending one product of rating `risk` to this customer today. */
const suitabilityOf = (c: AdviceSubject, risk: string) =>
  checkSuitability(
    {
      investor: c.riskLevel as InvestorLevel,
      product: risk as ProductRiskLevel,
      channel: 'bank',
      initiatedBy: 'advisor',
      age: ageOn(c.birthDate, c.today),
      lowestCategory: c.lowestCategory,
      professional: c.professional,
      ...(c.riskAssessedAt === null ? {} : { assessedAt: c.riskAssessedAt }),
      on: c.today,
    },
    c.policy,
  );

/**
 * A closed-end product cannot be redeemed before its open date (its maturity): holdings of it are fixed in the
 * plan until then.
 */
const lockedUntil = (rows: readonly ShelfProduct[], code: string, today: string): string | null => {
  const m = rows.find((r) => r.code === code)?.maturity_date ?? null;
  return m !== null && m > today ? m : null;
};

/**
 * No proposal without a valid risk assessment (regulation.md §1 step 2): the error names the reason and the
 * last valid day so the RM can ask the customer to reassess first.
 */
const requireValidAssessment = (c: AdviceSubject): void => {
  const probe = suitabilityOf(c, 'R1');
  if (probe.rule !== 'assessment_validity') return;
  const reason = probe.reasons[0] ?? 'ASSESSMENT_EXPIRED';
  throw new AppError(
    'CONFLICT',
    `customer ${c.id}: the risk assessment is ${reason === 'ASSESSMENT_MISSING' ? 'missing' : 'expired'}; reassess the customer before proposing an allocation`,
    { reason, assessedAt: c.riskAssessedAt, validUntil: probe.assessment_valid_until },
  );
};

const shape = (
  c: AdviceSubject,
  p: Proposal,
  outside: ProposalResponse['outsidePlan'],
): ProposalResponse => ({
  customerId: c.id,
  asOf: p.as_of,
  customerLevel: c.riskLevel,
  effectiveLevel: p.effective_level,
  classWeights: p.class_weights,
  achievedClassWeights: p.achieved_class_weights,
  picks: p.picks.map((k) => {
    const s = suitabilityOf(c, k.risk);
    return {
      code: k.code,
      name: k.name,
      assetClass: k.asset_class,
      risk: k.risk,
      amount: fenToYuan(fenOfYuan(k.amount)),
      weight: k.weight,
      kept: k.kept,
      lockedUntil: k.locked_until,
      metrics: k.metrics && {
        annualReturn: num(k.metrics.annual_return),
        volatility: num(k.metrics.volatility),
        maxDrawdown: num(k.metrics.max_drawdown),
        sharpe: num(k.metrics.sharpe),
      },
      reasons: k.reasons,
      suitability: { decision: s.decision, rule: s.rule },
    };
  }),
  trades: p.trades.map((t) => ({ ...t, amount: fenToYuan(fenOfYuan(t.amount)) })),
  nextSteps: p.next_steps.map((n) => ({
    assetClass: n.asset_class,
    amount: fenToYuan(fenOfYuan(n.amount)),
    zh: n.zh,
    en: n.en,
  })),
  outsidePlan: outside,
  expectedReturn: p.expected_return,
  returnRange: p.return_range,
  volatility: p.volatility,
  estimatedWorstDrawdown: p.estimated_worst_drawdown,
  backtest: p.backtest && {
    start: p.backtest.start,
    end: p.backtest.end,
    dates: p.backtest.dates,
    nav: p.backtest.nav.map(num),
    annualReturn: num(p.backtest.annual_return),
    volatility: num(p.backtest.volatility),
    maxDrawdown: num(p.backtest.max_drawdown),
  },
  uninvested: fenToYuan(fenOfYuan(p.uninvested)),
  frontier: p.frontier.map((f) => ({ expectedReturn: f.expected_return, volatility: f.volatility })),
  notes: p.notes,
});

/**
 * Allocation proposal for one customer in the caller's scope: the allocation engine on the customer's
 * holdings, assessed level and the open product shelf, every pick re-checked by the suitability engine, and
 * the whole recommendation written to the audit log before it leaves (compliance sees every proposal).
 */
export const customerProposal = async (
  deps: AppDeps,
  principal: Principal,
  id: number,
  req: ProposalRequest,
  requestId: string,
): Promise<ProposalResponse> => {
  const c = await adviceSubject(deps, principal, id, requestId);
  requireValidAssessment(c);
  const [rows, navs] = await Promise.all([productShelf(deps), adjustedNavHistories(deps, null)]);
  const products = allocationShelf(rows, navs);
  const onShelf = new Set(products.map((p) => p.code));
  const holdings: Holding[] = [];
  const outside: ProposalResponse['outsidePlan'] = [];
  for (const h of c.holdings) {
    if (onShelf.has(h.productCode))
      holdings.push({
        code: h.productCode,
        amount: yuanToFen(h.marketValue) / 100,
        lockedUntil: lockedUntil(rows, h.productCode, c.today),
      });
    else outside.push({ code: h.productCode, name: h.productName, marketValue: h.marketValue });
  }
  const proposal = proposeAllocation({
    profile: {
      riskLevel: c.riskLevel as InvestorLevel,
      horizonMonths: req.horizonMonths,
      liquidityNeed: req.liquidityNeed,
      holdings,
    },
    bucket: {
      purpose: req.purpose,
      amount: req.amount,
      horizonMonths: req.horizonMonths,
      riskAppetite: req.riskAppetite,
    },
    products,
    asOf: shelfAsOf(navs),
  });
  const out = shape(c, proposal, outside);
  // A locked holding is no recommendation: it stays because it cannot be redeemed, whatever its rating.
  const refused = out.picks.filter(
    (k) => k.lockedUntil === null && !suitabilityCleared(k.suitability.decision),
  );
  if (refused.length > 0)
    throw new AppError('INTERNAL', 'the suitability engine refused a pick of the allocation engine', {
      codes: refused.map((k) => k.code),
    });
  await writeAudit(deps.db, actorOf(principal), requestId, [
    {
      action: 'advice.proposal',
      targetKind: 'customer',
      target: String(id),
      customerId: id,
      details: {
        request: req,
        asOf: out.asOf,
        effectiveLevel: out.effectiveLevel,
        classWeights: out.classWeights,
        picks: out.picks.map((k) => ({
          code: k.code,
          risk: k.risk,
          amount: k.amount,
          decision: k.suitability.decision,
        })),
        trades: out.trades.map((t) => ({ action: t.action, code: t.code, amount: t.amount })),
      },
    },
  ]);
  return out;
};

/** An advisor may recommend ALLOW picks; WARN_CONFIRM (e.g. enhanced duty for the elderly) still needs the
 * customer's confirmation at purchase, which the trade flow collects. DENY never leaves the server. */
const suitabilityCleared = (decision: string): boolean => decision !== 'DENY';
