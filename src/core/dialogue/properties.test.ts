import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentStatus } from '../advisory/assessment.js';
import { businessDate } from '../advisory/days.js';
import { levelRank } from '../suitability/types.js';
import { runTurn } from './engine.js';
import { FIXTURE_CUSTOMERS, FIXTURE_NOW, fixtureData } from './fixture.js';
import { fixtureEngine } from './test-world.js';
import { initialState, type Card, type TurnInput } from './types.js';

const UTTERANCES = [
  '有什么推荐的股票基金',
  '那债券基金呢？',
  '推荐几只行业主题基金',
  '我有50万想三年后给孩子上学用',
  '帮我做个资产配置',
  '100万',
  '养老用',
  '5年',
  '不对，是30万',
  '对比一下161725和003096',
  '对比005827和110011',
  '161725这只基金怎么样',
  '260108值得买吗',
  '葛兰管理的基金',
  '张坤管理的基金怎么样',
  '我想做基金定投',
  '每月2000元',
  '那指数基金呢',
  '我的基金为什么跌了',
  '中欧医疗健康混合为什么跌',
  '看看我的持仓',
  '帮我体检一下持仓',
  '赎回要多少手续费',
  '继续',
  '不用了',
  '你好',
  '帮我做个风险测评',
  '有什么高收益的产品',
  '今天市场怎么样',
];

const input = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...UTTERANCES).map((text): TurnInput => ({ text })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('A', 'B', 'C', 'D')
      .map((value): TurnInput => ({ action: { type: 'answer', value } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('yes', 'no')
      .map((value): TurnInput => ({ action: { type: 'resume', value } })),
  },
);

/** Products a reply offers (the customer's own holdings inside statement / held attribution cards excluded). */
const offered = (c: Card): { code: string; risk: string }[] => {
  switch (c.type) {
    case 'product':
      return [{ code: c.product_code, risk: c.risk_level }];
    case 'allocation':
      return c.picks.map((p) => ({ code: p.product_code, risk: p.risk_level }));
    case 'comparison':
      return c.products.map((p) => ({ code: p.product_code, risk: p.risk_level }));
    case 'attribution':
      return c.held ? [] : [{ code: c.product_code, risk: c.risk_level }];
    default:
      return [];
  }
};

describe('random sessions (fast-check)', () => {
  it('never offer a product above the level, nor any product card on an expired assessment', async () => {
    const engine = fixtureEngine();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FIXTURE_CUSTOMERS)),
        fc.array(input, { minLength: 1, maxLength: 8 }),
        async (key, inputs) => {
          const customer = FIXTURE_CUSTOMERS[key]!;
          const data = fixtureData(key);
          const expired = assessmentStatus(customer, businessDate(FIXTURE_NOW)).status !== 'valid';
          let state = initialState();
          for (const inp of inputs) {
            const r = await runTurn(engine, state, inp, { customer, now: FIXTURE_NOW, data });
            state = r.state;
            for (const card of r.reply.cards) {
              for (const p of offered(card)) {
                expect(levelRank(p.risk as 'R1'), `${key} offered ${p.code} ${p.risk}`).toBeLessThanOrEqual(
                  levelRank(customer.level),
                );
              }
              if (expired) expect(['product', 'allocation', 'comparison']).not.toContain(card.type);
            }
          }
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
  }, 120_000);
});
