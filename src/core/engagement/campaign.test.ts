import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketRanges, chooseVariation, hashToUnit } from '../experiment/hashing.js';
import { srmPValue } from '../experiment/srm.js';
import type { CampaignDefinition } from './campaign.js';
import {
  assignArm,
  campaignIssues,
  campaignMessage,
  campaignVariations,
  campaignWeights,
  draftTemplateFindings,
  parseCampaign,
  renderTemplate,
  templateFindings,
} from './campaign.js';

const BODY = '尊敬的客户，{{products}} 正在发售，欢迎通过手机银行了解详情。基金有风险，投资需谨慎。';

const input = (over: Record<string, unknown> = {}) => ({
  key: 'spring-fund',
  name: '春季基金活动',
  target: { rule: { attr: 'aum', op: 'gte', value: 10000 } },
  arms: [
    {
      key: 'a',
      weight: 1,
      message: { channel: 'app', purpose: 'marketing', body: BODY, products: ['F001'] },
    },
    {
      key: 'b',
      weight: 1,
      message: { channel: 'sms', purpose: 'marketing', body: BODY, products: ['F002'] },
    },
  ],
  startAt: '2026-03-01T09:00:00+08:00',
  ...over,
});

const def = (over: Record<string, unknown> = {}): CampaignDefinition => parseCampaign(input(over));

describe('campaign model', () => {
  it('applies the defaults: 10 % holdout, offered-products conversion, 14-day window, no end', () => {
    const d = def();
    expect([d.holdout, d.conversion, d.windowDays, d.endAt, d.prePeriodDays]).toEqual([
      0.1,
      { kind: 'offered_products' },
      14,
      null,
      90,
    ]);
    expect(campaignVariations(d)).toEqual(['holdout', 'a', 'b']);
    expect(campaignWeights(d)).toEqual([0.1, 0.45, 0.45]);
  });

  it('takes a fixed customer list as target and names a repeated or bad id by its index', () => {
    expect(def({ target: { customerIds: [3, 1, 2] } }).target).toEqual({ customerIds: [3, 1, 2] });
    const issues = (customerIds: unknown) => campaignIssues(input({ target: { customerIds } }));
    expect(issues([5, 6, 5]).map((i) => [i.path, i.message])).toEqual([
      ['campaign.target.customerIds[2]', 'customer 5 is listed twice'],
    ]);
    expect(issues([]).map((i) => i.path)).toContain('campaign.target.customerIds');
    expect(issues([1, -2]).map((i) => i.path)).toContain('campaign.target.customerIds[1]');
  });

  it('names the path and the fix of each bad field', () => {
    const paths = (over: Record<string, unknown>) => campaignIssues(input(over)).map((i) => i.path);
    expect(paths({ holdout: 0.6 })).toEqual(['campaign.holdout']);
    expect(
      paths({
        arms: [{ key: 'a', weight: 0, message: { channel: 'app', purpose: 'marketing', body: BODY } }],
      }),
    ).toContain('campaign.arms');
    expect(paths({ target: { rule: { all: [{ attr: 'salary', op: 'gt', value: 1 }] } } })).toEqual([
      'campaign.target.rule.all[0].attr',
    ]);
    expect(paths({ endAt: '2026-02-01T00:00:00Z' })).toEqual(['campaign.endAt']);
    const dup = input();
    dup.arms[1]!.key = 'a';
    expect(campaignIssues(dup).map((i) => i.path)).toEqual(['campaign.arms[1].key']);
    const holdoutKey = input();
    holdoutKey.arms[0]!.key = 'holdout';
    expect(campaignIssues(holdoutKey)[0]!.message).toMatch(/reserved/);
    const unknownVar = input();
    unknownVar.arms[0]!.message.body = '您好 {{name}}';
    expect(campaignIssues(unknownVar)).toEqual([
      { path: 'campaign.arms[0].message.body', message: expect.stringMatching(/\{\{name\}\}/) as string },
    ]);
    expect(() => parseCampaign(input({ holdout: -1 }))).toThrow(/campaign\.holdout/);
  });

  it('refuses a service purpose: campaign messages are marketing', () => {
    const bad = input();
    (bad.arms[0]!.message as { purpose: string }).purpose = 'service';
    expect(campaignIssues(bad).map((i) => i.path)).toEqual(['campaign.arms[0].message.purpose']);
  });
});

describe('campaign assignment', () => {
  it('is the GrowthBook v2 bucket of (campaign key, customer id) for any customer', () => {
    const d = def({ holdout: 0.2 });
    const ranges = bucketRanges(3, 1, campaignWeights(d));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (id) => {
        const n = hashToUnit(d.key, String(id), 2)!;
        expect(assignArm(d, id)).toBe(campaignVariations(d)[chooseVariation(n, ranges)]);
        expect(assignArm(d, id)).toBe(assignArm(def({ holdout: 0.2 }), id));
      }),
    );
  });

  it('splits a few thousand customers by the weights within tolerance and passes the SRM check', () => {
    const d = def({ holdout: 0.2 });
    const counts = new Map<string, number>();
    const N = 6000;
    for (let id = 1; id <= N; id++) counts.set(assignArm(d, id), (counts.get(assignArm(d, id)) ?? 0) + 1);
    const observed = campaignVariations(d).map((v) => counts.get(v) ?? 0);
    campaignWeights(d).forEach((w, i) => expect(Math.abs(observed[i]! / N - w)).toBeLessThan(0.02));
    expect(srmPValue(observed, campaignWeights(d))).toBeGreaterThan(0.001);
  });

  it('moves customers when the key changes (a new experiment is a new draw)', () => {
    const a = def();
    const b = def({ key: 'autumn-fund' });
    const differ = Array.from({ length: 500 }, (_, i) => i + 1).filter(
      (id) => assignArm(a, id) !== assignArm(b, id),
    );
    expect(differ.length).toBeGreaterThan(100);
  });
});

describe('campaign messages', () => {
  it('sends nothing to the holdout and one keyed marketing message to a treated customer', () => {
    const d = def();
    const now = new Date('2026-03-02T00:00:00Z');
    expect(campaignMessage(d, 'holdout', 42, now)).toBeNull();
    const m = campaignMessage(d, 'b', 42, now)!;
    expect(m).toMatchObject({
      key: 'campaign:spring-fund:42',
      customerId: 42,
      channel: 'sms',
      purpose: 'marketing',
      productCodes: ['F002'],
      source: { kind: 'campaign', ref: 'spring-fund' },
    });
    expect(m.body).toContain('F002 正在发售');
    expect(m.notBefore).toBeUndefined();
    expect(campaignMessage(d, 'a', 42, new Date('2026-02-01T00:00:00Z'))!.notBefore).toBe(d.startAt);
  });

  it('renders known placeholders and leaves others as written', () => {
    expect(renderTemplate('{{ campaign }}: {{products}} {{x}}', { campaign: 'C', products: 'P' })).toBe(
      'C: P {{x}}',
    );
  });

  it('finds the forbidden promise "稳赚不赔" in a template at save time', () => {
    const bad = input();
    bad.arms[1]!.message.body = '稳赚不赔，{{products}} 限时发售！基金有风险，投资需谨慎。';
    const r = templateFindings(parseCampaign(bad), () => 'hybrid', new Date('2026-03-01T00:00:00Z'));
    expect(r[0]!.findings.filter((f) => f.blocking)).toEqual([]);
    const v = r[1]!.findings.find((f) => f.kind === 'compliance_violation');
    expect(v).toMatchObject({ rule: 'guarantee', match: '稳赚不赔', blocking: true });
    expect(r[1]!.path).toBe('campaign.arms[1].message.body');
  });

  it('flags "稳赚不赔" in a draft whose other fields are not filled in yet (the live check)', () => {
    const draft = {
      arms: [
        { key: 'a', weight: 1, message: { channel: 'app', purpose: 'marketing', body: '稳赚不赔' } },
        {},
      ],
    };
    const r = draftTemplateFindings(draft, () => undefined, new Date('2026-03-01T00:00:00Z'));
    expect(r).toHaveLength(1);
    expect(r[0]!.findings).toContainEqual(expect.objectContaining({ rule: 'guarantee', match: '稳赚不赔' }));
  });
});
