import { extractPurpose, extractRiskAppetite } from '../nlu/slots.js';
import type { Purpose, RiskAppetite } from '../nlu/types.js';
import type { Liquidity } from './types.js';

/**
 * What a clause says about a sum of money: purpose, risk appetite, liquidity need and constraints. The
 * language engine's slot parsers (src/core/nlu/slots.ts) are the base; the phrases below add what chat about
 * a particular pot of money needs on top (兴趣班 is education, 提车 is other, 这部分要稳 is conservative …).
 */
type Phrase<T> = readonly [RegExp, T];

const firstOf = <T>(text: string, phrases: ReadonlyArray<Phrase<T>>): { at: number; value: T } | null => {
  let best: { at: number; len: number; value: T } | null = null;
  for (const [re, value] of phrases) {
    const m = re.exec(text);
    if (!m) continue;
    if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.len)) {
      best = { at: m.index, len: m[0].length, value };
    }
  }
  return best;
};

/** Life goals first (a named goal beats generic growth); ordered so the specific wins at the same spot. */
const GOALS: ReadonlyArray<Phrase<Purpose>> = [
  [
    /兴趣班|培训班|补习|辅导班|学费|上学|上大学|读大学|念大学|读书|念书|留学|读研|考研|出国读|教育金|教育|上小学|上初中|上高中|幼儿园|读博|大学/u,
    'education',
  ],
  [/买房|首付|购房|换房|房贷|装修|买个房|买套房|还贷/u, 'house'],
  [/养老|退休|老了|晚年/u, 'retirement'],
  [/看病|医疗|治病|手术|住院|医药费|大病|生病|病了|康复|护理/u, 'medical'],
  [/旅游|旅行|度假|出去玩|出国玩|去[^,.!?;]{1,6}玩|玩一趟|游玩|蜜月/u, 'travel'],
  [/应急|急用|备用|随时要用|随时用|以防万一|救急|紧急/u, 'emergency'],
  [/结婚|婚礼|办酒|彩礼|嫁妆|出嫁|买车|提车|换车|创业|开店|做生意|生孩子|还债/u, 'other'],
];

/** Investing for return with no life goal named. */
const GROWTH =
  /增值|钱生钱|财富增长|长期增长|跑赢通胀|理财|投资|赚点|收益|博一把|搏一把|随便投|保值|打理|规划|配置/u;

export type PurposeFinding = { purpose: Purpose; strong: boolean };

/** Purpose of the money in a clause: a named goal (strong) or generic growth (weak), else null. */
export const findPurpose = (clause: string): PurposeFinding | null => {
  const goal = firstOf(clause, GOALS);
  if (goal) return { purpose: goal.value, strong: true };
  const nlu = extractPurpose(clause);
  if (nlu !== undefined && nlu !== 'growth') return { purpose: nlu, strong: true };
  if (nlu === 'growth' || GROWTH.test(clause)) return { purpose: 'growth', strong: false };
  return null;
};

const RISK: ReadonlyArray<Phrase<RiskAppetite>> = [
  [
    /稳中求进|一点波动|小幅波动|(?:能|可以)(?:接受|承受)(?:一定|一些|少量|小|一点)的?(?:波动|风险|亏损|回撤)/u,
    'moderate',
  ],
  [/(?:能|可以)(?:接受|承受|扛)(?:较大|大|比较大|很大)的?(?:波动|风险|亏损|回撤)/u, 'aggressive'],
  [
    /(?:亏|赔|跌|波动)(?:了|点|一点|大点|大一点)?(?:也|都)?(?:无所谓|没关系|没事|不要紧|不怕|能扛|扛得住)/u,
    'aggressive',
  ],
  [/追求(?:高)?收益|风险承受能力(?:挺|很|比较|蛮|还)?(?:高|强)|冒点险|拼一把/u, 'aggressive'],
  [/稳当|稳一点|稳点|稳稳|要稳|求稳|不能有(?:闪失|损失|风险)|安全第一|不想冒(?:风)?险/u, 'conservative'],
  [
    /(?:亏|跌|波动|回撤)[^,.!?;]{0,4}受不了|受不了(?:亏|跌|波动|回撤)|亏不起|不能亏|不想亏|保本/u,
    'conservative',
  ],
];

/** Risk appetite stated in a clause (our phrases and the language engine's), the leftmost winning. */
export const findRisk = (clause: string): RiskAppetite | null => {
  const own = firstOf(clause, RISK);
  const nlu = extractRiskAppetite(clause);
  if (own && nlu !== undefined) {
    const nluAt = clause.search(/稳健|保守|激进|进取|风险|亏|波动|收益|平衡|适度|稳妥|求稳|博|搏|赌|冲/u);
    return nluAt >= 0 && nluAt < own.at ? nlu : own.value;
  }
  return own?.value ?? nlu ?? null;
};

const LIQUIDITY: ReadonlyArray<Phrase<Liquidity>> = [
  [
    /长期不用|一直不用|闲置|不急用|不着急用|长期(?:拿着|持有|放着)|(?:锁定|封闭|锁)(?:期)?(?:长)?(?:点|一点)?(?:也)?(?:没关系|无所谓|可以|不要紧)/u,
    'low',
  ],
  [
    /随时(?:要|能|可以|得)?(?:用|取|拿|赎回|支取)|随用随取|急用|应急|备用|灵活|流动性|取不出来|拿不出来|赎不出来|万一(?:要|急|有急事)/u,
    'high',
  ],
  [/可能(?:会)?(?:要)?用|说不准(?:什么时候)?(?:要)?用|不一定(?:什么时候)?用/u, 'medium'],
];

/** An explicit liquidity need stated in a clause, or null. */
export const findLiquidity = (clause: string): Liquidity | null => firstOf(clause, LIQUIDITY)?.value ?? null;

const CONSTRAINTS: ReadonlyArray<Phrase<string>> = [
  [/不能亏|不想亏|亏不起|保本|不能有(?:闪失|损失)|本金安全|(?:亏|跌|波动)[^,.!?;]{0,4}受不了/u, 'no_loss'],
  [/随时(?:要|能|可以|得)?(?:用|取|拿|赎回|支取)|随用随取|急用/u, 'withdraw_anytime'],
  [/(?:锁定|封闭|锁)(?:期)?(?:长)?(?:点|一点)?(?:也)?(?:没关系|无所谓|可以|不要紧)/u, 'lock_up_ok'],
  [/(?:封闭期|锁定期|期限)(?:也)?(?:太|有点|这么|也太)长|不想锁/u, 'short_lock_up'],
  [
    /(?:亏|跌|波动)(?:了|点|一点|大点)?(?:也|都)?(?:无所谓|没关系|没事|不怕|能扛)|(?:能|可以)(?:接受|承受)[^,.!?;]{0,4}波动/u,
    'volatility_ok',
  ],
];

/** Constraint codes stated in a clause (no_loss, withdraw_anytime, lock_up_ok, short_lock_up, volatility_ok). */
export const findConstraints = (clause: string): string[] =>
  CONSTRAINTS.filter(([re]) => re.test(clause)).map(([, c]) => c);

/** Default liquidity from the horizon: within a year high, up to three years medium, longer low. */
export const liquidityFromHorizon = (months: number | null): Liquidity | null =>
  months === null ? null : months <= 12 ? 'high' : months <= 36 ? 'medium' : 'low';
