import { randomUUID } from 'node:crypto';
import type { AdvisorData, ProposalOutcome } from '../../../core/dialogue/tools.js';
import { isProductType } from '../../../core/advisory/shelf.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { customerProposal } from '../advice/proposal.js';
import { listHoldings, listTransactions } from '../customers/positions-repo.js';
import { advisoryShelf } from '../advisory/shelf.js';
import { chinaDate } from '../customers/service.js';
import { setHoldingTargets } from '../advisory/service.js';
import { submitAssessment } from '../assessments/service.js';
import { insertTicket } from './repo.js';

const MAX_TRANSACTIONS = 20_000;

/**
 * The dialogue tools' data port over the platform: the shared advisory shelf (products module), the customer's
 * holdings and transactions (customers module), benchmark indices, the audited allocation proposal
 * (modules/advice/proposal.ts, called as the customer), the advisory and assessment services, and the advisor's
 * own tickets.
 */
export const advisorData = (
  deps: AppDeps,
  principal: Principal,
  customer: { id: number; annualIncomeFen: number; aumFen: number },
  sessionId: string,
  requestId: string,
): AdvisorData => {
  let holdingRows: ReturnType<typeof listHoldings> | null = null;
  const rows = () => (holdingRows ??= listHoldings(deps.db, customer.id));
  return {
    shelf: () => advisoryShelf(deps.db, chinaDate(deps.now())),
    holdings: async () =>
      (await rows()).map((h) => ({
        productCode: h.productCode,
        units: h.units,
        costFen: Number(h.costFen),
        openedAt: h.openedAt,
      })),
    finances: async () => {
      const invested = (await rows()).reduce((s, h) => s + Math.round(Number(h.marketValue ?? 0) * 100), 0);
      return { annualIncomeFen: customer.annualIncomeFen, cashFen: Math.max(0, customer.aumFen - invested) };
    },
    transactions: async () =>
      (await listTransactions(deps.db, customer.id, MAX_TRANSACTIONS, 0))
        .map((t) => ({
          productCode: t.productCode,
          type: t.type,
          tradeDate: t.tradeDate,
          amountFen: Number(t.amountFen),
          units: t.units,
          nav: t.nav,
          feeFen: Number(t.feeFen),
        }))
        .reverse(),
    // The shelf already holds every index's closes (loaded once per shelf stamp): no query per turn.
    indexLevels: async (code) => {
      const i = (await advisoryShelf(deps.db, chinaDate(deps.now()))).indices.get(code);
      if (i === undefined || i.dates.length === 0) return null;
      return { code, name: { zh: i.name, en: code }, dates: i.dates, close: i.close };
    },
    proposal: async (req): Promise<ProposalOutcome> => {
      const shelf = await advisoryShelf(deps.db, chinaDate(deps.now()));
      const types = new Map(shelf.products.map((p) => [p.code, p.type]));
      const p = await customerProposal(
        deps,
        principal,
        customer.id,
        {
          purpose: req.purpose,
          amount: req.amount,
          horizonMonths: req.horizonMonths,
          riskAppetite: req.riskAppetite,
          liquidityNeed: req.liquidityNeed,
        },
        requestId,
      );
      return {
        effective_level: p.effectiveLevel,
        expected_return: p.expectedReturn,
        volatility: p.volatility,
        picks: p.picks.flatMap((k) => {
          const type = types.get(k.code);
          return type !== undefined && isProductType(type)
            ? [
                {
                  code: k.code,
                  name: k.name,
                  risk: k.risk as 'R1',
                  type,
                  weight: k.weight,
                  amount: Number(k.amount),
                },
              ]
            : [];
        }),
      };
    },
    // The same services as the investor's pages: the targets feed the alert engine, and an assessment taken in
    // the chat is stored with the NFRA frequency rule; a changed level waits for the customer's confirmation
    // (regulation.md §1). A refusal (429 with the reopening date) surfaces as the tool's failure.
    saveAlertTargets: async (code, t) => {
      await setHoldingTargets(
        deps,
        principal,
        customer.id,
        code,
        { take_profit: t.takeProfit, stop_loss: t.stopLoss },
        requestId,
      );
    },
    saveAssessment: async (result, answers) => {
      await submitAssessment(deps, principal, customer.id, { answers, channel: 'bank' }, requestId);
      await writeAudit(deps.db, actorOf(principal), requestId, [
        {
          action: 'advisor.assessment',
          targetKind: 'customer',
          target: String(customer.id),
          customerId: customer.id,
          details: { session: sessionId, level: result.level, score: result.score, answers },
        },
      ]);
    },
    createTicket: async (text) => {
      const id = `T-${randomUUID().slice(0, 8)}`;
      await insertTicket(deps.db, customer.id, id, sessionId, text, deps.now());
      return id;
    },
  };
};
