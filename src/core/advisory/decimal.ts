import { badInput } from '../errors.js';

/** A stored decimal: the database's numeric as a string ("1234.56") or a number with at most `scale` decimals. */
export type DecimalValue = string | number;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal as an integer count of 10^−scale (units with scale 2 → hundredths, NAV with scale 4 → 1/10 000).
 * Exact for strings; a number is accepted when it carries at most `scale` decimals (a float parsed from the
 * stored numeric rounds back exactly). Bad input names `field`.
 */
export const toScaled = (v: DecimalValue, scale: number, field: string): number => {
  let out: number;
  if (typeof v === 'string') {
    const m = DECIMAL.exec(v.trim());
    if (m === null) throw badInput(field, `expected a decimal number, got "${v}"`);
    const frac = (m[3] ?? '').replace(/0+$/, '');
    if (frac.length > scale) throw badInput(field, `"${v}" has more than ${scale} decimals`);
    out = Number(m[2]) * 10 ** scale + Number(frac.padEnd(scale, '0') || '0');
    if (m[1] === '-') out = -out;
  } else {
    if (!Number.isFinite(v)) throw badInput(field, `expected a finite number, got ${v}`);
    const scaled = v * 10 ** scale;
    out = Math.round(scaled);
    if (Math.abs(scaled - out) > 1e-6 * Math.max(1, Math.abs(scaled)))
      throw badInput(field, `${v} has more than ${scale} decimals`);
  }
  if (!Number.isSafeInteger(out)) throw badInput(field, `${String(v)} is too large`);
  return out;
};

/** Integer division rounding half away from zero (bank rounding of a displayed amount). */
const divRound = (num: bigint, den: bigint): bigint => {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < den) return q;
  return num < 0n ? q - 1n : q + 1n;
};

/**
 * Market value in fen of `unitsCents` hundredths of a unit at `nav4` ten-thousandths of a yuan:
 * units × NAV has 6 decimals of a yuan, rounded half away from zero to the fen. Exact (BigInt when the product
 * leaves the safe-integer range).
 */
export const valueFen = (unitsCents: number, nav4: number): number => {
  const p = unitsCents * nav4;
  if (Math.abs(p) < Number.MAX_SAFE_INTEGER) {
    const r = p % 10_000;
    const q = (p - r) / 10_000;
    if (Math.abs(r) * 2 < 10_000) return q;
    return p < 0 ? q - 1 : q + 1;
  }
  return Number(divRound(BigInt(unitsCents) * BigInt(nav4), 10_000n));
};

/** Fen as a yuan decimal string with two decimals ("-12.30"). */
export const fenText = (fen: number): string => {
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
};
