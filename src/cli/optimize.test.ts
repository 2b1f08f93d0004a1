import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../test/support/benchmarks.js';
import { runCli } from './testing.js';

const prices = benchmarkFile('portfolio', 'pypfopt_stock_prices.csv');
const rfPrices = benchmarkFile('portfolio', 'riskfolio_stock_prices.csv');

type Out = {
  weights: Record<string, number>;
  expected_return: number;
  volatility: number;
  sharpe: number;
  risk_contributions: Record<string, number>;
};

describe.skipIf(!prices)('caiban optimize', () => {
  it('prints the PyPortfolioOpt max-Sharpe answer (0.30478, 0.22166, 1.28477)', async () => {
    const res = await runCli([
      'optimize',
      '--prices',
      prices!,
      '--objective',
      'max-sharpe',
      '--rf',
      '0.02',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as Out;
    expect(out.expected_return).toBeCloseTo(0.30478, 5);
    expect(out.volatility).toBeCloseTo(0.22166, 5);
    expect(out.sharpe).toBeCloseTo(1.28477, 5);
    expect(Math.abs(Object.values(out.weights).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    expect(Object.values(out.risk_contributions).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('efficient-risk hits the target volatility; missing target is a usage error', async () => {
    const ok = await runCli([
      'optimize',
      '--prices',
      prices!,
      '--objective',
      'efficient-risk',
      '--target-volatility',
      '0.19',
      '--json',
    ]);
    expect((JSON.parse(ok.stdout) as Out).volatility).toBeCloseTo(0.19, 9);
    const bad = await runCli(['optimize', '--prices', prices!, '--objective', 'efficient-risk', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--target-volatility');
  });

  it('rejects an unknown objective naming the flag', async () => {
    const res = await runCli(['optimize', '--prices', prices!, '--objective', 'moon', '--json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--objective');
  });
});

describe.skipIf(!rfPrices)('caiban optimize risk parity', () => {
  it('gives equal risk contributions on the Riskfolio data over the last 200 returns', async () => {
    const res = await runCli([
      'optimize',
      '--prices',
      rfPrices!,
      '--objective',
      'risk-parity',
      '--last',
      '200',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as Out;
    for (const rc of Object.values(out.risk_contributions)) expect(rc).toBeCloseTo(1 / 11, 10);
  });
});
