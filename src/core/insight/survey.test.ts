import { describe, expect, it } from 'vitest';
import {
  isoDate,
  parseSurveyRows,
  summarizeSurvey,
  surveyHeader,
  tagComment,
  commentTagsFromLlm,
} from './survey.js';

const HEADER = ['customer_id', 'nps', 'csat_service', 'csat_app', 'comment', 'response_date'];

describe('survey file rules', () => {
  it('reads good rows with any number of csat_* columns and Chinese header aliases', () => {
    const r = parseSurveyRows([
      ['客户号', 'NPS', 'csat_service', 'csat_app', 'csat_fees', '意见', '填写日期'],
      ['12', '9', '5', '4', '', '客户经理很专业', '2026-06-30'],
      ['13', '0', '1', '2', '3', '', '2026/7/1'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.csatColumns).toEqual(['csat_service', 'csat_app', 'csat_fees']);
    expect(r.responses).toEqual([
      {
        row: 2,
        customer_id: 12,
        nps: 9,
        csat: { csat_service: 5, csat_app: 4, csat_fees: null },
        comment: '客户经理很专业',
        response_date: '2026-06-30',
      },
      {
        row: 3,
        customer_id: 13,
        nps: 0,
        csat: { csat_service: 1, csat_app: 2, csat_fees: 3 },
        comment: '',
        response_date: '2026-07-01',
      },
    ]);
  });

  it('names every bad row and column with the fix: unknown id, NPS out of range, bad date, duplicates', () => {
    const r = parseSurveyRows(
      [
        HEADER,
        ['12', '9', '5', '4', 'ok', '2026-06-30'],
        ['99999', '8', '5', '4', '', '2026-06-30'],
        ['13', '11', '5', '4', '', '2026-06-30'],
        ['14', '7', '6', '4', '', '2026-02-30'],
        ['12', '3', '2', '2', 'again', '2026-06-30'],
        ['15', '5', '3', '3', '', '2026-05-01'],
        ['16', '5', '3', '3', '', '2027-01-01'],
        ['', '', '', '', '', ''],
        ['x1', '5', '3', '3', '', '2026-05-01'],
      ],
      {
        knownCustomer: (id) => id < 1000,
        stored: new Set(['15|2026-05-01']),
        today: '2026-10-30',
      },
    );
    const brief = r.errors.map((e) => [e.row, e.column]);
    expect(brief).toEqual([
      [3, 'customer_id'],
      [4, 'nps'],
      [5, 'csat_service'],
      [5, 'response_date'],
      [6, 'customer_id'],
      [7, 'customer_id'],
      [8, 'response_date'],
      [10, 'customer_id'],
    ]);
    expect(r.errors[0]!.message).toMatch(/unknown customer 99999/);
    expect(r.errors[1]!.message).toMatch(/0 to 10/);
    expect(r.errors[1]!.value).toBe('11');
    expect(r.errors[4]!.message).toMatch(/already in row 2/);
    expect(r.errors[5]!.message).toMatch(/imported before/);
    expect(r.errors[6]!.message).toMatch(/after today/);
    expect(r.responses.map((x) => x.row)).toEqual([2]);
  });

  it('refuses a header without the required columns, naming them', () => {
    const h = surveyHeader(['customer_id', 'score', 'comment']);
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.problems.map((p) => p.column)).toEqual(['nps', 'response_date']);
    const r = parseSurveyRows([['customer_id', 'nps', 'nps', 'comment', 'response_date']]);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'nps' });
  });

  it('checks calendar dates', () => {
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate('2025-02-29')).toBeNull();
    expect(isoDate('30/10/2026')).toBeNull();
  });
});

describe('comment tagging (lexicon)', () => {
  const cases: Array<[string, 'positive' | 'neutral' | 'negative', Array<[string, string]>]> = [
    ['App 经常卡顿，登录很慢', 'negative', [['app', 'negative']]],
    ['客户经理很专业，非常耐心', 'positive', [['rm', 'positive']]],
    ['投顾服务费太贵了', 'negative', [['fees', 'negative']]],
    ['收益稳健，很满意', 'positive', [['returns', 'positive']]],
    ['产品说明看不懂，信息不透明', 'negative', [['product_info', 'negative']]],
    ['客服电话一直没人接，很失望', 'negative', [['service', 'negative']]],
    // Aspect sentiment: each topic takes the sentiment of its own clause.
    [
      '客户经理很专业；但是 App 总是闪退',
      'neutral',
      [
        ['app', 'negative'],
        ['rm', 'positive'],
      ],
    ],
    // Negation flips a positive cue (the conversation engine's rule).
    ['客服态度不热情', 'negative', [['service', 'negative']]],
    ['', 'neutral', []],
  ];
  it.each(cases)('%s', (text, sentiment, topics) => {
    const t = tagComment(text);
    expect(t.sentiment).toBe(sentiment);
    expect(t.topics.map((m) => [m.topic, m.sentiment]).sort()).toEqual(topics.sort());
  });

  it('accepts an LLM answer only inside the taxonomy', () => {
    expect(
      commentTagsFromLlm({ sentiment: 'negative', topics: [{ topic: 'fees', sentiment: 'negative' }] }),
    ).toEqual({ sentiment: 'negative', score: -1, topics: [{ topic: 'fees', sentiment: 'negative' }] });
    expect(commentTagsFromLlm({ sentiment: 'angry', topics: [] })).toBeNull();
    expect(
      commentTagsFromLlm({ sentiment: 'neutral', topics: [{ topic: 'weather', sentiment: 'neutral' }] }),
    ).toBeNull();
  });
});

describe('survey summary', () => {
  it('counts NPS classes, the distribution, CSAT means and topic × sentiment', () => {
    const s = summarizeSurvey([
      {
        nps: 10,
        csat: { csat_a: 5 },
        sentiment: 'positive',
        topics: [{ topic: 'rm', sentiment: 'positive' }],
      },
      { nps: 7, csat: { csat_a: null }, sentiment: 'neutral', topics: [] },
      {
        nps: 3,
        csat: { csat_a: 2 },
        sentiment: 'negative',
        topics: [{ topic: 'app', sentiment: 'negative' }],
      },
      {
        nps: 6,
        csat: { csat_a: 3 },
        sentiment: 'negative',
        topics: [{ topic: 'app', sentiment: 'negative' }],
      },
    ]);
    expect(s).toMatchObject({ responses: 4, promoters: 1, passives: 1, detractors: 2, nps_score: -25 });
    expect(s.distribution).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1]);
    expect(s.csat).toEqual([{ item: 'csat_a', mean: 10 / 3, answered: 3 }]);
    expect(s.topics.find((t) => t.topic === 'app')).toMatchObject({ negative: 2, positive: 0 });
  });
});
