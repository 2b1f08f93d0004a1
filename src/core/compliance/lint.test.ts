import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './builtin.js';
import { lintText } from './lint.js';
import { compileRuleSet, extendRuleSet, type RuleSetExtension } from './rule-set.js';
import INSURANCE_EXTENSION from './extensions/insurance-disclosures.json' with { type: 'json' };
import type { RuleSet } from './types.js';

describe('compliance linter — result shape', () => {
  it('reports rule, original match, span, message and a suggested rewording', () => {
    const text = '好消息：本产品 保 本 保 息！';
    const r = lintText(text);
    expect(r.ok).toBe(false);
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0]!;
    expect([v.rule, v.match, text.slice(v.start, v.end)]).toEqual([
      'guarantee',
      '保 本 保 息',
      '保 本 保 息',
    ]);
    expect(v.message).toContain('保本');
    expect(v.suggestion).toBe('本产品不保证本金和收益，产品有风险，投资须谨慎');
    expect(r.rule_set_version).toBe(DEFAULT_RULE_SET.version);
  });

  it('names the missing disclosure and where an undated performance figure is', () => {
    const text = '本基金年化收益率达8%。';
    const r = lintText(text, { productType: 'fund' });
    expect(r.missing).toEqual([
      'missing_disclosure',
      'missing_past_performance_disclaimer',
      'missing_period',
    ]);
    const period = r.missing_details.find((d) => d.rule === 'missing_period')!;
    expect(text.slice(period.start, period.end)).toBe('年化收益率达8%');
    expect(r.missing_details.find((d) => d.rule === 'missing_disclosure')?.suggestion).toBe(
      '基金有风险，投资需谨慎',
    );
  });

  it('recommends the benchmark note as an advisory without failing the text', () => {
    const r = lintText('业绩比较基准为3.2%。');
    expect(r.ok).toBe(true);
    expect(r.advisories.map((a) => a.code)).toEqual(['benchmark_note_recommended']);
    expect(lintText('业绩比较基准为3.2%，业绩比较基准不构成收益承诺。').advisories).toEqual([]);
  });

  it('refuses an unknown product type, naming the field', () => {
    expect(() => lintText('x', { productType: 'stock' as never })).toThrow(/product_type/);
  });

  it('handles an empty text and a long text', () => {
    expect(lintText('').ok).toBe(true);
    const long = '市场有波动，请理性投资。'.repeat(5000) + '保本';
    const r = lintText(long);
    expect(r.violations.map((v) => v.start)).toEqual([long.length - 2]);
  });
});

describe('compliance linter — rule sets are data', () => {
  it('an institution extends the built-in set with its own terms and exemptions and the version records it', () => {
    const bank = extendRuleSet(DEFAULT_RULE_SET, {
      id: 'bank-x',
      version: '3',
      forbidden: [{ id: 'bank-x.slang', rule: 'guarantee', terms: ['闭眼买'] }],
      exemptPhrases: ['最佳持有期'],
    });
    expect(bank.version).toBe(`${DEFAULT_RULE_SET.version}+bank-x@3`);
    expect(lintText('闭眼买！', { ruleSet: bank }).violations.map((v) => v.match)).toEqual(['闭眼买']);
    expect(lintText('闭眼买！').ok).toBe(true);
    expect(lintText('建议最佳持有期为三年。', { ruleSet: bank }).ok).toBe(true);
    expect(lintText('建议最佳持有期为三年。').ok).toBe(false);
    expect(lintText('x', { ruleSet: bank }).rule_set_id).toBe('bank-x');
  });

  it('an institution can switch a built-in term off', () => {
    const rs = extendRuleSet(DEFAULT_RULE_SET, { id: 'ins-y', version: '1', removeTerms: ['首选'] });
    expect(lintText('稳健投资者的首选。', { ruleSet: rs }).ok).toBe(true);
    expect(lintText('稳健投资者的首选。').ok).toBe(false);
  });

  it('a bad rule set is refused, naming the field', () => {
    const bad: RuleSet = {
      ...DEFAULT_RULE_SET,
      forbidden: [{ id: 'x', rule: 'guarantee', patterns: ['(unclosed'] }],
    };
    expect(() => compileRuleSet(bad)).toThrow(
      /ruleSet\.forbidden\[0\]\.patterns\[0\]: invalid regular expression/,
    );
    expect(() => extendRuleSet(DEFAULT_RULE_SET, { id: 'x', version: '' })).toThrow(/extension\.version/);
    expect(() =>
      compileRuleSet({
        ...DEFAULT_RULE_SET,
        forbidden: [{ id: 'y', rule: 'nonsense' as never, terms: ['a'] }],
      }),
    ).toThrow(/ruleSet\.forbidden\[0\]\.rule/);
  });
});

describe('compliance linter — properties', () => {
  const terms = ['保本', '零风险', '稳赚不赔', '保证收益', '相当于存款', '刚性兑付'];
  const filler = fc.constantFrom('', '您好，', '这款产品', '请了解：', '本期');
  const sep = fc.constantFrom('', ' ', '-', '·', '\u3000', '*');

  it('a forbidden term split by spaces or separators is still found, with a span that covers it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terms), sep, filler, filler, (term, s, before, after) => {
        const written = [...term].join(s);
        const text = `${before}${written}${after}`;
        const r = lintText(text);
        const v = r.violations.find((x) => x.match.includes(written) || written.includes(x.match));
        expect(v, text).toBeDefined();
        expect(text.slice(v!.start, v!.end)).toBe(v!.match);
      }),
      { numRuns: 200 },
    );
  });

  it('a term directly negated by 不/非/并非/不承诺 does not count', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('保本', '保息', '保收益', '无风险'),
        fc.constantFrom('非', '并非', '不承诺', '不保证'),
        (term, neg) => {
          expect(lintText(`本产品${neg}${term}。`).violations).toEqual([]);
        },
      ),
    );
  });
});

describe('compliance linter — the extension example of docs/rules.md', () => {
  it('compiles and applies every part of the documented example', () => {
    const rs = extendRuleSet(DEFAULT_RULE_SET, {
      id: 'bank-x',
      version: '3',
      forbidden: [{ id: 'bank-x.slang', rule: 'guarantee', terms: ['闭眼买'] }],
      removeTerms: ['首选'],
      exemptPhrases: ['最佳持有期'],
      negators: [{ phrase: '不含', maxGap: 2 }],
      disclosures: [
        {
          id: 'bank-x.wm',
          productTypes: ['bank_wm'],
          patterns: ['本行仅为代销机构'],
          text: { zh: '本行仅为代销机构', en: 'The bank only distributes this product' },
        },
      ],
    });
    expect(rs.version).toBe('2026.2.0+bank-x@3');
    expect(lintText('本产品不含保本条款。', { ruleSet: rs }).ok).toBe(true);
    expect(lintText('本产品不含保本条款。').ok).toBe(false);
    const wm = lintText('理财非存款、产品有风险、投资须谨慎。', { productType: 'bank_wm', ruleSet: rs });
    expect(wm.missing_details.map((d) => d.ref)).toEqual(['bank-x.wm']);
    const ok = lintText('本行仅为代销机构。理财非存款、产品有风险、投资须谨慎。', {
      productType: 'bank_wm',
      ruleSet: rs,
    });
    expect(ok.ok).toBe(true);
  });
});

describe('compliance linter — malformed extensions', () => {
  it('names the field of a malformed institution extension instead of crashing', () => {
    const ext = (x: object) => () => extendRuleSet(DEFAULT_RULE_SET, { id: 'x', version: '1', ...x });
    expect(ext({ forbidden: 'nope' })).toThrow(/extension\.forbidden: expected a list/);
    expect(ext({ forbidden: [{ id: 'g', rule: 'guarantee', terms: '保本' }] })).toThrow(
      /forbidden\[\d+\]\.terms/,
    );
    expect(ext({ negators: [{ phrase: '不含' }] })).toThrow(/negators\[\d+\]\.maxGap/);
    expect(ext({ disclosures: [{ id: 'd', productTypes: ['fund'], patterns: [] }] })).toThrow(
      /disclosures\[\d+\]\.patterns/,
    );
  });
});

describe('compliance linter — insurance (regulation.md §2 names no insurance disclosure)', () => {
  /** Compliant insurance texts the former built-in insurance disclosures flagged as missing_disclosure. */
  const COMPLIANT = [
    '这款年金险可锁定长期保障。',
    '分红型年金险，适合有长期储蓄需求的客户，欢迎到网点咨询。',
    '重疾险可在确诊后一次性给付保险金，详情请咨询您的客户经理。',
  ];

  it('passes compliant insurance texts under the built-in rules', () => {
    for (const text of COMPLIANT) {
      const r = lintText(text, { productType: 'insurance' });
      expect(r.missing, text).toEqual([]);
      expect(r.ok, text).toBe(true);
    }
  });

  it('still flags forbidden wording in insurance texts', () => {
    const r = lintText('这款增额终身寿险稳赚不赔。', { productType: 'insurance' });
    expect(r.ok).toBe(false);
  });

  it('lets an institution add its own insurance rule from a JSON file at runtime', () => {
    // The JSON as `caiban compliance check --rules insurance-disclosures.json` reads it.
    const rs = extendRuleSet(
      DEFAULT_RULE_SET,
      JSON.parse(JSON.stringify(INSURANCE_EXTENSION)) as RuleSetExtension,
    );
    expect(rs.version).toBe('2026.2.0+insurance-disclosures@1');
    const plain = lintText('这款年金险可锁定长期保障。', { productType: 'insurance', ruleSet: rs });
    expect(plain.missing_details.map((d) => d.ref)).toEqual(['insurance.read_terms']);
    const dividend = lintText('分红型年金险，投保前请仔细阅读保险条款。', {
      productType: 'insurance',
      ruleSet: rs,
    });
    expect(dividend.missing_details.map((d) => d.ref)).toEqual(['insurance.dividend_uncertain']);
    const ok = lintText('分红型年金险，红利分配是不确定的，投保前请认真阅读保险合同。', {
      productType: 'insurance',
      ruleSet: rs,
    });
    expect(ok.ok).toBe(true);
    // The institution's rule applies to its rule set only; the built-in set is unchanged.
    expect(lintText('这款年金险可锁定长期保障。', { productType: 'insurance' }).ok).toBe(true);
  });
});
