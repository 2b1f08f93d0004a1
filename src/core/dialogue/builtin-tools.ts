import { z } from 'zod';
import { suggestTargets } from '../advisory/alerts/signals.js';
import { DEFAULT_ALERT_POLICY } from '../advisory/alerts/types.js';
import { assessmentStatus } from '../advisory/assessment.js';
import { attributeHolding } from '../advisory/attribution/attribution.js';
import { businessDate } from '../advisory/days.js';
import { valueHolding } from '../advisory/holding.js';
import { marketCommentary } from '../advisory/commentary/commentary.js';
import { recommendProducts } from '../advisory/recommend/rank.js';
import type { ProductFacts, ShelfContext } from '../advisory/shelf-context.js';
import { buildStatement } from '../advisory/statement/statement.js';
import { pct } from '../advisory/text.js';
import { searchKb } from '../nlu/kb.js';
import { normalizeText } from '../nlu/normalize.js';
import { PURPOSES } from '../nlu/types.js';
import type { Purpose as EnginePurpose } from '../portfolio/allocation/types.js';
import { runCheckup } from '../portfolio/checkup/checkup.js';
import { PRODUCT_TYPES, type ProductType } from '../product-types.js';
import { DEFAULT_QUESTIONNAIRE } from '../suitability/default-questionnaire.js';
import { scoreQuestionnaire } from '../suitability/questionnaire.js';
import { CATEGORY_LABEL } from './entities.js';
import { defineTool, toolRegistry, type ToolContext, type ToolRegistry, type ToolResult } from './tools.js';
import type { Card, ProductCard } from './types.js';

const LEVEL_NAME: Readonly<Record<string, string>> = {
  C1: '保守型',
  C2: '稳健型',
  C3: '平衡型',
  C4: '成长型',
  C5: '进取型',
};
const PURPOSE_LABEL: Readonly<Record<string, string>> = {
  retirement: '养老',
  education: '子女教育',
  house: '购房',
  emergency: '应急备用',
  growth: '财富增值',
  travel: '旅行',
  medical: '医疗',
  other: '其他用途',
};
export const purposeLabel = (p: string): string => PURPOSE_LABEL[p] ?? p;
export const levelLabel = (l: string): string => `${l}（${LEVEL_NAME[l] ?? l}）`;

const yuan = (fen: number): string =>
  `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
const wan = (y: number): string => (y >= 10_000 ? `${+(y / 10_000).toFixed(2)}万元` : `${y}元`);

const productCard = (f: ProductFacts, role: 'offer'): ProductCard => ({
  type: 'product',
  product_code: f.product.code,
  risk_level: f.product.risk,
  name: f.product.name,
  product_type: f.product.type,
  role,
  facts: {
    return_1y: f.return1y,
    volatility: f.volatility,
    max_drawdown: f.maxDrawdown,
    annual_cost: f.annualCost,
    manager: f.product.manager,
  },
});

/** Finds a product on the shelf by code, then by name (exact, then contained either way). */
const findProduct = (shelf: ShelfContext, code?: string, name?: string): ProductFacts | undefined => {
  if (code !== undefined) {
    const f = shelf.products.get(code);
    if (f !== undefined) return f;
  }
  if (name === undefined || name === '') return undefined;
  const n = normalizeText(name);
  const all = [...shelf.products.values()];
  return (
    all.find((f) => normalizeText(f.product.name) === n) ??
    all.find((f) => normalizeText(f.product.name).includes(n) || n.includes(normalizeText(f.product.name)))
  );
};

/** Products named in the text: 6-digit codes and shelf names (for comparisons of two or more). */
const productsInText = (shelf: ShelfContext, text: string): ProductFacts[] => {
  const out = new Map<string, ProductFacts>();
  for (const m of text.matchAll(/(?<!\d)\d{6}(?!\d)/g)) {
    const f = shelf.products.get(m[0]);
    if (f) out.set(f.product.code, f);
  }
  for (const f of shelf.products.values()) {
    const n = normalizeText(f.product.name).replace(/(?:基金|混合|股票|债券|指数|[ac]类?)+$/, '');
    if (n.length >= 2 && text.includes(n)) out.set(f.product.code, f);
  }
  return [...out.values()];
};

const byQuality = (a: ProductFacts, b: ProductFacts): number => (b.sharpe ?? -9) - (a.sharpe ?? -9);

const Category = z.enum(PRODUCT_TYPES);

/**
 * The language engine's purposes onto the allocation engine's: medical money is a reserve, travel a dated goal
 * (planned like a house deposit), anything else growth.
 */
const ENGINE_PURPOSE: Readonly<Record<(typeof PURPOSES)[number], EnginePurpose>> = {
  retirement: 'retirement',
  education: 'education',
  house: 'house',
  emergency: 'emergency',
  growth: 'growth',
  travel: 'house',
  medical: 'emergency',
  other: 'growth',
};
const Purpose = z.enum(PURPOSES);

const needHoldings = (): ToolResult => ({
  text: '您目前在我行没有持仓记录，暂时无法分析。需要我为您做一份资产配置建议吗？',
  cards: [
    {
      type: 'quick_replies',
      options: [
        { label: '做配置建议', value: '帮我做个资产配置' },
        { label: '先了解产品', value: '有什么推荐的产品' },
      ],
    },
  ],
});

const kbAnswer = defineTool({
  name: 'kb_answer',
  description: 'Answers from the knowledge base (top match), or says it has no answer.',
  args: z.object({ query: z.string().min(1).max(500).optional() }).strict(),
  run: (a, ctx) => {
    if (ctx.kb === null)
      return { text: '知识库暂不可用，我先为您转接人工客服解答。', set: { kb_found: false } };
    const r = searchKb(ctx.kb, a.query ?? ctx.text, 3);
    if (r.match === null)
      return {
        text: '这个问题我暂时没有找到准确的答案。您可以换个说法，或者让我为您转接理财经理。',
        set: { kb_found: false },
        cards: [
          {
            type: 'quick_replies',
            options: [
              { label: '转人工', value: '转人工' },
              { label: '看看我的持仓', value: '看看我的持仓' },
            ],
          },
        ],
      };
    const card: Card = { type: 'kb_answer', kb_id: r.match.id, question: r.match.question };
    return { text: r.match.answer, cards: [card], set: { kb_found: true, kb_id: r.match.id } };
  },
});

const riskLevel = defineTool({
  name: 'risk_level',
  description: "The customer's risk level and whether the assessment is valid.",
  args: z.object({}).strict(),
  run: (_a, ctx) => {
    const c = ctx.customer;
    const s = assessmentStatus(c, businessDate(ctx.now));
    const tail =
      s.status === 'valid'
        ? `测评有效期至${s.valid_until}。`
        : s.status === 'exempt'
          ? '您是专业投资者，无需测评。'
          : `您的测评${s.status === 'expired' ? `已于${s.valid_until}过期` : '尚未完成'}，需要重新测评后才能为您推荐产品。`;
    return {
      text: `您当前的风险承受能力等级为${levelLabel(c.level)}。${tail}`,
      set: { assessment: s.status },
      cards:
        s.status === 'valid' || s.status === 'exempt'
          ? []
          : [{ type: 'quick_replies', options: [{ label: '现在测评', value: '我要做风险测评' }] }],
    };
  },
});

const recommend = defineTool({
  name: 'recommend',
  description: 'Suitable products for the money described, best first (suitability inside).',
  args: z
    .object({
      purpose: Purpose.default('growth'),
      amount: z.number().positive().max(1e10).default(100_000),
      horizon_months: z.number().int().min(1).max(600).default(36),
      category: Category.optional(),
      limit: z.number().int().min(1).max(5).default(3),
    })
    .strict(),
  run: async (a, ctx) => {
    const shelf = await ctx.shelfContext();
    const holdings = await ctx.data.holdings();
    const r = recommendProducts({
      asOf: shelf.asOf,
      customer: ctx.customer,
      holdings: holdings.filter((h) => shelf.products.has(h.productCode)),
      request: {
        purpose: ENGINE_PURPOSE[a.purpose],
        amountFen: Math.round(a.amount * 100),
        horizonMonths: a.horizon_months,
        limit: 20,
      },
      shelf,
    });
    if (!r.ok) return { text: `${r.refusal.message.zh}请先完成风险测评。`, set: { recommended: 0 } };
    const items = r.items.filter((i) => a.category === undefined || i.type === a.category).slice(0, a.limit);
    const what = a.category === undefined ? '产品' : CATEGORY_LABEL[a.category];
    if (items.length === 0)
      return {
        text: `在您的风险等级${levelLabel(ctx.customer.level)}和这笔钱的期限内，暂时没有合适的${what}可以推荐。`,
        set: { recommended: 0 },
      };
    const cards = items.map((i) => productCard(shelf.products.get(i.product_code)!, 'offer'));
    const lines = items.map((i) => `${i.name}（${i.risk_level}）：${i.reasons[0]?.zh ?? ''}`).join('；');
    return {
      text: `按您的风险等级${levelLabel(ctx.customer.level)}，为${purposeLabel(a.purpose)}这笔${wan(a.amount)}、期限约${a.horizon_months}个月的资金，筛选出以下${what}：${lines}`,
      cards,
      productTypes: items.map((i) => i.type),
      set: { recommended: items.length },
    };
  },
});

const allocation = defineTool({
  name: 'allocation',
  description: "An allocation proposal for one sum of money within the customer's level.",
  args: z
    .object({
      amount: z.number().positive().max(1e10),
      purpose: Purpose,
      horizon_months: z.number().int().min(1).max(600),
      liquidity: z.enum(['low', 'medium', 'high']).default('medium'),
    })
    .strict(),
  run: async (a, ctx) => {
    const p = await ctx.data.proposal({
      amount: a.amount,
      purpose: ENGINE_PURPOSE[a.purpose],
      horizonMonths: a.horizon_months,
      riskAppetite: ctx.customer.level,
      liquidityNeed: a.liquidity,
    });
    const picks = p.picks.filter((k) => k.weight > 0);
    const card: Card = {
      type: 'allocation',
      effective_level: p.effective_level,
      expected_return: p.expected_return,
      volatility: p.volatility,
      picks: picks.map((k) => ({
        product_code: k.code,
        risk_level: k.risk,
        weight: k.weight,
        name: k.name,
        product_type: k.type,
        amount_yuan: k.amount,
      })),
    };
    const lines = picks.map((k) => `${k.name}（${k.risk}）${pct(k.weight, 0)}`).join('、');
    return {
      text: `为您${purposeLabel(a.purpose)}的${wan(a.amount)}、期限${a.horizon_months}个月，按${levelLabel(p.effective_level)}配置：${lines}。以上为模型测算的配置比例，不代表未来收益。`,
      cards: [card],
      productTypes: [...new Set(picks.map((k) => k.type))],
      set: { picks: picks.length },
    };
  },
});

const productFacts = defineTool({
  name: 'product_facts',
  description: 'Facts of one product (risk, one-year figures, fees), or the best of a category.',
  args: z
    .object({
      product_code: z
        .string()
        .regex(/^\w{3,12}$/)
        .optional(),
      product_name: z.string().max(60).optional(),
      category: Category.optional(),
    })
    .strict(),
  run: async (a, ctx) => {
    const shelf = await ctx.shelfContext();
    let f = findProduct(shelf, a.product_code, a.product_name);
    if (f === undefined && a.category !== undefined)
      f = [...shelf.products.values()].filter((x) => x.product.type === a.category).sort(byQuality)[0];
    if (f === undefined)
      return {
        text: '没有找到您说的产品，请告诉我6位产品代码或完整的产品名称。',
        set: { found: false },
      };
    const p = f.product;
    const fig = (v: number | null, label: string) => (v === null ? '' : `${label}${pct(v)}，`);
    return {
      text:
        `${p.name}（${p.code}）是${CATEGORY_LABEL[p.type]}，风险等级${p.risk}，由${p.manager}管理。` +
        `截至${f.lastNavDate ?? shelf.asOf}，${fig(f.return1y, '近一年收益率')}${fig(f.maxDrawdown, '近一年最大回撤')}` +
        `年化综合费率约${pct(f.annualCost, 2)}。过往业绩不预示其未来表现。`,
      cards: [productCard(f, 'offer')],
      productTypes: [p.type],
      set: { found: true, product_code: p.code },
    };
  },
});

const fundCompare = defineTool({
  name: 'fund_compare',
  description: 'Compares two or more products side by side (named in the text, or the top of a category).',
  args: z
    .object({ product_codes: z.array(z.string()).max(4).optional(), category: Category.optional() })
    .strict(),
  run: async (a, ctx) => {
    const shelf = await ctx.shelfContext();
    let list = (a.product_codes ?? []).map((c) => shelf.products.get(c)).filter((f) => f !== undefined);
    if (list.length < 2) list = productsInText(shelf, ctx.text);
    if (list.length < 2 && a.category !== undefined)
      list = [...shelf.products.values()]
        .filter((f) => f.product.type === a.category)
        .sort(byQuality)
        .slice(0, 2);
    if (list.length < 2)
      return {
        text: '请告诉我要对比的两只产品（名称或6位代码），例如“对比000001和110011”。',
        set: { compared: 0 },
      };
    list = list.slice(0, 4);
    const row = (metric: string, get: (f: ProductFacts) => number | null) => ({
      metric,
      values: list.map(get),
    });
    const card: Card = {
      type: 'comparison',
      product_codes: list.map((f) => f.product.code),
      products: list.map((f) => ({
        product_code: f.product.code,
        name: f.product.name,
        risk_level: f.product.risk,
        product_type: f.product.type,
      })),
      rows: [
        row('return_1y', (f) => f.return1y),
        row('volatility_1y', (f) => f.volatility),
        row('max_drawdown_1y', (f) => f.maxDrawdown),
        row('sharpe_1y', (f) => f.sharpe),
        row('annual_cost', (f) => f.annualCost),
      ],
    };
    const calmer = [...list].sort((x, y) => (x.volatility ?? 9) - (y.volatility ?? 9))[0]!;
    return {
      text: `已为您对比${list.map((f) => f.product.name).join('和')}近一年的收益、波动、回撤与费率。其中${calmer.product.name}近一年波动较小。过往业绩不预示其未来表现，请结合自身风险承受能力选择。`,
      cards: [card],
      productTypes: [...new Set(list.map((f) => f.product.type))],
      set: { compared: list.length },
    };
  },
});

const fundManager = defineTool({
  name: 'fund_manager',
  description: 'The manager of a fund and the funds they manage on the shelf.',
  args: z
    .object({
      manager_name: z.string().max(40).optional(),
      product_code: z.string().optional(),
      product_name: z.string().optional(),
    })
    .strict(),
  run: async (a, ctx) => {
    const shelf = await ctx.shelfContext();
    const all = [...shelf.products.values()];
    const manager =
      a.manager_name ?? findProduct(shelf, a.product_code, a.product_name)?.product.manager ?? undefined;
    const funds = manager === undefined ? [] : all.filter((f) => f.product.manager === manager);
    if (manager === undefined || funds.length === 0)
      return { text: '请告诉我基金经理的姓名或基金名称，我来为您介绍。', set: { found: false } };
    return {
      text: `${manager}目前在本平台管理${funds.length}只产品：${funds.map((f) => `${f.product.name}（${f.product.risk}）`).join('、')}。基金经理的过往业绩不预示其未来表现。`,
      cards: funds.slice(0, 3).map((f) => productCard(f, 'offer')),
      productTypes: [...new Set(funds.slice(0, 3).map((f) => f.product.type))],
      set: { found: true },
    };
  },
});

const checkup = defineTool({
  name: 'checkup',
  description: "A check-up of the customer's portfolio: score and findings.",
  args: z.object({}).strict(),
  run: async (_a, ctx) => {
    const [shelf, holdings, fin] = await Promise.all([
      ctx.shelfContext(),
      ctx.data.holdings(),
      ctx.data.finances(),
    ]);
    const held = holdings.filter((h) => shelf.products.has(h.productCode));
    if (held.length === 0) return needHoldings();
    const r = runCheckup({
      asOf: shelf.asOf,
      customer: { ...ctx.customer, annualIncomeFen: fin.annualIncomeFen, cashFen: fin.cashFen },
      holdings: held,
      shelf,
    });
    const top = r.findings.slice(0, 3);
    return {
      text:
        `您的资产体检得分${r.score}分（满分100）。` +
        (top.length === 0
          ? '目前没有发现需要关注的问题。'
          : `需要关注：${top.map((f) => f.message.zh).join('；')}`),
      cards: [
        {
          type: 'checkup',
          score: r.score,
          findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message.zh })),
        },
      ],
      productTypes: [...new Set(held.map((h) => shelf.products.get(h.productCode)!.product.type))],
      set: { score: r.score },
    };
  },
});

const statement = defineTool({
  name: 'statement',
  description: "The customer's holdings and returns this year (TWR and IRR).",
  args: z
    .object({
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .strict(),
  run: async (a, ctx) => {
    const [shelf, txs, holdings] = await Promise.all([
      ctx.shelfContext(),
      ctx.data.transactions(),
      ctx.data.holdings(),
    ]);
    const held = holdings.filter((h) => shelf.products.has(h.productCode));
    if (txs.length === 0 && held.length === 0) return needHoldings();
    const to = shelf.asOf;
    const from = a.from ?? `${to.slice(0, 4)}-01-01`;
    const codes = new Set([...txs.map((t) => t.productCode), ...held.map((h) => h.productCode)]);
    const products = [...codes]
      .map((c) => shelf.products.get(c))
      .filter((f) => f !== undefined)
      .map((f) => ({
        code: f.product.code,
        name: f.product.name,
        category: f.product.type,
        nav: f.product.nav,
      }));
    const known = new Set(products.map((p) => p.code));
    const s = buildStatement({
      from,
      to,
      transactions: txs.filter((t) => known.has(t.productCode)),
      products,
    });
    const values = held.map((h) => valueHolding(shelf, h, 'holdings'));
    const lines = values
      .sort((x, y) => y.valueFen - x.valueFen)
      .slice(0, 5)
      .map((v) => `${v.facts.product.name} ${yuan(v.valueFen)}`)
      .join('、');
    return {
      text:
        `截至${to}，您的持仓市值${yuan(s.end_value_fen)}${lines ? `（${lines}）` : ''}。` +
        `${from}至${to}期间收益${yuan(s.pnl_fen)}` +
        (s.twr === null ? '。' : `，时间加权收益率${pct(s.twr, 2)}`) +
        (s.irr === null ? '。' : `，资金加权年化收益率${pct(s.irr, 2)}。`),
      cards: [
        {
          type: 'statement',
          twr: s.twr,
          irr: s.irr,
          from,
          to,
          end_value_fen: s.end_value_fen,
          pnl_fen: s.pnl_fen,
          holdings: values.map((v) => ({
            product_code: v.code,
            name: v.facts.product.name,
            risk_level: v.facts.product.risk,
            product_type: v.facts.product.type,
            value_fen: v.valueFen,
            cost_fen: v.costFen,
          })),
        },
      ],
      productTypes: [...new Set(values.map((v) => v.facts.product.type))],
      set: { value_fen: s.end_value_fen },
    };
  },
});

const explainDrop = defineTool({
  name: 'explain_drop',
  description:
    'Why a holding fell: names the worst holding (or the one asked) and splits its return into market, style and specific parts.',
  args: z
    .object({
      product_code: z.string().optional(),
      product_name: z.string().optional(),
      days: z.number().int().min(5).max(250).default(20),
    })
    .strict(),
  run: async (a, ctx) => {
    const [shelf, holdings] = await Promise.all([ctx.shelfContext(), ctx.data.holdings()]);
    const held = holdings.filter((h) => shelf.products.has(h.productCode));
    const asked = findProduct(shelf, a.product_code, a.product_name);
    let target = asked?.product.code;
    if (target === undefined) {
      if (held.length === 0) return needHoldings();
      // The worst holding over the window: the lowest return of its adjusted NAV.
      const ret = (code: string): number => {
        const f = shelf.products.get(code)!;
        const r = f.returns;
        let acc = 1;
        for (let i = Math.max(0, r.length - a.days); i < r.length; i++) acc *= 1 + r[i]!;
        return acc - 1;
      };
      target = held.map((h) => h.productCode).sort((x, y) => ret(x) - ret(y))[0]!;
    }
    const f = shelf.products.get(target)!;
    const bench =
      f.product.benchmarkIndex === null ? null : await ctx.data.indexLevels(f.product.benchmarkIndex);
    const at = attributeHolding({
      asOf: shelf.asOf,
      productCode: target,
      days: a.days,
      shelf,
      benchmark: bench,
    });
    const isHeld = held.some((h) => h.productCode === target);
    return {
      text:
        `${f.product.name}（${f.product.code}）近${at.window.days}个交易日（${at.window.start}至${at.window.end}）收益率${pct(at.total, 2)}，` +
        `其中市场因素${pct(at.market, 2)}、风格因素${pct(at.style, 2)}、产品自身因素${pct(at.specific, 2)}。` +
        `${at.explanation.zh}`,
      cards: [
        {
          type: 'attribution',
          product_code: target,
          product_type: f.product.type,
          risk_level: f.product.risk,
          total: at.total,
          market: at.market,
          style: at.style,
          specific: at.specific,
          window: { start: at.window.start, end: at.window.end },
          held: isHeld,
        },
      ],
      productTypes: [f.product.type],
      set: { product_code: target },
    };
  },
});

const marketView = defineTool({
  name: 'market_view',
  description: "The latest session's market moves and what they meant for the customer's holdings.",
  args: z.object({ indices: z.array(z.string()).default(['CSI300', 'CSI500', 'CHINABOND']) }).strict(),
  run: async (a, ctx) => {
    const levels = (await Promise.all(a.indices.map((c) => ctx.data.indexLevels(c)))).filter(
      (l) => l !== null,
    );
    const moves = levels
      .filter((l) => l.dates.length >= 2)
      .map((l) => ({
        code: l.code,
        name: l.name,
        change: l.close[l.close.length - 1]! / l.close[l.close.length - 2]! - 1,
        date: l.dates[l.dates.length - 1]!,
      }));
    if (moves.length === 0) return { text: '暂时没有最新的行情数据，请稍后再问。', set: { moves: 0 } };
    const c = marketCommentary({ date: moves[0]!.date, session: 'close', indices: moves });
    return { text: c.text.zh, productTypes: c.product_types, set: { moves: moves.length } };
  },
});

const alertSetup = defineTool({
  name: 'alert_setup',
  description: 'Sets take-profit / stop-loss alerts on a holding (suggested targets when none given).',
  args: z
    .object({
      product_code: z.string().optional(),
      product_name: z.string().optional(),
      take_profit: z.number().gt(0).lt(5).optional(),
      stop_loss: z.number().gt(-1).lt(0).optional(),
    })
    .strict(),
  run: async (a, ctx) => {
    const [shelf, holdings] = await Promise.all([ctx.shelfContext(), ctx.data.holdings()]);
    const held = holdings.filter((h) => shelf.products.has(h.productCode));
    const f =
      findProduct(shelf, a.product_code, a.product_name) ??
      (held.length === 1 ? shelf.products.get(held[0]!.productCode) : undefined);
    if (f === undefined || !held.some((h) => h.productCode === f.product.code))
      return {
        text:
          held.length === 0
            ? '您目前没有持仓，暂时无法设置止盈止损提醒。'
            : `请告诉我要设置提醒的持仓：${held.map((h) => shelf.products.get(h.productCode)!.product.name).join('、')}。`,
        set: { alert_set: false },
      };
    const suggested = suggestTargets(f, DEFAULT_ALERT_POLICY.suggested) ?? {
      takeProfit: 0.1,
      stopLoss: -0.05,
    };
    const targets = {
      takeProfit: a.take_profit ?? suggested.takeProfit,
      stopLoss: a.stop_loss ?? suggested.stopLoss,
    };
    await ctx.data.saveAlertTargets(f.product.code, targets);
    const opened = held.find((h) => h.productCode === f.product.code)?.openedAt;
    const since = opened === undefined ? '买入以来' : `自买入日${opened}以来`;
    return {
      text: `已为${f.product.name}设置提醒：${since}持有收益达到${pct(targets.takeProfit)}时提醒止盈，亏损达到${pct(targets.stopLoss)}时提醒止损。提醒仅供参考，是否操作由您决定。`,
      productTypes: [f.product.type],
      set: { alert_set: true },
    };
  },
});

const sipPlan = defineTool({
  name: 'sip_plan',
  description: 'A monthly investment (定投) plan: amount per month and suitable index or hybrid funds.',
  args: z
    .object({
      amount: z.number().positive().max(1e8).default(1000),
      horizon_months: z.number().int().min(6).max(600).default(36),
      category: Category.optional(),
    })
    .strict(),
  run: async (a, ctx) => {
    const r = await recommend.run(
      {
        purpose: 'growth',
        amount: a.amount * a.horizon_months,
        horizon_months: a.horizon_months,
        category: a.category,
        limit: 2,
      },
      ctx,
    );
    const picks = (r.cards ?? []).filter((c) => c.type === 'product');
    if (picks.length === 0) return { ...r, text: `定投每月${wan(a.amount)}：${r.text}` };
    return {
      ...r,
      text: `定投计划：每月投入${wan(a.amount)}，计划坚持${a.horizon_months}个月，合计约${wan(a.amount * a.horizon_months)}。定投可以摊薄买入成本，但不能保证盈利。适合您的定投标的：${picks.map((c) => `${c.name}（${c.risk_level}）`).join('、')}。`,
    };
  },
});

const scoreAssessment = defineTool({
  name: 'score_assessment',
  description: 'Scores the risk questionnaire from the answers collected.',
  args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  run: async (a, ctx) => {
    const answers: Record<string, string> = {};
    for (const q of DEFAULT_QUESTIONNAIRE.questions) answers[q.id] = String(a[q.id] ?? '');
    const r = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, answers);
    await ctx.data.saveAssessment(r, answers);
    const change =
      r.level === ctx.customer.level
        ? '与您原有等级一致。'
        : `与原有等级${ctx.customer.level}不同，需要您在APP中确认后生效。`;
    return {
      text: `测评完成：您的得分为${r.score}分，风险承受能力等级为${levelLabel(r.level)}，${change}`,
      set: { new_level: r.level, score: r.score },
    };
  },
});

const createTicket = defineTool({
  name: 'create_ticket',
  description: 'Records a complaint as a ticket.',
  args: z.object({ text: z.string().min(1).max(2000) }).strict(),
  run: async (a, ctx) => {
    const ref = await ctx.data.createTicket(a.text);
    return { text: `已为您登记投诉，工单号${ref}。`, set: { ticket: ref } };
  },
});

export const BUILTIN_TOOLS = [
  kbAnswer,
  riskLevel,
  recommend,
  allocation,
  productFacts,
  fundCompare,
  fundManager,
  checkup,
  statement,
  explainDrop,
  marketView,
  alertSetup,
  sipPlan,
  scoreAssessment,
  createTicket,
];

export const builtinTools = (): ToolRegistry => toolRegistry(BUILTIN_TOOLS);

export type { ToolContext, ProductType };
