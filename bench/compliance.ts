/**
 * Latency of the marketing-compliance linter on chat-sized texts (issue 6: < 0.2 ms median for 200
 * characters). Prints one JSON report on stdout. Run: npx tsx bench/compliance.ts
 */
import { DEFAULT_RULE_SET, compileRuleSet, lintText } from '../src/core/compliance/index.js';

const TEXTS = {
  compliant:
    '您好，根据您的风险测评结果（平衡型），可以关注中低风险的固收+产品。该类产品以债券为主、少量配置权益资产，净值会随市场波动，' +
    '建议持有一年以上以平滑短期波动。本产品为非保本浮动收益型，不保证本金和收益。业绩比较基准不构成收益承诺。' +
    '理财非存款、产品有风险、投资须谨慎。过往业绩不代表未来表现。本内容由AI生成，仅供参考。' +
    '如需了解产品说明书、风险揭示书和销售文件，请咨询您的理财经理或登录手机银行查看详情，感谢您的信任与支持。',
  violating:
    '好消息！这款理财保本保息，零 风险，收益有保障，相当于存款但收益更高。专家推荐，同类排名第一，近一年收益12%，' +
    '预计收益率5%以上，正收益概率超过九成。國家背書，穩賺不賠，万人抢购，额度有限，先到先得！错过再等一年，赶快联系您的理财经理，' +
    '最好的投资机会就在眼前，不要犹豫。政府兜底，绝对安全，比银行存款还安全，收益最强的理财产品就是它，老客户都说好！' +
    '预期年化回报8%，有望翻倍，央行担保，万无一失，本行王牌，销量冠军，首只同类产品。',
};

const percentile = (sorted: Float64Array, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const measure = (text: string, iterations: number) => {
  if (text.length !== 200) throw new Error(`bench text must be 200 characters, got ${text.length}`);
  const opts = { productType: 'bank_wm', aiGenerated: true } as const;
  for (let i = 0; i < 2000; i++) lintText(text, opts);
  const times = new Float64Array(iterations);
  let findings = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    const r = lintText(text, opts);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    findings = r.violations.length + r.missing.length;
  }
  times.sort();
  return {
    chars: text.length,
    findings,
    median_ms: Number(percentile(times, 0.5).toFixed(4)),
    p99_ms: Number(percentile(times, 0.99).toFixed(4)),
    mean_ms: Number((times.reduce((s, x) => s + x, 0) / iterations).toFixed(4)),
  };
};

/** A 100 000-character document (e.g. a product brochure): the linter stays linear in the text length. */
const measureLong = () => {
  const text = (TEXTS.compliant + TEXTS.violating).repeat(Math.ceil(100_000 / 400)).slice(0, 100_000);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    lintText(text, { productType: 'fund' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { chars: text.length, median_ms: Number(times[3]!.toFixed(2)) };
};

const t0 = process.hrtime.bigint();
compileRuleSet(DEFAULT_RULE_SET);
const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
const iterations = 20000;
const report = {
  bench: 'compliance-lint',
  rule_set_version: DEFAULT_RULE_SET.version,
  compile_ms: Number(compileMs.toFixed(3)),
  iterations,
  target_median_ms: 0.2,
  compliant_200: measure(TEXTS.compliant.slice(0, 200), iterations),
  violating_200: measure(TEXTS.violating.slice(0, 200), iterations),
  long_text: measureLong(),
  node: process.version,
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
