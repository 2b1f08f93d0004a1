/**
 * Sums of money in a normalised clause, each with the reason it is NOT an investment intent when it is not:
 * salary and other income, periodic flows, past gains and losses, product minimums, someone else's money,
 * fees, prices and debts, product facts (fund size, limits). The rules read the few characters around the
 * amount; they run on one clause (text between commas), which is where Chinese chat binds a number to its
 * meaning.
 */
export type Exclusion =
  | 'income'
  | 'periodic'
  | 'past_result'
  | 'minimum'
  | 'third_party'
  | 'fee'
  | 'price_or_debt'
  | 'product_fact'
  | 'hypothetical';

export type AmountMention = {
  /** Yuan (a range such as 30-50万 gives its lower bound). */
  value: number;
  start: number;
  end: number;
  /** 10来万, 50多万, 十几万: an approximate figure. */
  approx: boolean;
  excluded: Exclusion | null;
};

const UNIT: Readonly<Record<string, number>> = { 亿: 1e8, 万: 1e4, w: 1e4, 千: 1e3, k: 1e3 };

const AMOUNT =
  /(?<![\d.])(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(来|多|几)?(?:个(?=亿|万))?(亿|万|w|千|k)?(来|多)?(元|块钱|块|rmb|人民币)?/gu;

/** Words right before a bare number that make it money (我有3000, 投5000). */
const MONEY_CUE_BEFORE = /(?:有|存|投|拿|买|花|闲钱|资金|本金|预算|余额|存款|定投|转|放|剩)(?:个|了)?$/u;

/** What follows a bare number that is not money (a percentage, a period, an age, a count). */
const NOT_MONEY_AFTER = /^(?:%|年|个月|月|天|岁|个|份|股|点|倍|号|日|期|次|只|周|成|‰|:|：)/u;
/** What follows 万/千 that makes the figure a count, not money (10万份, 5千股). */
const NOT_MONEY_AFTER_UNIT = /^(?:%|份|股|倍|人|次|个|只|平|户|公里|字|步)/u;

const round2 = (v: number): number => Math.round(v * 100) / 100;

type Rule = { reason: Exclusion; before?: RegExp; after?: RegExp; clause?: RegExp };

/** 如果有100万的话 / 我没有50万那么多: an amount the customer does not have. */
const HYPOTHETICAL =
  /(?:如果|假如|假设|要是|比如|比方说?|譬如|没有|没|不到|不够|哪有|哪来的?)[^,.!?;]{0,6}$/u;

/** Ordered: the first rule that fires names the reason. */
const RULES: readonly Rule[] = [
  {
    reason: 'periodic',
    clause: /每(?:个)?(?:月|年|周|季度?|天|期)|月供|按月|(?:一|1)个月(?:能|可以)?(?:存|挣|赚|拿)/u,
  },
  {
    reason: 'income',
    before:
      /(?:月薪|年薪|工资|薪水|薪资|收入|月入|年入|退休金|奖金是|年终奖是|工资卡)(?:是|有|大概|差不多|才|就|能拿|拿|大约)?(?:个)?$/u,
  },
  {
    reason: 'past_result',
    before:
      /(?:亏|赔|损失|套|跌|缩水|蒸发|赚|挣|盈利|回本|被骗|损|浮亏|浮盈)(?:了|掉|去|进去|着)?(?:快|近|将近|差不多|大概|有|足足|小|好|整整|)?$/u,
  },
  { reason: 'past_result', after: /^(?:的)?(?:亏损|损失|收益|利润|浮亏|浮盈|本金亏)/u },
  { reason: 'past_result', before: /(?:买了|投了|入了|申购了|认购了|交了|付了|花了)(?:个|有|大概)?$/u },
  {
    reason: 'minimum',
    before: /(?:起投|起购|起点|门槛|最低|最少|至少|起步|起存)(?:金额)?(?:是|要|得|也要|就|也得)?$/u,
  },
  { reason: 'minimum', after: /^(?:起投|起购|起存|起步|起|以上才|才能买|的门槛)/u },
  {
    reason: 'fee',
    before:
      /(?:手续费|管理费|申购费|认购费|赎回费|托管费|费用|利息|佣金|罚息|违约金)(?:是|要|大概|才|只|就|收|扣了?|一共|了)*$/u,
  },
  {
    reason: 'price_or_debt',
    before:
      /(?:房价|总价|值|车价|价格|价钱|售价|市值|估值|房贷|车贷|贷款|欠|借了?|负债|还款|欠款)(?:还有|是|要|大概|差不多|有|还|了)*(?:个)?$/u,
  },
  {
    reason: 'product_fact',
    before: /(?:规模|净值|募集|额度|总额|限额|份额|发行|单笔|每笔|每日)(?:是|有|达|只有|才|超过|为|上限)?$/u,
  },
];

/** Someone else owns the money: 我朋友买了50万, 我老婆有20万, 邻居在你们这买了100万 (not 我和老婆有…). */
const OWNER =
  /(?:朋友|同事|邻居|亲戚|同学|哥们|闺蜜|老乡|别人|人家|(?<!其)他|她|他们|她们|老婆|老公|爱人|媳妇|爸妈|父母|爸|妈|儿子|女儿|闺女|家里人|哥|姐|弟|妹|舅舅|姨)[^,.!?;，。]{0,6}(?:有|买了?|投了?|存了?|赚了?|亏了?|的钱|手上|手里|攒了)(?:个|了)?[^,.!?;，。]{0,3}$/u;
const HOUSEHOLD = /(?:我和|我跟|和我|跟我|我们|咱们?|我家|俺们|我俩|两口子|夫妻)/u;

const exclusionOf = (clause: string, start: number, end: number): Exclusion | null => {
  const before = clause.slice(0, start);
  const after = clause.slice(end);
  for (const r of RULES) {
    if (r.clause && r.clause.test(clause)) return r.reason;
    if (r.before && r.before.test(before)) return r.reason;
    if (r.after && r.after.test(after)) return r.reason;
  }
  if (OWNER.test(before) && !HOUSEHOLD.test(before)) return 'third_party';
  if (HYPOTHETICAL.test(before)) return 'hypothetical';
  return null;
};

/** Every sum of money in a normalised clause, in order, with its exclusion (null = may be an intent). */
export const findAmounts = (clause: string): AmountMention[] => {
  const out: AmountMention[] = [];
  for (const m of clause.matchAll(AMOUNT)) {
    const [text, lo, , approxBefore, unit, approxAfter, yuan] = m;
    if (text === undefined || lo === undefined) continue;
    const start = m.index;
    const end = start + text.length;
    const after = clause.slice(end);
    if ((unit === undefined && yuan === undefined ? NOT_MONEY_AFTER : NOT_MONEY_AFTER_UNIT).test(after))
      continue;
    const value = Number(lo) * (unit ? UNIT[unit]! : 1);
    if (unit === undefined && yuan === undefined) {
      // A bare number is money only after a money word and when it is not a 6-digit product code.
      if (value < 100 || /^\d{6}$/.test(lo) || !MONEY_CUE_BEFORE.test(clause.slice(0, start))) continue;
    }
    // 分两块 is "in two parts"; no one plans a pot of money under 100 yuan.
    if (unit === undefined && value < 100) continue;
    if (value <= 0) continue;
    out.push({
      value: round2(value),
      start,
      end,
      approx: approxBefore !== undefined || approxAfter !== undefined,
      excluded: exclusionOf(clause, start, end),
    });
  }
  return out;
};
