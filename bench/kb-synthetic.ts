import type { KbItem } from '../src/core/nlu/types.js';
import { createRng } from '../src/core/random.js';

/**
 * A synthetic knowledge base of any size for timing retrieval (issue 17), generated deterministically:
 * item i = (subject s, topic t) walked through SUBJECTS × TOPICS (i → s = i mod |S|, t = ⌊i / |S|⌋ mod |T|,
 * with a numbered variant suffix once the grid is used up); its question is the topic's first template with
 * the subject filled in, its 3 similar questions are 3 other templates of the topic (seeded choice), and its
 * answer joins 3 answer fragments of the topic. Queries are similar questions with one seeded edit (a
 * character dropped or a colloquial prefix/suffix added) plus off-topic lines.
 */
const SUBJECTS = [
  '货币基金',
  '债券基金',
  '股票基金',
  '混合基金',
  '指数基金',
  'ETF联接基金',
  'QDII基金',
  'FOF基金',
  '养老目标基金',
  '同业存单基金',
  '短债基金',
  '可转债基金',
  '红利基金',
  '医药主题基金',
  '科技主题基金',
  '新能源基金',
  '消费主题基金',
  '黄金ETF',
  '纳指100基金',
  '标普500基金',
  '沪深300基金',
  '中证500基金',
  '创业板基金',
  '港股通基金',
  '净值型理财',
  '现金管理理财',
  '封闭式理财',
  '最短持有期理财',
  '结构性存款',
  '大额存单',
  '储蓄国债',
  '年金险',
  '重疾险',
  '医疗险',
  '个人养老金产品',
  '固收+产品',
  '私募基金',
  '信托产品',
  '券商收益凭证',
  '外币理财',
];
const TOPICS: readonly (readonly string[])[] = [
  ['{s}的申购费是多少', '买{s}要交多少手续费', '{s}申购费率怎么算', '{s}买入有没有费用', '{s}认购费多少'],
  ['{s}赎回多久到账', '{s}卖了钱几天回来', '{s}取出来要多久', '{s}赎回款什么时候到卡'],
  ['{s}的风险等级是多少', '{s}风险大吗', '{s}是R几的产品', '{s}适合保守型的人买吗'],
  ['{s}最低买多少钱', '{s}起购金额是多少', '{s}几块钱能买', '{s}门槛高吗'],
  ['{s}怎么计算收益', '{s}的收益怎么算', '{s}赚的钱怎么算出来的', '{s}收益率怎么看'],
  ['{s}会亏钱吗', '{s}有没有可能亏本', '{s}保本吗', '{s}亏损的概率大吗'],
  ['{s}的管理费是多少', '{s}每年收多少管理费', '{s}管理费怎么扣', '{s}有哪些持有费用'],
  ['{s}可以提前赎回吗', '{s}没到期能取吗', '{s}急用钱能卖掉吗', '{s}中途能退出吗'],
  ['{s}适合长期持有吗', '{s}拿多久比较好', '{s}能放几年', '{s}短期买合适吗'],
  ['{s}和存款有什么区别', '{s}跟定期存款比怎么样', '{s}比存银行好吗', '{s}能替代存款吗'],
  ['{s}在哪里买', '怎么购买{s}', '{s}在app哪里能找到', '{s}怎么下单'],
  ['{s}可以定投吗', '{s}能不能每月自动买', '{s}支持定投吗', '{s}定投怎么设置'],
  ['{s}的净值在哪看', '{s}每天净值哪里查', '{s}净值什么时候更新', '{s}今天净值多少'],
  ['{s}分红吗', '{s}怎么分红', '{s}分红方式怎么改', '{s}有没有分红'],
  ['{s}收益要交税吗', '{s}赚的钱要缴个税吗', '{s}需要纳税吗', '{s}税费怎么算'],
];
const ANSWER_FRAGMENTS = [
  '具体以产品说明书和销售文件为准。',
  '产品有风险，投资需谨慎，过往业绩不代表未来表现。',
  '购买前请确认产品风险等级与您的风险承受能力匹配。',
  '如有疑问可以联系理财经理或人工客服。',
  '不同渠道和份额类别的规则可能不同，请以交易页面显示为准。',
  '节假日顺延，通常按交易日计算。',
];
const OFF_TOPIC = [
  '今天天气怎么样',
  '帮我订一张机票',
  '推荐一部电影',
  '红烧肉怎么做',
  '世界杯谁赢了',
  '明天限行吗',
];

export const syntheticKb = (size: number, seed = 17): KbItem[] => {
  const rng = createRng(seed);
  const items: KbItem[] = [];
  for (let i = 0; i < size; i++) {
    const s = SUBJECTS[i % SUBJECTS.length]!;
    const grid = Math.floor(i / SUBJECTS.length);
    const topic = TOPICS[grid % TOPICS.length]!;
    const variant = Math.floor(grid / TOPICS.length);
    const subject = variant === 0 ? s : `${s}${variant + 1}号`;
    const fill = (t: string): string => t.replace('{s}', subject);
    const rest = topic.slice(1).map(fill);
    for (let k = rest.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [rest[k], rest[j]] = [rest[j]!, rest[k]!];
    }
    const answer = [0, 1, 2].map(() => ANSWER_FRAGMENTS[rng.int(ANSWER_FRAGMENTS.length)]!).join('');
    items.push({
      id: `syn-${String(i + 1).padStart(4, '0')}`,
      question: fill(topic[0]!),
      similar: rest.slice(0, 3),
      answer: `关于${subject}：${answer}`,
      category: `topic_${grid % TOPICS.length}`,
    });
  }
  return items;
};

/** Queries: a similar question with one seeded edit, and one off-topic line in ten. */
export const syntheticQueries = (
  items: readonly KbItem[],
  n: number,
  seed = 23,
): { query: string; expected_id: string }[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, k) => {
    if (k % 10 === 9) return { query: OFF_TOPIC[rng.int(OFF_TOPIC.length)]!, expected_id: 'none' };
    const it = items[rng.int(items.length)]!;
    const q = [...(it.similar[rng.int(it.similar.length)] ?? it.question)];
    const edit = rng.int(3);
    if (edit === 0 && q.length > 4) q.splice(1 + rng.int(q.length - 2), 1);
    if (edit === 1) q.unshift(...'请问一下');
    if (edit === 2) q.push(...'呀，谢谢');
    return { query: q.join(''), expected_id: it.id };
  });
};
