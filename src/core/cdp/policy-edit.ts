import { z } from 'zod';
import { badInput } from '../errors.js';
import { GRADES, TIERS } from '../segment/attributes.js';
import type { CdpPolicy } from './policy.js';

/**
 * The part of the CDP policy operations edit in the console: tier bands (with service modes), grade bands
 * (with benefits) and the value-score weights. Checked strictly: every tier and grade once, in order, bands
 * rising from 0, weights adding up to 100. Errors name the JSON path (`policy.tiers[2].minAumYuan: …`).
 */
export type CdpPolicyEdit = Pick<CdpPolicy, 'tiers' | 'grades' | 'weights'>;

const money = z.number().finite().nonnegative().max(1e12);
const weight = z.number().finite().min(0).max(100);

const Schema = z
  .object({
    tiers: z
      .array(
        z.object({
          tier: z.enum(TIERS),
          minAumYuan: money,
          service: z.enum(['ai', 'human_ai', 'human']),
        }),
      )
      .length(TIERS.length, { message: `give the ${TIERS.length} tiers ${TIERS.join(', ')}` }),
    grades: z
      .array(
        z.object({
          grade: z.enum(GRADES),
          minScore: z.number().finite().min(0).max(100),
          benefits: z.array(z.string().trim().min(1).max(40)).max(20),
        }),
      )
      .length(GRADES.length, { message: `give the ${GRADES.length} grades ${GRADES.join(', ')}` }),
    weights: z.object({ aum: weight, breadth: weight, tenure: weight, payroll: weight, business: weight }),
  })
  .strict()
  .superRefine((p, ctx) => {
    p.tiers.forEach((t, i) => {
      if (t.tier !== TIERS[i])
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'tier'],
          message: `tier ${i + 1} must be ${TIERS[i]}`,
        });
      if (i === 0 && t.minAumYuan !== 0)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 0, 'minAumYuan'],
          message: 'the first band starts at 0',
        });
      if (i > 0 && t.minAumYuan <= p.tiers[i - 1]!.minAumYuan)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'minAumYuan'],
          message: `must be above the previous band (${p.tiers[i - 1]!.minAumYuan})`,
        });
    });
    p.grades.forEach((g, i) => {
      if (g.grade !== GRADES[i])
        ctx.addIssue({
          code: 'custom',
          path: ['grades', i, 'grade'],
          message: `grade ${i + 1} must be ${GRADES[i]}`,
        });
      if (i === 0 && g.minScore !== 0)
        ctx.addIssue({
          code: 'custom',
          path: ['grades', 0, 'minScore'],
          message: 'the first band starts at 0',
        });
      if (i > 0 && g.minScore <= p.grades[i - 1]!.minScore)
        ctx.addIssue({
          code: 'custom',
          path: ['grades', i, 'minScore'],
          message: `must be above the previous band (${p.grades[i - 1]!.minScore})`,
        });
    });
    const sum = Object.values(p.weights).reduce((a, x) => a + x, 0);
    if (Math.abs(sum - 100) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `the weights add up to ${sum}; they must add up to 100`,
      });
  });

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${String(k)}`), 'policy');

/** Checks untrusted JSON as a policy edit; a 400 naming the first problem's JSON path, all problems in details. */
export const parseCdpPolicyEdit = (input: unknown): CdpPolicyEdit => {
  const r = Schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  throw badInput(issues[0]!.path, issues[0]!.message, { issues });
};
