import type {
  AlertItem,
  AlertsResponse,
  AttributionResponse,
  CheckupResponse,
  CommentaryResponse,
  ManagerRecommendationsResponse,
  RecommendationsQuery,
  RecommendationsResponse,
  StatementResponse,
  TargetsResponse,
} from '../../../contracts/advisory.js';
import { fenToYuan } from '../../../contracts/money.js';
import { evaluateAlerts } from '../../../core/advisory/alerts/evaluate.js';
import { suggestTargets } from '../../../core/advisory/alerts/signals.js';
import { DEFAULT_ALERT_POLICY } from '../../../core/advisory/alerts/types.js';
import type { SuitabilityState } from '../../../core/advisory/assessment.js';
import { aboveLevel, assessmentStatus } from '../../../core/advisory/assessment.js';
import { attributeHolding } from '../../../core/advisory/attribution/attribution.js';
import { marketCommentary, type CommentaryHolding } from '../../../core/advisory/commentary/commentary.js';
import { addDays, lastIndexOnOrBefore } from '../../../core/advisory/days.js';
import type { HeldUnits } from '../../../core/advisory/holding.js';
import { scoreManager } from '../../../core/advisory/recommend/manager.js';
import { recommendProducts } from '../../../core/advisory/recommend/rank.js';
import { buildStatement } from '../../../core/advisory/statement/statement.js';
import type { BenchmarkLeg, StatementTransaction } from '../../../core/advisory/statement/types.js';
import type { Bilingual } from '../../../core/advisory/text.js';
import { AppError, badInput } from '../../../core/errors.js';
import { completeText } from '../../../core/guard/complete.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import type { GuardProduct, TextProductType } from '../../../core/guard/types.js';
import type { AssetClass } from '../../../core/portfolio/allocation/types.js';
import { runCheckup } from '../../../core/portfolio/checkup/checkup.js';
import type { ProductType } from '../../../core/product-types.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import type { CustomerFactsRow, HoldingFactsRow, TargetRow, TransactionFactsRow } from './repo.js';
import type { AdvisoryShelf } from './shelf.js';

/** One customer's stored facts, as the engines take them. */
export type CustomerBundle = {
  readonly facts: CustomerFactsRow;
  readonly holdings: readonly HoldingFactsRow[];
  readonly transactions: readonly TransactionFactsRow[];
  readonly targets: readonly TargetRow[];
};

export const stateOf = (f: CustomerFactsRow, today: string): SuitabilityState => ({
  level: f.riskLevel,
  assessedAt: f.riskAssessedAt,
  channel: 'bank',
  lowestCategory: f.lowestCategory,
  professional: f.professional,
  age: ageOn(f.birthDate, today),
});

export const heldUnits = (b: CustomerBundle, shelf: AdvisoryShelf): HeldUnits[] =>
  b.holdings
    .filter((h) => shelf.ctx.products.has(h.productCode))
    .map((h) => ({ productCode: h.productCode, units: h.units, costFen: h.costFen, openedAt: h.openedAt }));

const investedFen = (held: readonly HeldUnits[], shelf: AdvisoryShelf): number => {
  let s = 0;
  for (const h of held) {
    const f = shelf.ctx.products.get(h.productCode)!;
    s += f.lastUnit === null ? h.costFen : Math.round(Number(h.units) * f.lastUnit * 100);
  }
  return s;
};

// ------------------------------------------------------------------------------------- the outbound guard

type Outbound = {
  readonly text: Bilingual;
  readonly products: readonly GuardProduct[];
};

/**
 * Completes the disclosures a set of texts needs once (for every product type they name) and passes each
 * text + that disclosure through the one outbound guard. A refusal never leaves the server: it is an
 * internal error naming the findings (the catalogue texts are linted by the core's tests).
 */
const guardAll = (
  texts: readonly Outbound[],
  types: readonly TextProductType[],
  customer: SuitabilityState,
  now: string,
  policy: SuitabilityPolicy | undefined,
  what: string,
): Bilingual => {
  const joined = {
    zh: texts.map((t) => t.text.zh).join(''),
    en: texts.map((t) => t.text.en).join(' '),
  };
  const completion = completeText(joined, { productTypes: types });
  const disclosure = {
    zh: completion.added.map((a) => `${a.zh}。`).join(''),
    en: completion.added.map((a) => `${a.en}.`).join(' '),
  };
  const checks = texts.length === 0 ? [{ text: { zh: '', en: '' }, products: [] }] : texts;
  for (const t of checks) {
    const r = guardOutbound({
      content: {
        texts: [{ text: `${t.text.zh}${disclosure.zh}`, productTypes: types }],
        products: t.products,
      },
      customer,
      now,
      ...(policy === undefined ? {} : { suitabilityPolicy: policy }),
    });
    if (!r.allowed)
      throw new AppError('INTERNAL', `the outbound guard refused the ${what}`, {
        findings: r.findings.filter((f) => f.blocking),
      });
  }
  return disclosure;
};

const holdingRef = (shelf: AdvisoryShelf, code: string): GuardProduct[] => {
  const p = shelf.byCode.get(code);
  return p === undefined ? [] : [{ code, risk: p.risk, type: p.type, role: 'holding' }];
};

const typesOf = (shelf: AdvisoryShelf, codes: Iterable<string>): ProductType[] => {
  const s = new Set<ProductType>();
  for (const c of codes) {
    const p = shelf.byCode.get(c);
    if (p !== undefined) s.add(p.type);
  }
  return [...s].sort();
};

// ------------------------------------------------------------------------------------- check-up

/** `*_fen` figures become yuan strings under the name without `_fen`. */
const numbersOut = (n: Readonly<Record<string, number | string | null>>) =>
  Object.fromEntries(
    Object.entries(n).map(([k, v]) =>
      k.endsWith('_fen') && typeof v === 'number' ? [k.slice(0, -4), fenToYuan(v)] : [k, v],
    ),
  );

export const checkupOf = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  today: string,
  policy?: SuitabilityPolicy,
): CheckupResponse & { disclosure: string; disclosure_en: string } => {
  const state = stateOf(b.facts, today);
  const held = heldUnits(b, shelf);
  const invested = investedFen(held, shelf);
  const c = runCheckup({
    asOf: today,
    customer: {
      ...state,
      annualIncomeFen: b.facts.annualIncomeFen,
      cashFen: Math.max(0, b.facts.aumFen - invested),
    },
    holdings: held,
    shelf: shelf.ctx,
    ...(policy === undefined ? {} : { suitabilityPolicy: policy }),
  });
  const outbound = c.findings.map((f) => ({
    text: f.message,
    products: f.products.flatMap((p) => holdingRef(shelf, p)),
  }));
  const disclosure = guardAll(
    outbound,
    typesOf(
      shelf,
      c.findings.flatMap((f) => f.products),
    ),
    state,
    today,
    policy,
    'check-up',
  );
  return {
    customer_id: b.facts.id,
    as_of: c.as_of,
    policy_version: c.policy_version,
    score: c.score,
    dimensions: c.dimensions.map((d) => ({
      key: d.key,
      score: d.score,
      weight: d.weight,
      label: d.label.zh,
      label_en: d.label.en,
    })),
    findings: c.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      products: [...f.products],
      numbers: numbersOut(f.numbers),
      message: f.message.zh,
      message_en: f.message.en,
      action: {
        kind: f.action.kind,
        label: f.action.label.zh,
        label_en: f.action.label.en,
        proposal:
          f.action.proposal === null
            ? null
            : {
                purpose: f.action.proposal.purpose,
                amount: f.action.proposal.amount_fen / 100,
                horizonMonths: f.action.proposal.horizon_months,
                riskAppetite: f.action.proposal.risk_appetite,
                liquidityNeed: f.action.proposal.liquidity_need,
              },
      },
    })),
    totals: {
      invested: fenToYuan(c.totals.invested_fen),
      cash: fenToYuan(c.totals.cash_fen),
      reserve: fenToYuan(c.totals.reserve_fen),
      class_weights: { ...c.totals.class_weights },
      target_weights: { ...c.totals.target_weights },
    },
    disclosure: disclosure.zh,
    disclosure_en: disclosure.en,
  };
};

// ------------------------------------------------------------------------------------- statement

/** The index standing for each asset class in the statement's benchmark (in the demo's index set). */
const CLASS_INDEX: Readonly<Record<AssetClass, readonly (readonly [string, number])[]>> = {
  cash: [['CNYMM', 1]],
  fixed_income: [['CBA', 1]],
  fixed_income_plus: [
    ['CBA', 0.8],
    ['CSI300', 0.2],
  ],
  equity: [['CSI300', 1]],
  overseas: [['GLOBAL', 1]],
  alternatives: [['CBA', 1]],
};

const IRR_REASON: Readonly<Record<string, string>> = {
  no_flows: 'no money was invested in the period: there are no cash flows to solve for',
  no_sign_change: 'the cash flows do not change sign (money only went in or only came out)',
  no_root: 'the money-weighted return equation has no solution in the searched range',
};

const txOf = (t: TransactionFactsRow): StatementTransaction => ({
  productCode: t.productCode,
  type: t.type,
  tradeDate: t.tradeDate,
  amountFen: t.amountFen,
  units: t.units,
  nav: t.nav,
  feeFen: t.feeFen,
});

/** Value (fen, approximate: for weights only) of the units held at the close of `day`, by product. */
const valuesOn = (
  shelf: AdvisoryShelf,
  txs: readonly TransactionFactsRow[],
  day: string,
): { product_code: string; value: number }[] => {
  const units = new Map<string, number>();
  for (const t of txs)
    if (t.tradeDate <= day) units.set(t.productCode, (units.get(t.productCode) ?? 0) + Number(t.units));
  return [...units.entries()].flatMap(([code, u]) => {
    const p = shelf.byCode.get(code);
    if (p === undefined || u <= 0) return [];
    const k = lastIndexOnOrBefore(p.nav.dates, day);
    return k < 0 ? [] : [{ product_code: code, value: u * p.nav.unit[k]! }];
  });
};

/**
 * Fixed-weight benchmark of the portfolio's class mix at the opening of the period (else at its close when
 * nothing was held at the opening), each class standing for its index (CLASS_INDEX).
 */
const benchmarkLegs = (
  shelf: AdvisoryShelf,
  txs: readonly TransactionFactsRow[],
  from: string,
  to: string,
): BenchmarkLeg[] => {
  let held = valuesOn(shelf, txs, addDays(from, -1));
  if (held.length === 0) held = valuesOn(shelf, txs, to);
  const w = new Map<string, number>();
  let total = 0;
  for (const p of held) {
    const cls = shelf.ctx.products.get(p.product_code)?.assetClass ?? null;
    if (cls === null) continue;
    for (const [code, share] of CLASS_INDEX[cls]) {
      if (!shelf.indices.has(code) || shelf.indices.get(code)!.dates.length === 0) continue;
      w.set(code, (w.get(code) ?? 0) + p.value * share);
      total += p.value * share;
    }
  }
  if (total <= 0) return [];
  return [...w.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, v]) => {
      const i = shelf.indices.get(code)!;
      return { code, weight: v / total, dates: i.dates, close: i.close };
    });
};

export const statementOf = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  from: string,
  to: string,
  today: string,
): StatementResponse => {
  if (to > today) throw badInput('to', `${to} is in the future (today is ${today}); give a date up to today`);
  if (from > to) throw badInput('from', `from ${from} is after to ${to}; give from ≤ to`);
  const rows = b.transactions.filter((t) => shelf.byCode.has(t.productCode));
  const legs = benchmarkLegs(shelf, rows, from, to);
  const s = buildStatement({
    from,
    to,
    transactions: rows.map(txOf),
    products: shelf.statementProducts,
    ...(legs.length === 0 ? {} : { benchmark: legs }),
  });
  return {
    customer_id: b.facts.id,
    from: s.from,
    to: s.to,
    begin_date: s.begin_date,
    begin_value: fenToYuan(s.begin_value_fen),
    end_value: fenToYuan(s.end_value_fen),
    net_inflow: fenToYuan(s.net_inflow_fen),
    dividends: fenToYuan(s.dividends_fen),
    fees: fenToYuan(s.fees_fen),
    pnl: fenToYuan(s.pnl_fen),
    twr: s.twr,
    irr: s.irr,
    irr_status: s.irr_status,
    irr_reason: s.irr === null ? (IRR_REASON[s.irr_status] ?? s.irr_status) : null,
    benchmark_return: s.benchmark_return,
    benchmark: legs.map((l) => ({ code: l.code, weight: l.weight })),
    flows: s.flows.map((f) => ({ date: f.date, amount: fenToYuan(f.amount_fen) })),
    by_product: s.by_product.map((p) => ({
      product_code: p.product_code,
      name: p.name,
      category: p.category,
      begin_value: fenToYuan(p.begin_value_fen),
      end_value: fenToYuan(p.end_value_fen),
      pnl: fenToYuan(p.pnl_fen),
      twr: p.twr,
    })),
    by_category: s.by_category.map((c) => ({
      category: c.category,
      pnl: fenToYuan(c.pnl_fen),
      share: c.share,
    })),
    monthly: s.monthly.map((m) => ({
      month: m.month,
      from: m.from,
      to: m.to,
      begin_value: fenToYuan(m.begin_value_fen),
      end_value: fenToYuan(m.end_value_fen),
      net_inflow: fenToYuan(m.net_inflow_fen),
      pnl: fenToYuan(m.pnl_fen),
      twr: m.twr,
      benchmark_return: m.benchmark_return,
    })),
  };
};

// ------------------------------------------------------------------------------------- recommendations

export const recommendationsOf = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  q: RecommendationsQuery,
  today: string,
  policy?: SuitabilityPolicy,
): RecommendationsResponse & { disclosure_en: string } => {
  const state = stateOf(b.facts, today);
  const r = recommendProducts({
    asOf: today,
    customer: state,
    holdings: heldUnits(b, shelf),
    shelf: shelf.ctx,
    managers: shelf.managers,
    request: {
      purpose: q.purpose,
      amountFen: Math.round(q.amount * 100),
      horizonMonths: q.horizonMonths,
      limit: q.limit,
      ...(q.liquidityNeed === undefined ? {} : { liquidityNeed: q.liquidityNeed }),
    },
    ...(policy === undefined ? {} : { suitabilityPolicy: policy }),
  });
  if (!r.ok)
    throw new AppError('ASSESSMENT_EXPIRED', r.refusal.message.en, {
      reason: r.refusal.reason,
      validUntil: r.refusal.valid_until,
      message: r.refusal.message.zh,
    });
  const outbound = r.items.map((i) => ({
    text: { zh: i.reasons.map((x) => x.zh).join(''), en: i.reasons.map((x) => x.en).join(' ') },
    products: [
      {
        code: i.product_code,
        risk: i.risk_level,
        type: i.type,
        role: 'offer' as const,
        ...termOf(shelf, i.product_code),
      },
    ],
  }));
  const disclosure = guardAll(
    outbound,
    typesOf(
      shelf,
      r.items.map((i) => i.product_code),
    ),
    state,
    today,
    policy,
    'recommendations',
  );
  return {
    customer_id: b.facts.id,
    as_of: today,
    customer_level: b.facts.riskLevel,
    effective_level: r.effective_level,
    policy_version: r.policy_version,
    items: r.items.map((i) => ({
      product_code: i.product_code,
      name: i.name,
      type: i.type,
      risk_level: i.risk_level,
      asset_class: i.asset_class,
      score: i.score,
      held: i.held,
      enhanced_duty: i.enhanced_duty,
      reasons: i.reasons.map((x) => x.zh),
      reasons_en: i.reasons.map((x) => x.en),
    })),
    disclosure: disclosure.zh,
    disclosure_en: disclosure.en,
  };
};

const termOf = (shelf: AdvisoryShelf, code: string): { termMonths?: number } => {
  const d = shelf.byCode.get(code)?.termDays ?? null;
  return d === null ? {} : { termMonths: Math.ceil(d / 30) };
};

/** Fund managers of the products this customer may be recommended (by level), best score first. */
export const managersFor = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  today: string,
  limit: number,
  policy?: SuitabilityPolicy,
): ManagerRecommendationsResponse => {
  const state = stateOf(b.facts, today);
  const s = assessmentStatus(state, today, policy);
  if (s.status === 'expired' || s.status === 'missing')
    throw new AppError(
      'ASSESSMENT_EXPIRED',
      `the customer's risk assessment is ${s.status}; reassess first`,
      {
        reason: s.status === 'missing' ? 'ASSESSMENT_MISSING' : 'ASSESSMENT_EXPIRED',
        validUntil: s.valid_until,
      },
    );
  const codes = new Map<string, string[]>();
  for (const p of shelf.products) {
    if (p.status !== 'open' || p.manager === '' || aboveLevel(state, p.risk, policy)) continue;
    if (
      !['equity', 'hybrid', 'index', 'sector', 'bond_plus', 'pure_bond', 'short_bond', 'qdii'].includes(
        p.type,
      )
    )
      continue;
    codes.set(p.manager, [...(codes.get(p.manager) ?? []), p.code]);
  }
  const items = [...codes.entries()]
    .map(([name, list]) => {
      const m = shelf.managers.get(name)!;
      const sc = scoreManager(m);
      return {
        manager: name,
        score: sc.score,
        tenure_years: Math.round(m.tenureYears * 10) / 10,
        funds_managed: m.fundsManaged,
        excess_return: m.excessReturn ?? null,
        product_codes: list,
        notes: sc.notes.map((n) => n.zh),
        notes_en: sc.notes.map((n) => n.en),
      };
    })
    .sort((a, b2) => b2.score - a.score || a.manager.localeCompare(b2.manager))
    .slice(0, limit);
  guardAll(
    items
      .filter((i) => i.notes.length > 0)
      .map((i) => ({ text: { zh: i.notes.join(''), en: '' }, products: [] })),
    ['fund'],
    state,
    today,
    policy,
    'manager list',
  );
  return { customer_id: b.facts.id, as_of: today, items };
};

// ------------------------------------------------------------------------------------- attribution

export const attributionOf = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  code: string,
  days: number,
  today: string,
  policy?: SuitabilityPolicy,
  asOf: string = today,
): AttributionResponse => {
  if (asOf > today) throw badInput('asOf', `${asOf} is in the future (today is ${today})`);
  if (!shelf.byCode.has(code))
    throw new AppError('NOT_FOUND', `product ${code} not found`, { field: 'code' });
  if (!b.holdings.some((h) => h.productCode === code))
    throw new AppError('NOT_FOUND', `customer ${b.facts.id} does not hold ${code}`, { field: 'code', code });
  const p = shelf.byCode.get(code)!;
  const idx = p.benchmarkIndex === null ? undefined : shelf.indices.get(p.benchmarkIndex);
  const a = attributeHolding({
    asOf,
    productCode: code,
    days,
    shelf: shelf.ctx,
    benchmark:
      idx === undefined || idx.dates.length === 0
        ? null
        : { code: idx.code, name: { zh: idx.name, en: idx.code }, dates: idx.dates, close: idx.close },
  });
  const state = stateOf(b.facts, today);
  guardAll(
    [{ text: a.explanation, products: holdingRef(shelf, code) }],
    [p.type],
    state,
    today,
    policy,
    'attribution',
  );
  return {
    product_code: a.product_code,
    as_of: asOf,
    window: a.window,
    total: a.total,
    market: a.market,
    style: a.style,
    specific: a.specific,
    beta: a.beta,
    style_beta: a.style_beta,
    benchmark: a.benchmark,
    category: a.category,
    peer_percentile: a.peer_percentile,
    explanation: a.explanation.zh,
    explanation_en: a.explanation.en,
  };
};

// ------------------------------------------------------------------------------------- alerts and targets

const targetValue = (v: string | null): number | undefined => (v === null ? undefined : Number(v));

/** Cash received from each holding since it was opened (cash dividends, partial redemptions), fen. */
const cashReceived = (b: CustomerBundle): Map<string, number> => {
  const opened = new Map(b.holdings.map((h) => [h.productCode, h.openedAt]));
  const out = new Map<string, number>();
  for (const t of b.transactions) {
    const o = opened.get(t.productCode);
    if (o === undefined || t.tradeDate < o || t.type === 'purchase') continue;
    if (t.type === 'dividend' && Number(t.units) > 0) continue;
    out.set(t.productCode, (out.get(t.productCode) ?? 0) + t.amountFen);
  }
  return out;
};

export const alertsOf = (
  b: CustomerBundle,
  shelf: AdvisoryShelf,
  asOf: string,
  policy?: SuitabilityPolicy,
): AlertsResponse & { disclosure: string; disclosure_en: string } => {
  const state = stateOf(b.facts, asOf);
  const targets = new Map(b.targets.map((t) => [t.productCode, t]));
  const cash = cashReceived(b);
  const events = evaluateAlerts({
    asOf,
    customerId: b.facts.id,
    customer: state,
    shelf: shelf.ctx,
    holdings: heldUnits(b, shelf).map((h) => {
      const t = targets.get(h.productCode);
      const tp = targetValue(t?.takeProfit ?? null);
      const sl = targetValue(t?.stopLoss ?? null);
      return {
        ...h,
        cashReceivedFen: cash.get(h.productCode) ?? 0,
        targets: {
          ...(tp === undefined ? {} : { takeProfit: tp }),
          ...(sl === undefined ? {} : { stopLoss: sl }),
        },
      };
    }),
    ...(policy === undefined ? {} : { suitabilityPolicy: policy }),
  });
  const disclosure = guardAll(
    events.map((e) => ({
      text: e.payload.message,
      products: e.product_code === null ? [] : holdingRef(shelf, e.product_code),
    })),
    typesOf(
      shelf,
      events.flatMap((e) => (e.product_code === null ? [] : [e.product_code])),
    ),
    state,
    asOf,
    policy,
    'alerts',
  );
  const items: AlertItem[] = events.map((e) => {
    const { message, ...rest } = e.payload;
    return {
      id: e.id,
      type: e.type,
      product_code: e.product_code,
      occurred_at: e.occurred_at,
      message: message.zh,
      message_en: message.en,
      payload: rest,
    };
  });
  return {
    customer_id: b.facts.id,
    as_of: asOf,
    items,
    disclosure: disclosure.zh,
    disclosure_en: disclosure.en,
  };
};

export const targetsOfHolding = (b: CustomerBundle, shelf: AdvisoryShelf, code: string): TargetsResponse => {
  const f = shelf.ctx.products.get(code);
  const t = b.targets.find((x) => x.productCode === code);
  const s = f === undefined ? null : suggestTargets(f, DEFAULT_ALERT_POLICY.suggested);
  return {
    customer_id: b.facts.id,
    product_code: code,
    take_profit: t?.takeProfit == null ? null : Number(t.takeProfit),
    stop_loss: t?.stopLoss == null ? null : Number(t.stopLoss),
    suggested: { take_profit: s?.takeProfit ?? null, stop_loss: s?.stopLoss ?? null },
    updated_at: t === undefined ? null : t.updatedAt.toISOString(),
  };
};

// ------------------------------------------------------------------------------------- commentary

/** The latest index trading date on or before `date` (over the equity indices). */
const tradingDate = (shelf: AdvisoryShelf, date: string): string | null => {
  let best: string | null = null;
  for (const i of shelf.indices.values()) {
    const k = lastIndexOnOrBefore(i.dates, date);
    if (k >= 0 && (best === null || i.dates[k]! > best)) best = i.dates[k]!;
  }
  return best;
};

const dayChange = (dates: readonly string[], v: ArrayLike<number>, date: string): number | null => {
  const k = dates.indexOf(date);
  return k <= 0 ? null : v[k]! / v[k - 1]! - 1;
};

/**
 * Market commentary of `date`'s session. The stored index data is daily closes: the close session uses the
 * day's close-to-close moves and each holding's own published NAV change; the midday session (no intraday
 * feed in the data) uses the same index moves labelled as the session's and estimates every holding from its
 * benchmark index (NAVs are published after the close).
 */
export const commentaryOf = (
  shelf: AdvisoryShelf,
  date: string,
  kind: 'midday' | 'close',
  today: string,
  b: CustomerBundle | null,
  policy?: SuitabilityPolicy,
): CommentaryResponse => {
  if (date > today) throw badInput('date', `${date} is in the future (today is ${today})`);
  const day = tradingDate(shelf, date);
  if (day !== date)
    throw new AppError(
      'NOT_FOUND',
      `no market data for ${date}${day === null ? '' : `; the latest trading day before is ${day}`}`,
      {
        field: 'date',
        latest: day,
      },
    );
  const indices = [...shelf.indices.values()].flatMap((i) => {
    const c = dayChange(i.dates, i.close, date);
    return c === null || i.kind === 'money'
      ? []
      : [{ code: i.code, name: { zh: i.name, en: i.code }, change: c }];
  });
  if (indices.length === 0) throw new AppError('NOT_FOUND', `no index move on ${date}`, { field: 'date' });
  const holdings: CommentaryHolding[] =
    b === null
      ? []
      : b.holdings.flatMap((h) => {
          const p = shelf.byCode.get(h.productCode);
          if (p === undefined || Number(h.units) <= 0) return [];
          const own = kind === 'close' ? dayChange(p.nav.dates, p.nav.adjusted, date) : null;
          return [
            { code: p.code, type: p.type, risk: p.risk, change: own, benchmarkIndex: p.benchmarkIndex },
          ];
        });
  const c = marketCommentary({ date, session: kind, indices, holdings });
  if (b !== null) {
    const state = stateOf(b.facts, today);
    guardAll(
      [{ text: c.text, products: holdings.flatMap((h) => holdingRef(shelf, h.code)) }],
      c.product_types,
      state,
      today,
      policy,
      'commentary',
    );
  } else {
    const r = guardOutbound({
      content: { texts: [{ text: c.text.zh, productTypes: c.product_types }] },
      customer: { level: 'C1', assessedAt: null, channel: 'bank' },
      now: today,
    });
    if (!r.allowed)
      throw new AppError('INTERNAL', 'the outbound guard refused the commentary', {
        findings: r.findings.filter((f) => f.blocking),
      });
  }
  return {
    date: c.date,
    kind: c.session,
    text: c.text.zh,
    text_en: c.text.en,
    indices: indices.map((i) => ({ code: i.code, name: i.name.zh, change: i.change })),
    holdings_effect: c.holdings_effect.map((e) => ({
      group: e.group,
      codes: [...e.codes],
      average_change: e.average_change,
      estimated: e.estimated,
    })),
  };
};

/** The latest trading date of the index data on or before `today` (the commentary's default date). */
export const latestTradingDate = (shelf: AdvisoryShelf, today: string): string => {
  const d = tradingDate(shelf, today);
  if (d === null) throw new AppError('NOT_FOUND', 'no index data is stored', { field: 'date' });
  return d;
};

export { addDays };
