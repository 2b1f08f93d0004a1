import { completeText } from '../guard/complete.js';
import { guardOutbound } from '../guard/guard.js';
import type { GuardFinding, GuardProduct } from '../guard/types.js';
import type { ProductType } from '../product-types.js';
import type { Card, DialogueCustomer } from './types.js';

export type GuardedReply = {
  readonly text: string;
  readonly cards: readonly Card[];
  readonly allowed: boolean;
  readonly findings: readonly GuardFinding[];
  readonly refused_products: readonly string[];
  readonly replaced_text: boolean;
};

/** The products a card carries, as the guard sees them (offers unless the customer's own holding). */
const productsOf = (c: Card): GuardProduct[] => {
  switch (c.type) {
    case 'product':
      return [{ code: c.product_code, risk: c.risk_level, type: c.product_type, role: 'offer' }];
    case 'allocation':
      return c.picks.map((p) => ({
        code: p.product_code,
        risk: p.risk_level,
        type: p.product_type,
        role: 'offer',
      }));
    case 'comparison':
      return c.products.map((p) => ({
        code: p.product_code,
        risk: p.risk_level,
        type: p.product_type,
        role: 'offer',
      }));
    case 'attribution':
      return [
        {
          code: c.product_code,
          risk: c.risk_level,
          type: c.product_type,
          role: c.held ? 'holding' : 'offer',
        },
      ];
    case 'statement':
      return c.holdings.map((h) => ({
        code: h.product_code,
        risk: h.risk_level,
        type: h.product_type,
        role: 'holding',
      }));
    default:
      return [];
  }
};

/** Cards without the refused products: an allocation loses the pick, a comparison or product card goes. */
const withoutRefused = (cards: readonly Card[], refused: ReadonlySet<string>): Card[] =>
  cards.flatMap((c): Card[] => {
    if (c.type === 'allocation') {
      const picks = c.picks.filter((p) => !refused.has(p.product_code));
      return picks.length === 0 ? [] : [{ ...c, picks }];
    }
    if (c.type === 'comparison' || c.type === 'product' || c.type === 'attribution')
      return productsOf(c).some((p) => p.role === 'offer' && refused.has(p.code)) ? [] : [c];
    return [c];
  });

const REFUSED_TEXT =
  '根据您的风险承受能力和测评状态，部分产品暂不适合向您推荐，相关内容已隐藏。如需了解，请联系您的理财经理。';
const BLOCKED_TEXT = '抱歉，这条回答没有通过合规检查，已记录并转交复核。您可以换个问法，或回复“转人工”。';

/**
 * Every reply leaves through the ONE outbound guard (src/core/guard): the text is completed with what its
 * product types require (disclosures, the past-performance disclaimer, the AI label), then linted, and every
 * product the cards carry is checked for suitability. Refused products are removed (their text replaced); a
 * text that still fails is replaced by a fixed safe sentence. The result is always allowed; the findings of
 * every pass are returned for the turn's annotations (the refusal is logged there).
 */
export const guardReply = (
  text: string,
  cards: readonly Card[],
  productTypes: readonly ProductType[],
  customer: DialogueCustomer,
  now: string,
): GuardedReply => {
  const findings: GuardFinding[] = [];
  const refusedAll = new Set<string>();
  let replaced = false;
  let curText = text;
  let curCards = [...cards];
  for (let pass = 0; pass < 3; pass++) {
    const types = [
      ...new Set([...productTypes, ...curCards.flatMap((c) => productsOf(c).map((p) => p.type))]),
    ];
    const completed = completeText(curText, { productTypes: types, aiGenerated: true }).text.zh;
    const g = guardOutbound({
      content: {
        texts: [{ id: 'reply', text: completed, productTypes: types, aiGenerated: true }],
        products: curCards.flatMap(productsOf),
      },
      customer,
      now,
    });
    findings.push(...g.findings);
    if (g.allowed) {
      return {
        text: completed,
        cards: curCards,
        allowed: pass === 0,
        findings,
        refused_products: [...refusedAll],
        replaced_text: replaced,
      };
    }
    if (g.refused_products.length > 0) {
      for (const c of g.refused_products) refusedAll.add(c);
      curCards = withoutRefused(curCards, refusedAll);
      curText = REFUSED_TEXT;
      replaced = true;
      continue;
    }
    curText = pass === 0 ? BLOCKED_TEXT : BLOCKED_TEXT;
    curCards = curCards.filter((c) => productsOf(c).length === 0);
    replaced = true;
  }
  // Nothing product-related and a fixed sentence: if even this failed the rule set forbids the fallback itself.
  const fallback = completeText(BLOCKED_TEXT, { aiGenerated: true }).text.zh;
  return {
    text: fallback,
    cards: [],
    allowed: false,
    findings,
    refused_products: [...refusedAll],
    replaced_text: true,
  };
};
