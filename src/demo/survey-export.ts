import { createRng } from '../core/random.js';
import type { Rng } from '../core/random.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';
import { addDays } from './calendar.js';

/**
 * Survey responses (X-data) of the demo bank, written as a file that `caiban insight survey import` reads
 * (`caiban demo export --table surveys --out F.csv|.xlsx`). Deterministic: the same bank options give the same
 * file. A sample of the subscribers (SURVEY_PLANTED.sampleRate) answered once, during one subscription year
 * (60–300 days after its start, on or before the bank date), with an NPS driven by the planted effects below,
 * four CSAT items and a comment written from templates per topic and sentiment.
 *
 * NPS = round(clamp(base + Σ effects + N(0, noise²), 0, 10)), where the effects are those of SURVEY_PLANTED:
 * the latent engagement (the same trait that drives sessions and renewal: this is why NPS carries confounding
 * information the observables miss), coupon use, the portfolio return, the list price, an assigned RM, and one
 * experience per topic (an app fault, a fee complaint, a service failure, unclear product information, praise
 * of the RM), each of which also writes a sentence of the comment and moves its CSAT item.
 */
export const SURVEY_PLANTED = {
  sampleRate: 0.4,
  base: 6.0,
  engagement: 5.0,
  coupon: 0.8,
  /** Per unit of annual portfolio return (+10% → +0.5). */
  portfolioReturn: 5.0,
  /** Per 100 yuan of list price. */
  price: -0.3,
  rm: 0.4,
  noise: 1.0,
  /** Experience: probability, NPS effect. */
  appFault: { p: 0.22, nps: -1.5 },
  /** Probability 0.05 + 0.3 × price sensitivity. */
  feeComplaint: { p0: 0.05, pSensitivity: 0.3, nps: -1.2 },
  serviceFailure: { p: 0.1, nps: -2.0 },
  unclearInfo: { p: 0.15, nps: -0.8 },
  rmPraise: { p: 0.45, nps: 0.8 },
} as const;

const T = {
  app: {
    negative: ['App 经常卡顿，登录很慢', '手机银行总是闪退，操作太麻烦', '页面加载太慢，功能找不到'],
    positive: ['App 用起来很流畅', '手机银行操作方便，界面清晰'],
  },
  fees: {
    negative: ['投顾服务费太贵了', '费率偏高，感觉不划算', '管理费收得太高了'],
    positive: ['费用合理，用了优惠券很实惠'],
  },
  service: {
    negative: ['客服电话一直没人接，很失望', '投诉处理不及时，态度很差'],
    positive: ['客服态度热情，回复及时'],
  },
  product_info: {
    negative: ['产品说明看不懂，信息不透明', '风险提示写得太复杂'],
    positive: ['产品介绍很清楚，直播讲解也不错'],
  },
  rm: {
    positive: ['客户经理很专业，非常耐心', '理财经理服务周到，很贴心'],
  },
  returns: {
    negative: ['今年收益下降了，亏了不少', '净值跌了，没回本'],
    positive: ['收益稳健，很满意', '今年赚了，回报不错'],
  },
} as const;

const pick = <X>(rng: Rng, xs: readonly X[]): X => xs[rng.int(xs.length)]!;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const item = (rng: Rng, mean: number): number => Math.round(clamp(mean + 0.6 * rng.normal(), 1, 5));

export const SURVEY_COLUMNS = [
  'customer_id',
  'nps',
  'csat_service',
  'csat_app',
  'csat_fees',
  'csat_advice',
  'comment',
  'response_date',
] as const;

export type SurveyExport = { columns: string[]; rows: Array<Array<string | number>> };

/** The demo bank's survey file (one row a response, SURVEY_COLUMNS). */
export const exportGeneratedSurveys = (
  opts: { customers?: number; seed?: number; asOf?: string } = {},
): SurveyExport => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const ctx = buildBankContext(seed, asOf);
  const P = SURVEY_PLANTED;
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < customers; i++) {
    const rng = createRng((seed * 1_000_003 + i * 7919 + 15) >>> 0);
    if (rng.next() >= P.sampleRate) continue;
    const { customer: c, subscriptions } = generateBundle(ctx, i);
    const years = subscriptions.filter((s) => addDays(s.startDate, 60) <= asOf);
    if (years.length === 0) continue;
    const s = pick(rng, years);
    const span = Math.min(240, Math.max(0, dayGap(addDays(s.startDate, 60), asOf)));
    const date = addDays(s.startDate, 60 + rng.int(span + 1));
    const hasRm = c.rmId !== null;
    const app = rng.next() < P.appFault.p;
    const fee = rng.next() < P.feeComplaint.p0 + P.feeComplaint.pSensitivity * s.priceSensitivity;
    const service = rng.next() < P.serviceFailure.p;
    const info = rng.next() < P.unclearInfo.p;
    const praise = hasRm && rng.next() < P.rmPraise.p;
    const score =
      P.base +
      P.engagement * s.engagement +
      (s.couponUsed ? P.coupon : 0) +
      P.portfolioReturn * s.portfolioReturn +
      (P.price * s.priceFen) / 10_000 +
      (hasRm ? P.rm : 0) +
      (app ? P.appFault.nps : 0) +
      (fee ? P.feeComplaint.nps : 0) +
      (service ? P.serviceFailure.nps : 0) +
      (info ? P.unclearInfo.nps : 0) +
      (praise ? P.rmPraise.nps : 0) +
      P.noise * rng.normal();
    const nps = Math.round(clamp(score, 0, 10));
    const good = (nps - 5) / 5; // −1 … +1
    const csat = [
      item(rng, 3.4 + 0.8 * good + (service ? -1.5 : 0) + (praise ? 0.5 : 0)),
      item(rng, 3.6 + 0.4 * good + (app ? -1.8 : 0)),
      item(rng, 3.3 + 0.4 * good + (fee ? -1.6 : 0) + (s.couponUsed ? 0.4 : 0)),
      item(rng, 3.5 + 0.6 * good + (info ? -1.2 : 0) + (praise ? 0.6 : 0)),
    ];
    // Unanswered items: about one in twenty.
    const cells = csat.map((v) => (rng.next() < 0.05 ? '' : v));
    const parts: string[] = [];
    if (app) parts.push(pick(rng, T.app.negative));
    if (fee) parts.push(pick(rng, T.fees.negative));
    if (service) parts.push(pick(rng, T.service.negative));
    if (info) parts.push(pick(rng, T.product_info.negative));
    if (praise) parts.push(pick(rng, T.rm.positive));
    if (rng.next() < 0.35)
      parts.push(pick(rng, s.portfolioReturn < 0 ? T.returns.negative : T.returns.positive));
    if (parts.length === 0 && nps >= 8 && rng.next() < 0.6)
      parts.push(
        pick(rng, [...T.app.positive, ...T.service.positive, ...T.fees.positive, ...T.product_info.positive]),
      );
    rows.push([c.id, nps, ...cells, parts.join('；'), date]);
  }
  return { columns: [...SURVEY_COLUMNS], rows };
};

const dayGap = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
