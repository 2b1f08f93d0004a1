/**
 * A deterministic advisor world for the dialogue tests and the CLI's offline demo: a shelf of every type with
 * 6-digit codes and Chinese names (on the advisory fixture market), customers at each level, holdings and
 * transactions, an index — and an AdvisorData over them that calls the same pure engines the server uses.
 */
import type { HoldingTargets } from '../advisory/alerts/types.js';
import type { IndexLevels } from '../advisory/attribution/attribution.js';
import type { HeldUnits } from '../advisory/holding.js';
import type { AdvisoryProduct } from '../advisory/product.js';
import { assetClassOf } from '../advisory/shelf.js';
import { makeIndex, makeMarket, makeProduct, type Market } from '../advisory/shelf.fixture.js';
import type { StatementTransaction } from '../advisory/statement/types.js';
import { proposeAllocation } from '../portfolio/allocation/proposal.js';
import type { Product } from '../portfolio/allocation/types.js';
import type { QuestionnaireResult } from '../suitability/questionnaire.js';
import type { AdvisorData, ProposalArgs, ProposalOutcome } from './tools.js';
import type { DialogueCustomer } from './types.js';

export const FIXTURE_AS_OF = '2026-10-30';
export const FIXTURE_NOW = '2026-10-30T02:00:00.000Z';

let market: Market | null = null;
let shelf: AdvisoryProduct[] | null = null;

const SPECS = [
  { code: '000198', name: '天弘余额宝货币', type: 'money_market', risk: 'R1', drift: 0.00006, idio: 0.00001 },
  {
    code: '003003',
    name: '华夏现金增利货币',
    type: 'money_market',
    risk: 'R1',
    drift: 0.000062,
    idio: 0.00001,
  },
  {
    code: '000009',
    name: '易方达天天理财货币',
    type: 'money_market',
    risk: 'R1',
    drift: 0.000058,
    idio: 0.00001,
  },
  {
    code: '007194',
    name: '招商短债债券',
    type: 'short_bond',
    risk: 'R2',
    bond: 0.5,
    drift: 0.00008,
    idio: 0.0003,
  },
  {
    code: '006662',
    name: '易方达安悦超短债',
    type: 'short_bond',
    risk: 'R2',
    bond: 0.5,
    drift: 0.00008,
    idio: 0.0004,
  },
  {
    code: '008128',
    name: '博时短债债券',
    type: 'short_bond',
    risk: 'R2',
    bond: 0.5,
    drift: 0.00007,
    idio: 0.0005,
  },
  { code: '110017', name: '易方达增强回报债券', type: 'pure_bond', risk: 'R2', bond: 1, idio: 0.0005 },
  {
    code: '000186',
    name: '华泰柏瑞季季红债券',
    type: 'pure_bond',
    risk: 'R2',
    bond: 1,
    drift: 0.00002,
    idio: 0.0005,
  },
  {
    code: '217022',
    name: '招商产业债券',
    type: 'pure_bond',
    risk: 'R2',
    bond: 1,
    drift: 0.00004,
    idio: 0.0005,
  },
  {
    code: '001316',
    name: '安信稳健增值混合',
    type: 'bond_plus',
    risk: 'R3',
    bond: 0.8,
    equity: 0.15,
    idio: 0.001,
  },
  {
    code: '002015',
    name: '南方荣光债券',
    type: 'bond_plus',
    risk: 'R3',
    bond: 0.8,
    equity: 0.2,
    idio: 0.001,
  },
  {
    code: '000171',
    name: '易方达裕丰回报债券',
    type: 'bond_plus',
    risk: 'R3',
    bond: 0.8,
    equity: 0.25,
    idio: 0.001,
  },
  {
    code: '005827',
    name: '易方达蓝筹精选混合',
    type: 'hybrid',
    risk: 'R3',
    equity: 0.6,
    idio: 0.004,
    manager: '张坤',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '110011',
    name: '易方达优质精选混合',
    type: 'hybrid',
    risk: 'R3',
    equity: 0.7,
    sectorA: 0.2,
    idio: 0.004,
    manager: '张坤',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '163406',
    name: '兴全合润混合',
    type: 'hybrid',
    risk: 'R3',
    equity: 0.8,
    idio: 0.004,
    manager: '谢治宇',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '166002',
    name: '中欧新蓝筹混合',
    type: 'hybrid',
    risk: 'R3',
    equity: 0.9,
    sectorA: 0.2,
    idio: 0.004,
    manager: '周蔚文',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '260108',
    name: '景顺长城新兴成长混合',
    type: 'equity',
    risk: 'R4',
    equity: 0.9,
    sectorB: 0.3,
    idio: 0.006,
    manager: '刘彦春',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '001714',
    name: '工银文体产业股票',
    type: 'equity',
    risk: 'R4',
    equity: 0.95,
    sectorB: 0.3,
    idio: 0.006,
    manager: '袁芳',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '000751',
    name: '嘉实新兴产业股票',
    type: 'equity',
    risk: 'R4',
    equity: 1.0,
    sectorB: 0.3,
    idio: 0.006,
    manager: '归凯',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '110020',
    name: '易方达沪深300ETF联接',
    type: 'index',
    risk: 'R4',
    equity: 1,
    idio: 0.0008,
    benchmarkIndex: 'CSI300',
  },
  {
    code: '000961',
    name: '天弘沪深300指数',
    type: 'index',
    risk: 'R4',
    equity: 1,
    idio: 0.0009,
    benchmarkIndex: 'CSI300',
  },
  {
    code: '100038',
    name: '富国沪深300指数增强',
    type: 'index',
    risk: 'R4',
    equity: 1,
    idio: 0.0012,
    benchmarkIndex: 'CSI300',
  },
  {
    code: '161725',
    name: '招商中证白酒指数',
    type: 'sector',
    risk: 'R5',
    equity: 0.8,
    sectorA: 1.2,
    idio: 0.006,
    benchmarkIndex: 'CSI300',
  },
  {
    code: '003096',
    name: '中欧医疗健康混合',
    type: 'sector',
    risk: 'R5',
    equity: 0.8,
    sectorA: 1.2,
    idio: 0.006,
    manager: '葛兰',
    benchmarkIndex: 'CSI300',
  },
  {
    code: '001838',
    name: '国投瑞银国家安全混合',
    type: 'sector',
    risk: 'R5',
    equity: 0.8,
    sectorB: 1.2,
    idio: 0.006,
    benchmarkIndex: 'CSI300',
  },
] as const;

export const fixtureMarket = (): Market => (market ??= makeMarket(7, '2024-10-01', FIXTURE_AS_OF));

export const fixtureProducts = (): AdvisoryProduct[] =>
  (shelf ??= SPECS.map((s) => makeProduct(fixtureMarket(), { ...s })));

export const fixtureIndex = (): IndexLevels => {
  const m = fixtureMarket();
  return {
    code: 'CSI300',
    name: { zh: '沪深300', en: 'CSI 300' },
    dates: m.dates,
    close: makeIndex(m, m.equity),
  };
};

/** Customers at each level; `expired` has an assessment older than the validity window. */
export const FIXTURE_CUSTOMERS: Readonly<Record<string, DialogueCustomer>> = {
  c1: { id: 1, level: 'C1', assessedAt: '2026-03-01', channel: 'bank', age: 66, tags: ['elderly'] },
  c2: { id: 2, level: 'C2', assessedAt: '2026-05-01', channel: 'bank', age: 45 },
  c3: { id: 3, level: 'C3', assessedAt: '2026-06-01', channel: 'bank', age: 38, tags: ['payroll'] },
  c4: { id: 4, level: 'C4', assessedAt: '2026-02-10', channel: 'bank', age: 33 },
  c5: { id: 5, level: 'C5', assessedAt: '2026-01-10', channel: 'bank', age: 41 },
  expired: { id: 9, level: 'C4', assessedAt: '2024-06-01', channel: 'bank', age: 50 },
};

const navOn = (p: AdvisoryProduct, date: string): number => {
  let k = 0;
  while (k + 1 < p.nav.dates.length && p.nav.dates[k + 1]! <= date) k++;
  return p.nav.unit[k]!;
};

/** Holdings bought on 2025-06-02 (each 10万); the transactions that built them. */
const HOLDING_CODES: Readonly<Record<string, readonly string[]>> = {
  c1: ['000198', '110017'],
  c2: ['007194', '110017'],
  c3: ['005827', '110020', '007194'],
  c4: ['260108', '110020', '001316'],
  c5: ['161725', '001714', '000198'],
  expired: ['005827', '000198'],
};

export type FixtureRecorder = {
  alerts: { code: string; targets: Required<HoldingTargets> }[];
  assessments: QuestionnaireResult[];
  tickets: string[];
};

export type FixtureOptions = {
  /** Makes one port method throw (tool-failure tests). */
  fail?: keyof AdvisorData;
  holdings?: readonly string[];
};

export const fixtureData = (
  key: string,
  opts: FixtureOptions = {},
): AdvisorData & { recorded: FixtureRecorder } => {
  const products = fixtureProducts();
  const codes = opts.holdings ?? HOLDING_CODES[key] ?? [];
  const buyDate = '2025-06-02';
  const txs: StatementTransaction[] = codes.map((code) => {
    const p = products.find((x) => x.code === code)!;
    const nav = navOn(p, buyDate);
    const units = Math.floor((100_000 / nav) * 100) / 100;
    return {
      productCode: code,
      type: 'purchase',
      tradeDate: buyDate,
      amountFen: 10_000_000,
      units: units.toFixed(2),
      nav: nav.toFixed(4),
      feeFen: 0,
    };
  });
  const holdings: HeldUnits[] = txs.map((t) => ({
    productCode: t.productCode,
    units: t.units,
    costFen: t.amountFen,
    openedAt: buyDate,
  }));
  const recorded: FixtureRecorder = { alerts: [], assessments: [], tickets: [] };
  const fail = <T>(name: keyof AdvisorData, v: () => T): Promise<T> =>
    new Promise<T>((resolve) => {
      if (opts.fail === name) throw new Error(`fixture: ${name} failed`);
      resolve(v());
    });
  return {
    recorded,
    shelf: () => fail('shelf', () => ({ asOf: FIXTURE_AS_OF, products })),
    holdings: () => fail('holdings', () => holdings),
    finances: () => fail('finances', () => ({ annualIncomeFen: 30_000_000, cashFen: 20_000_000 })),
    transactions: () => fail('transactions', () => txs),
    indexLevels: (code) => fail('indexLevels', () => (code === 'CSI300' ? fixtureIndex() : null)),
    proposal: (req: ProposalArgs): Promise<ProposalOutcome> =>
      fail('proposal', () => {
        const shelfProducts: Product[] = products
          .filter((p) => p.status === 'open')
          .map((p) => ({
            code: p.code,
            name: p.name,
            assetClass: assetClassOf(p.type, p.risk)!,
            risk: p.risk,
            minPurchase: p.minPurchaseFen / 100,
            dates: p.nav.dates,
            nav: p.nav.adjusted,
          }))
          .filter((p) => p.assetClass !== null);
        const c = FIXTURE_CUSTOMERS[key]!;
        const pr = proposeAllocation({
          profile: {
            riskLevel: c.level,
            horizonMonths: req.horizonMonths,
            liquidityNeed: req.liquidityNeed,
            holdings: [],
          },
          bucket: {
            purpose: req.purpose,
            amount: req.amount,
            horizonMonths: req.horizonMonths,
            riskAppetite: req.riskAppetite,
          },
          products: shelfProducts,
          asOf: FIXTURE_AS_OF,
        });
        return {
          effective_level: pr.effective_level,
          expected_return: pr.expected_return,
          volatility: pr.volatility,
          picks: pr.picks.map((k) => ({
            code: k.code,
            name: k.name,
            risk: k.risk,
            type: products.find((p) => p.code === k.code)!.type,
            weight: k.weight,
            amount: k.amount,
          })),
        };
      }),
    saveAlertTargets: (code, targets) =>
      fail('saveAlertTargets', () => void recorded.alerts.push({ code, targets })),
    saveAssessment: (r) => fail('saveAssessment', () => void recorded.assessments.push(r)),
    createTicket: (text) =>
      fail('createTicket', () => {
        recorded.tickets.push(text);
        return `T${String(recorded.tickets.length).padStart(4, '0')}`;
      }),
  };
};
