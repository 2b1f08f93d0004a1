import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import {
  CHANNELS,
  CIVIL_CAPACITIES,
  INITIATORS,
  INVESTOR_LEVELS,
  PRODUCT_RISK_LEVELS,
  checkSuitability,
  type SuitabilityInput,
} from '../core/suitability/index.js';
import { runCli } from './testing.js';

const pick = <T>(xs: readonly T[], u: number): T => xs[Math.floor(u * xs.length)]!;

const toArgs = (input: SuitabilityInput): string[] => {
  const args = ['suitability', 'check', '--investor', input.investor, '--product', input.product];
  args.push('--channel', input.channel, '--initiated-by', input.initiatedBy!, '--age', String(input.age));
  args.push('--civil-capacity', input.civilCapacity!, '--on', input.on!);
  if (input.lowestCategory === true) args.push('--lowest-category');
  if (input.professional === true) args.push('--professional');
  if (input.assessedAt !== undefined) args.push('--assessed-at', input.assessedAt);
  return [...args, '--json'];
};

/** A seeded sample of combinations (the customer-initiated securities case is fixed so every decision shows). */
const sample = (n: number): SuitabilityInput[] => {
  const rng = createRng(6);
  const out: SuitabilityInput[] = [
    {
      investor: 'C2',
      product: 'R4',
      channel: 'securities',
      initiatedBy: 'customer',
      age: 70,
      civilCapacity: 'full',
      on: '2026-02-28',
      assessedAt: '2024-02-29',
    },
  ];
  for (let k = 0; k < n; k++) {
    const channel = pick(CHANNELS, rng.next());
    out.push({
      investor: pick(INVESTOR_LEVELS, rng.next()),
      product: pick(PRODUCT_RISK_LEVELS, rng.next()),
      channel,
      initiatedBy: pick(INITIATORS, rng.next()),
      age: pick([30, 64, 65, 80], rng.next()),
      lowestCategory: rng.next() < 0.1,
      professional: rng.next() < 0.1,
      civilCapacity: pick([...CIVIL_CAPACITIES, 'full', 'full', 'full'] as const, rng.next()),
      on: pick(channel === 'bank' ? ['2025-02-28', '2025-03-01'] : ['2026-02-28', '2026-03-01'], rng.next()),
      ...(rng.next() < 0.85 ? { assessedAt: '2024-02-29' } : {}),
    });
  }
  return out;
};

describe('caiban suitability check', () => {
  it('gives the same decision, flags and reasons as the library over a sample of combinations', async () => {
    const decisions = new Set<string>();
    for (const input of sample(100)) {
      const args = toArgs(input);
      const res = await runCli(args);
      expect(res.code, res.stderr).toBe(0);
      const got = JSON.parse(res.stdout) as Record<string, unknown>;
      const want = checkSuitability(input);
      expect({
        args,
        got: [got.decision, got.may_recommend, got.enhanced_duty, got.reasons, got.rule],
      }).toEqual({
        args,
        got: [want.decision, want.may_recommend, want.enhanced_duty, want.reasons, want.rule],
      });
      expect(got.policy_version).toBe(want.policy_version);
      decisions.add(want.decision);
    }
    expect([...decisions].sort()).toEqual(['ALLOW', 'DENY', 'WARN_CONFIRM']);
  });

  it('exits 2 naming the flag when a level or a date is invalid', async () => {
    const bad = await runCli([
      'suitability',
      'check',
      '--investor',
      'C6',
      '--product',
      'R1',
      '--channel',
      'bank',
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--investor');
    const date = await runCli([
      'suitability',
      'check',
      '--investor',
      'C2',
      '--product',
      'R1',
      '--channel',
      'bank',
      '--assessed-at',
      '2025-02-30',
      '--on',
      '2025-03-01',
      '--json',
    ]);
    expect(date.code).toBe(2);
    expect((JSON.parse(date.stdout) as { error: { message: string } }).error.message).toContain(
      '--assessed-at',
    );
  });

  it('applies an institution policy file and reports its version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caiban-policy-'));
    const file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify({ version: 'bank-x-1', validityMonths: { bank: 6 } }));
    const res = await runCli([
      'suitability',
      'check',
      '--investor',
      'C3',
      '--product',
      'R2',
      '--channel',
      'bank',
      '--assessed-at',
      '2025-01-31',
      '--on',
      '2025-08-01',
      '--policy',
      file,
      '--json',
    ]);
    const out = JSON.parse(res.stdout) as { decision: string; reasons: string[]; policy_version: string };
    expect([out.decision, out.reasons[0], out.policy_version]).toEqual([
      'DENY',
      'ASSESSMENT_EXPIRED',
      'bank-x-1',
    ]);
  });
});

describe('caiban suitability score and frequency', () => {
  it('scores an answers file and signals a level change that needs re-confirmation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caiban-answers-'));
    const file = join(dir, 'answers.json');
    const answers = {
      Q1: 'B',
      Q2: 'C',
      Q3: 'C',
      Q4: 'C',
      Q5: 'C',
      Q6: ['B', 'C'],
      Q7: 'B',
      Q8: 'B',
      Q9: 'C',
      Q10: 'C',
      Q11: 'B',
      Q12: 'B',
    };
    await writeFile(file, JSON.stringify(answers));
    const res = await runCli(['suitability', 'score', '--answers', file, '--previous-level', 'C2', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as {
      level: string;
      level_change: { requires_reconfirmation: boolean };
    };
    expect(out.level).toBe('C3');
    expect(out.level_change.requires_reconfirmation).toBe(true);
    await writeFile(file, JSON.stringify({ ...answers, Q9: undefined }));
    const missing = await runCli(['suitability', 'score', '--answers', file, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('answers.Q9');
  });

  it('refuses a third assessment on the same day', async () => {
    const res = await runCli([
      'suitability',
      'frequency',
      '--history',
      '2026-01-05,2026-01-05',
      '--on',
      '2026-01-05',
      '--json',
    ]);
    const out = JSON.parse(res.stdout) as { allowed: boolean; next_allowed_on: string };
    expect([out.allowed, out.next_allowed_on]).toEqual([false, '2026-01-06']);
  });
});
