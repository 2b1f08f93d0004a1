import type { Question, QuestionOption, Questionnaire } from './questionnaire.js';

const opt = (
  id: string,
  zh: string,
  en: string,
  score: number,
  extra: Partial<QuestionOption> = {},
): QuestionOption => ({
  id,
  text: { zh, en },
  score,
  ...extra,
});

const q = (id: string, zh: string, en: string, options: QuestionOption[], multi = false): Question => ({
  id,
  text: { zh, en },
  options,
  ...(multi ? { multi: true } : {}),
});

/**
 * Caiban's default risk-tolerance questionnaire (written for Caiban; institutions replace it with their own
 * filed questionnaire). 12 questions, 0–120 points; Q9 (loss tolerance) can force the lowest category or cap
 * the level, Q8 states the horizon and Q6 the product experience used by the matching checks.
 */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = {
  id: 'caiban-default-risk-questionnaire',
  version: '2026.1',
  bands: [
    { level: 'C1', maxScore: 30 },
    { level: 'C2', maxScore: 50 },
    { level: 'C3', maxScore: 70 },
    { level: 'C4', maxScore: 90 },
    { level: 'C5', maxScore: 120 },
  ],
  questions: [
    q('Q1', '您的年龄是？', 'Your age?', [
      opt('A', '18–30岁', '18–30', 8),
      opt('B', '31–50岁', '31–50', 10),
      opt('C', '51–60岁', '51–60', 6),
      opt('D', '61–70岁', '61–70', 3),
      opt('E', '70岁以上', 'over 70', 1),
    ]),
    q('Q2', '您的家庭年收入约为？', 'Your household annual income?', [
      opt('A', '10万元以下', 'below CNY 100k', 2),
      opt('B', '10万–30万元', 'CNY 100k–300k', 5),
      opt('C', '30万–100万元', 'CNY 300k–1m', 8),
      opt('D', '100万元以上', 'above CNY 1m', 10),
    ]),
    q(
      'Q3',
      '本次计划投资金额占您家庭金融资产的比例？',
      'Share of your household financial assets you plan to invest?',
      [
        opt('A', '70%以上', 'more than 70%', 2),
        opt('B', '50%–70%', '50%–70%', 4),
        opt('C', '20%–50%', '20%–50%', 7),
        opt('D', '20%以下', 'less than 20%', 10),
      ],
    ),
    q('Q4', '您的家庭负债情况？', 'Your household debt?', [
      opt('A', '负债超过家庭资产的一半', 'debt above half of household assets', 1),
      opt('B', '有房贷等长期负债，压力较大', 'mortgage or long-term debt, heavy burden', 4),
      opt('C', '有少量负债，压力不大', 'some debt, light burden', 7),
      opt('D', '没有负债', 'no debt', 10),
    ]),
    q(
      'Q5',
      '您有多少年投资股票、基金、理财等产品的经验？',
      'Years of experience with stocks, funds or wealth products?',
      [
        opt('A', '没有经验', 'none', 0),
        opt('B', '2年以下', 'less than 2 years', 3),
        opt('C', '2–5年', '2–5 years', 6),
        opt('D', '5–10年', '5–10 years', 8),
        opt('E', '10年以上', 'more than 10 years', 10),
      ],
    ),
    q(
      'Q6',
      '您投资过哪些产品？（可多选）',
      'Which products have you invested in? (several answers)',
      [
        opt('A', '银行存款、国债', 'deposits, government bonds', 1, { experience: ['deposit'] }),
        opt('B', '银行理财、货币基金', 'bank wealth products, money-market funds', 3, {
          experience: ['bank_wm', 'fund_money'],
        }),
        opt('C', '债券、债券基金', 'bonds, bond funds', 5, { experience: ['bond', 'fund_bond'] }),
        opt('D', '股票、股票型或混合型基金', 'stocks, equity or mixed funds', 8, {
          experience: ['stock', 'fund_equity', 'fund_mixed'],
        }),
        opt('E', '期货、期权、私募、结构化产品', 'futures, options, private funds, structured products', 10, {
          experience: ['derivative', 'private_fund', 'structured'],
        }),
      ],
      true,
    ),
    q('Q7', '您投资的主要目的是？', 'Your main investment goal?', [
      opt('A', '资产保值，不愿承担损失', 'preserve capital, no losses', 2),
      opt('B', '稳健增值，可承担小幅波动', 'steady growth with small fluctuations', 5),
      opt('C', '获取较高收益，可承担较大波动', 'higher returns with larger fluctuations', 8),
      opt('D', '追求高收益，可承担大幅波动', 'high returns with large fluctuations', 10),
    ]),
    q('Q8', '您计划的投资期限是？', 'Your planned investment horizon?', [
      opt('A', '1年以内', 'within 1 year', 2, { horizonMonths: 12 }),
      opt('B', '1–3年', '1–3 years', 5, { horizonMonths: 36 }),
      opt('C', '3–5年', '3–5 years', 8, { horizonMonths: 60 }),
      opt('D', '5年以上', 'more than 5 years', 10, { horizonMonths: 120 }),
    ]),
    q('Q9', '您能承受的最大投资损失是？', 'The largest loss you can bear?', [
      opt('A', '不能承受任何本金损失', 'no loss of principal at all', 0, { lowestCategory: true }),
      opt('B', '5%以内', 'up to 5%', 3, { capLevel: 'C2' }),
      opt('C', '5%–15%', '5%–15%', 6, { capLevel: 'C3' }),
      opt('D', '15%–30%', '15%–30%', 8, { capLevel: 'C4' }),
      opt('E', '30%以上', 'more than 30%', 10),
    ]),
    q(
      'Q10',
      '如果您的投资在短期内下跌20%，您会？',
      'If your investment fell 20% in a short time, you would…',
      [
        opt('A', '全部卖出', 'sell everything', 2),
        opt('B', '卖出一部分', 'sell part', 4),
        opt('C', '继续持有', 'hold', 7),
        opt('D', '逢低加仓', 'buy more', 10),
      ],
    ),
    q('Q11', '以下哪种收益与波动组合最符合您的偏好？', 'Which return/loss profile suits you best?', [
      opt('A', '年收益约2%，基本无波动', 'about 2% a year, almost no fluctuation', 1),
      opt('B', '年收益约5%，最大亏损约5%', 'about 5% a year, worst loss about 5%', 4),
      opt('C', '年收益约10%，最大亏损约15%', 'about 10% a year, worst loss about 15%', 7),
      opt('D', '年收益约20%，最大亏损约35%', 'about 20% a year, worst loss about 35%', 10),
    ]),
    q(
      'Q12',
      '您对金融产品和投资风险的了解程度？',
      'How well do you know financial products and their risks?',
      [
        opt('A', '基本不了解', 'hardly at all', 1),
        opt('B', '了解一些', 'somewhat', 4),
        opt('C', '比较熟悉', 'fairly well', 7),
        opt('D', '非常熟悉，有专业背景', 'very well, professional background', 10),
      ],
    ),
  ],
};
