/** The behaviour-event mix of the engagement benches (bench/engagement.ts, bench/engagement-cpu.ts). */
import { createRng } from '../src/core/random.js';

export type Ev = {
  id: string;
  type: string;
  customer: { by: 'customer_id'; value: number };
  occurred_at: string;
  payload: Record<string, unknown>;
};

/**
 * A realistic mix of behaviour events over random customers: mostly logins and product views, a few large
 * transfers (half of them ≥ 50万, which fire leads), abandoned purchases. Seeded, so runs compare.
 */
export const makeEvents = (
  n: number,
  ids: readonly number[],
  codes: readonly string[],
  tag: string,
  at: () => Date,
  seed: number,
): Ev[] => {
  const rng = createRng(seed);
  const rnd = () => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: Ev[] = [];
  for (let i = 0; i < n; i++) {
    const u = rnd();
    const base = { id: `${tag}-${i}`, customer: { by: 'customer_id' as const, value: pick(ids) } };
    const occurred_at = at().toISOString();
    if (u < 0.45) out.push({ ...base, type: 'login', occurred_at, payload: {} });
    else if (u < 0.85)
      out.push({ ...base, type: 'page_view', occurred_at, payload: { product_code: pick(codes) } });
    else if (u < 0.92)
      out.push({ ...base, type: 'purchase_abandoned', occurred_at, payload: { product_code: pick(codes) } });
    else if (u < 0.96)
      out.push({
        ...base,
        type: 'large_transfer_in',
        occurred_at,
        payload: { amount: Math.round(200_000 + rnd() * 800_000) },
      });
    else
      out.push({
        ...base,
        type: 'large_transfer_out',
        occurred_at,
        payload: { amount: Math.round(200_000 + rnd() * 800_000) },
      });
  }
  return out;
};
