import { badInput } from '../../errors.js';
import { beta } from '../../finance/benchmark-stats.js';
import { completeText } from '../../guard/complete.js';
import { CLASS_EN, CLASS_ZH } from '../../portfolio/allocation/labels.js';
import { addDays, lastIndexOnOrBefore } from '../days.js';
import { factsOf, peerPercentile, type ProductFacts, type ShelfContext } from '../shelf-context.js';
import { typeLabel } from '../shelf.js';
import { pct, render, type Bilingual } from '../text.js';
import { ATTRIBUTION_TEXT as T } from './messages.js';
import { alignedReturns, categoryReturns, compound } from './series.js';

export type IndexLevels = {
  readonly code: string;
  readonly name: Bilingual;
  readonly dates: readonly string[];
  readonly close: ArrayLike<number>;
};

export type AttributionInput = {
  readonly asOf: string;
  readonly productCode: string;
  /** Trading days (NAV observations) to explain, 1–250. */
  readonly days: number;
  readonly shelf: ShelfContext;
  /** The fund's benchmark index (products.benchmark_index → index_series); null when it has none. */
  readonly benchmark: IndexLevels | null;
  /** Trading days before the window on which the betas are estimated (default 120). */
  readonly estimationDays?: number;
  /** The explanation will be shown as AI-generated (adds the label). */
  readonly aiGenerated?: boolean;
};

export type Attribution = {
  readonly product_code: string;
  readonly window: { readonly start: string; readonly end: string; readonly days: number };
  /** Fund return over the window and its parts; total = market + style + specific exactly. */
  readonly total: number;
  readonly market: number;
  readonly style: number;
  readonly specific: number;
  readonly beta: number;
  readonly style_beta: number;
  readonly estimation_observations: number;
  readonly benchmark: { readonly code: string; readonly return: number } | null;
  readonly category: {
    readonly type: string;
    readonly average_return: number | null;
    readonly peers: number;
  };
  /** Mid-rank percentile 0–100 of the fund's window return among its type (higher = better). */
  readonly peer_percentile: number | null;
  readonly explanation: Bilingual;
};

const MIN_ESTIMATION = 20;

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/** The fund's return over the window against every peer's over the same dates. */
const peerRank = (shelf: ShelfContext, f: ProductFacts, start: string, end: string, total: number) => {
  const codes = shelf.categories.get(f.product.type)?.codes ?? [];
  const rets = codes.flatMap((c) => {
    const p = shelf.products.get(c)!.product.nav;
    const i0 = lastIndexOnOrBefore(p.dates, start);
    const i1 = lastIndexOnOrBefore(p.dates, end);
    return i0 < 0 || i1 <= i0 ? [] : [p.adjusted[i1]! / p.adjusted[i0]! - 1];
  });
  if (rets.length < shelf.options.minPeers) return { percentile: null, n: rets.length };
  return { percentile: peerPercentile(total, rets), n: rets.length };
};

/**
 * Betas on the estimation window [from, to): the fund's market beta β = cov(r, m)/var(m), the category's own
 * market beta b_c, and the fund's beta on the market-neutral category factor s = c − b_c·m (orthogonal to m in
 * that window, so the two slopes are those of the joint regression). Zero when fewer than 20 returns.
 */
const estimateBetas = (
  f: ProductFacts,
  peers: readonly ProductFacts[],
  b: IndexLevels | null,
  from: number,
  to: number,
) => {
  const { dates, adjusted } = f.product.nav;
  const fund = alignedReturns(dates, from, to, dates, adjusted);
  const enough = fund.length >= MIN_ESTIMATION;
  const m = b === null ? new Float64Array(to - from) : alignedReturns(dates, from, to, b.dates, b.close);
  const c = peers.length > 0 ? categoryReturns(dates, from, to, peers) : new Float64Array(to - from);
  const bM = enough && b !== null ? finite(beta(fund, m)) : 0;
  const bC = enough && b !== null ? finite(beta(c, m)) : 0;
  const s = c.map((x, i) => x - bC * m[i]!);
  const bS = enough && peers.length > 0 ? finite(beta(fund, s)) : 0;
  return { bM, bC, bS, observations: fund.length };
};

/**
 * Why a holding moved ("为什么我的基金在跌"): over the last `days` NAV observations the fund's return is split
 * into market = β·M (β of the fund's daily returns on its benchmark index, estimated on the `estimationDays`
 * before the window; M the index's compounded return), style = β_s·(C − b_c·M) (C the equal-weight category
 * average, b_c its own market beta, β_s the fund's loading on that market-neutral category factor — the
 * factors are orthogonal in the estimation window), and specific = total − market − style, the remainder, so
 * total = market + style + specific holds exactly by construction. Adds the peer percentile and a calm,
 * factual bilingual explanation completed with its disclosures (it passes the compliance linter).
 */
export const attributeHolding = (input: AttributionInput): Attribution => {
  addDays(input.asOf, 0, 'asOf');
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 250)
    throw badInput('days', 'expected a whole number of trading days from 1 to 250');
  const f = factsOf(input.shelf, input.productCode, 'productCode');
  const { dates, adjusted } = f.product.nav;
  const end = lastIndexOnOrBefore(dates, input.asOf);
  const start = end - input.days;
  if (start < 0)
    throw badInput('days', `${input.productCode} has ${Math.max(0, end)} daily returns up to ${input.asOf}`);
  const est0 = Math.max(0, start - (input.estimationDays ?? 120));
  const total = adjusted[end]! / adjusted[start]! - 1;
  const peers = (input.shelf.categories.get(f.product.type)?.codes ?? [])
    .filter((c) => c !== f.product.code)
    .map((c) => input.shelf.products.get(c)!);
  const b = input.benchmark;
  const { bM, bC, bS, observations } = estimateBetas(f, peers, b, est0, start);
  const M = b === null ? 0 : compound(alignedReturns(dates, start, end, b.dates, b.close));
  const C = peers.length > 0 ? compound(categoryReturns(dates, start, end, peers)) : null;
  const market = bM * M;
  const style = C === null ? 0 : bS * (C - bC * M);
  const rank = peerRank(input.shelf, f, dates[start]!, dates[end]!, total);
  const result = {
    product_code: f.product.code,
    window: { start: dates[start]!, end: dates[end]!, days: input.days },
    total,
    market,
    style,
    specific: total - market - style,
    beta: bM,
    style_beta: bS,
    estimation_observations: observations,
    benchmark: b === null ? null : { code: b.code, return: M },
    category: { type: f.product.type, average_return: C, peers: peers.length },
    peer_percentile: rank.percentile,
  };
  return { ...result, explanation: explain(f, result, input, rank.n) };
};

type Figures = Omit<Attribution, 'explanation'>;

const dir = (x: number) => (x < 0 ? { zh: '下跌', en: 'fell' } : { zh: '上升', en: 'rose' });

/** The explanation from templates, completed with the disclosures its product type needs. */
const explain = (f: ProductFacts, a: Figures, input: AttributionInput, peers: number): Bilingual => {
  const parts: Bilingual[] = [];
  const d = dir(a.total);
  parts.push(
    render(
      T.head,
      {
        name: f.product.name,
        days: a.window.days,
        start: a.window.start,
        end: a.window.end,
        total: pct(Math.abs(a.total), 2),
        dir_en: d.en,
      },
      { dir: d.zh },
    ),
  );
  if (a.benchmark !== null && input.benchmark !== null) {
    const m = dir(a.benchmark.return);
    parts.push(
      render(
        T.market,
        {
          idx_ret: pct(Math.abs(a.benchmark.return), 2),
          est: a.estimation_observations,
          beta: a.beta.toFixed(2),
          market: pct(a.market, 2, true),
          idx_dir_en: m.en,
          index: input.benchmark.name.en,
        },
        { idx_dir: m.zh, index: input.benchmark.name.zh },
      ),
    );
  } else parts.push(T.no_market);
  const label = typeLabel(f.product.type);
  if (a.category.average_return !== null) {
    const c = dir(a.category.average_return);
    parts.push(
      render(
        T.style,
        {
          cat_ret: pct(a.category.average_return, 2, true),
          style: pct(a.style, 2, true),
          category: label.en,
        },
        { cat_dir: c.zh, cat_ret: pct(Math.abs(a.category.average_return), 2), category: label.zh },
      ),
    );
  } else parts.push(T.no_style);
  parts.push(render(T.specific, { specific: pct(a.specific, 2, true) }));
  if (a.peer_percentile !== null)
    parts.push(render(T.peer, { n: peers, pct: pct(a.peer_percentile / 100, 0) }));
  const cls = f.assetClass;
  parts.push(
    render(
      T.consider,
      { class: cls === null ? label.en : CLASS_EN[cls] },
      { class: cls === null ? label.zh : CLASS_ZH[cls] },
    ),
  );
  const raw = { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
  return completeText(raw, { productTypes: [f.product.type], aiGenerated: input.aiGenerated === true }).text;
};
