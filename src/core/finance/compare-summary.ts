import type { FundComparison } from './compare.js';

const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

/** Index of the largest value by `key` (ties: the earlier product). */
const argBest = (
  rows: readonly FundComparison[],
  key: (r: FundComparison) => number,
  higher: boolean,
): number => {
  let best = 0;
  rows.forEach((r, i) => {
    const v = key(r);
    const b = key(rows[best]!);
    if (Number.isFinite(v) && (!Number.isFinite(b) || (higher ? v > b : v < b))) best = i;
  });
  return best;
};

/**
 * Plain-language comparison text built only from the computed numbers. Wording is factual and comparative
 * ("高于其余产品" / "higher than the others"): no superlatives, no promises, always with the period and the
 * past-performance disclaimer the compliance rules require.
 */
export const compareSummary = (
  rows: readonly FundComparison[],
  correlation: number[][],
  window: { start: string; end: string },
): { zh: string; en: string } => {
  const others = rows.length === 2 ? '另一只产品' : '其余产品';
  const othersEn = rows.length === 2 ? 'the other product' : 'the others';
  const ret = argBest(rows, (r) => r.annual_return, true);
  const vol = argBest(rows, (r) => r.annual_volatility, false);
  const dd = argBest(rows, (r) => r.max_drawdown, true);
  const sh = argBest(rows, (r) => r.sharpe, true);
  const R = (i: number): FundComparison => rows[i]!;
  const zh: string[] = [`统计区间 ${window.start} 至 ${window.end}（共同存续区间）。`];
  const en: string[] = [`Period: ${window.start} to ${window.end} (common history).`];
  zh.push(`年化收益率：${R(ret).name} 为 ${pct(R(ret).annual_return)}，高于${others}。`);
  en.push(`Annualised return: ${R(ret).name} ${pct(R(ret).annual_return)}, higher than ${othersEn}.`);
  zh.push(
    `波动：${R(vol).name} 年化波动率 ${pct(R(vol).annual_volatility)}，低于${others}，净值走势相对更平稳。`,
  );
  en.push(
    `Volatility: ${R(vol).name} ${pct(R(vol).annual_volatility)} a year, lower than ${othersEn}, a steadier path.`,
  );
  const d = R(dd);
  const rec = d.recovery_periods === null ? '区间内尚未修复' : `约 ${d.recovery_periods} 个交易日修复`;
  const recEn =
    d.recovery_periods === null
      ? 'not yet recovered in the period'
      : `recovered in about ${d.recovery_periods} trading days`;
  zh.push(`回撤：${d.name} 区间内最大回撤 ${pct(Math.abs(d.max_drawdown))}，小于${others}（${rec}）。`);
  en.push(
    `Drawdown: ${d.name} fell at most ${pct(Math.abs(d.max_drawdown))}, less than ${othersEn} (${recEn}).`,
  );
  const slow = rows.filter((r) => r.recovery_periods === null).map((r) => r.name);
  if (slow.length > 0) {
    zh.push(`${slow.join('、')} 的最大回撤在区间结束时尚未修复。`);
    en.push(`${slow.join(', ')} had not recovered from the deepest fall by the end of the period.`);
  }
  if (sh !== ret) {
    zh.push(
      `按夏普比率衡量，${R(sh).name} 每承担一单位波动获得的超额收益更多（${R(sh).sharpe.toFixed(2)}）；${R(ret).name} 收益更高，但代价是更大的波动。`,
    );
    en.push(
      `${R(sh).name} earned more per unit of risk (Sharpe ${R(sh).sharpe.toFixed(2)}); ${R(ret).name} returned more at the cost of higher volatility.`,
    );
  } else {
    zh.push(`${R(sh).name} 的夏普比率为 ${R(sh).sharpe.toFixed(2)}，风险调整后收益也高于${others}。`);
    en.push(`${R(sh).name} also has the higher risk-adjusted return (Sharpe ${R(sh).sharpe.toFixed(2)}).`);
  }
  const corr = correlationSentence(rows, correlation);
  zh.push(corr.zh);
  en.push(corr.en);
  zh.push('以上数据基于历史净值计算，过往业绩不预示未来表现，基金投资有风险。');
  en.push(
    'Figures are computed from historical NAVs; past performance does not indicate future results. Investing involves risk.',
  );
  return { zh: zh.join(''), en: en.join(' ') };
};

/** The most correlated pair and what it means for holding both. */
const correlationSentence = (
  rows: readonly FundComparison[],
  correlation: number[][],
): { zh: string; en: string } => {
  let maxC = -2;
  let pair: [number, number] = [0, 1];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      if (correlation[i]![j]! > maxC) [maxC, pair] = [correlation[i]![j]!, [i, j]];
    }
  }
  const a = rows[pair[0]]!.name;
  const b = rows[pair[1]]!.name;
  if (maxC >= 0.8) {
    return {
      zh: `${a} 与 ${b} 的日收益相关系数为 ${maxC.toFixed(2)}，走势高度同步，同时持有的分散效果有限。`,
      en: `${a} and ${b} move closely together (correlation ${maxC.toFixed(2)}); holding both adds little diversification.`,
    };
  }
  return {
    zh: `产品之间的收益相关系数不超过 ${maxC.toFixed(2)}，组合持有有一定分散作用。`,
    en: `Correlations are at most ${maxC.toFixed(2)}, so combining them diversifies to some extent.`,
  };
};
