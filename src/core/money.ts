/**
 * Money amounts in core: storage and the API keep integer fen; engines compute in yuan as numbers. These are
 * the only conversions and the one display formatter (contracts/money.ts turns fen into API strings).
 */

/** Yuan (a float from a computation) → integer fen, rounded to the nearest fen. */
export const fenOfYuan = (yuan: number): number => Math.round(yuan * 100);

/** Integer fen → yuan as a number with exactly the fen's two decimals (integer arithmetic, no binary drift). */
export const yuanOfFen = (fen: number): number =>
  Number(BigInt(fen) / 100n) + Number(BigInt(fen) % 100n) / 100;

/**
 * Fen as yuan for people: thousands separators and `decimals` (2 → "12,345.60"; 0 → "12,346", rounded to the
 * yuan).
 */
export const yuanText = (fen: number, decimals: 0 | 2 = 2): string => {
  const abs = Math.abs(Math.round(decimals === 0 ? fen / 100 : fen));
  const whole = decimals === 0 ? abs : Math.floor(abs / 100);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = fen < 0 && abs > 0 ? '-' : '';
  return decimals === 0 ? `${sign}${grouped}` : `${sign}${grouped}.${String(abs % 100).padStart(2, '0')}`;
};
