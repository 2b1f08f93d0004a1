import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-graph-'));

/** income → price → interest → purchase, income → purchase; a text column that discovery skips. */
const writeWorld = (): string => {
  const rng = createRng(9);
  const rows = ['income,price,interest,purchase,branch'];
  for (let i = 0; i < 2000; i++) {
    const income = rng.normal();
    const price = 5 + 0.5 * income + rng.normal();
    const interest = 10 - 0.8 * price + 0.5 * rng.normal();
    const purchase = 0.3 * interest + 0.6 * income + 0.3 * rng.normal();
    rows.push(`${income},${price},${interest},${purchase},B${i % 3}`);
  }
  const f = join(dir, 'world.csv');
  writeFileSync(f, rows.join('\n'));
  return f;
};

describe('caiban causal discover / whatif', () => {
  const data = writeWorld();

  it('discovers the factor graph with tiers and edge-strength CIs', async () => {
    const tiers = join(dir, 'tiers.json');
    writeFileSync(tiers, JSON.stringify([['income'], ['price'], ['interest'], ['purchase']]));
    const r = await runCli([
      'causal',
      'discover',
      '--data',
      data,
      '--tiers',
      tiers,
      '--bootstrap',
      '50',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('branch');
    const out = JSON.parse(r.stdout) as {
      edges: Array<{
        from: string;
        to: string;
        directed: boolean;
        strength: number;
        ci_low: number;
        ci_high: number;
      }>;
    };
    const keys = out.edges.map((e) => `${e.from}->${e.to}`).sort();
    expect(keys).toEqual(['income->price', 'income->purchase', 'interest->purchase', 'price->interest']);
    for (const e of out.edges) {
      expect(e.directed).toBe(true);
      expect(e.ci_low).toBeLessThanOrEqual(e.strength);
      expect(e.ci_high).toBeGreaterThanOrEqual(e.strength);
    }
  });

  it('what-if on a given graph: price += 1 lowers purchase by ≈ 0.24 with a CI', async () => {
    const graph = join(dir, 'graph.json');
    writeFileSync(
      graph,
      JSON.stringify({
        edges: [
          { from: 'income', to: 'price' },
          { from: 'price', to: 'interest' },
          { from: 'interest', to: 'purchase' },
          { from: 'income', to: 'purchase' },
        ],
      }),
    );
    const r = await runCli([
      'causal',
      'whatif',
      '--data',
      data,
      '--outcome',
      'purchase',
      '--intervene',
      'price+=1',
      '--graph',
      graph,
      '--bootstrap',
      '50',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      baseline_mean: number;
      intervened_mean: number;
      effect: number;
      ci_low: number;
      ci_high: number;
    };
    expect(out.effect).toBeCloseTo(-0.24, 1);
    expect(out.ci_low).toBeLessThan(out.effect);
    expect(out.ci_high).toBeGreaterThan(out.effect);
  });

  it('what-if with only --confounders builds the adjustment graph', async () => {
    const r = await runCli([
      'causal',
      'whatif',
      '--data',
      data,
      '--outcome',
      'purchase',
      '--intervene',
      'price>=6',
      '--confounders',
      'income',
      '--bootstrap',
      '0',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { effect: number; graph: { edges: unknown[] } };
    expect(out.effect).toBeLessThan(0);
    expect(out.graph.edges).toHaveLength(3);
  });

  it('a malformed intervention is bad input (exit 2)', async () => {
    const r = await runCli([
      'causal',
      'whatif',
      '--data',
      data,
      '--outcome',
      'purchase',
      '--intervene',
      'price<4',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--intervene');
  });
});
