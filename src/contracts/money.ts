/**
 * Money crosses the API as decimal strings in yuan with 2 decimals ("1234.50"): exact, and JSON cannot turn
 * it into a binary float. Storage keeps integer fen.
 */
export const fenToYuan = (fen: number): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen amount ${fen} is not a safe integer`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
};

/** "1234.5" / "1234.50" / "-0.07" → integer fen; throws on anything that is not a plain decimal. */
export const yuanToFen = (yuan: string): number => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (m === null) throw new RangeError(`not a yuan amount: ${yuan}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
};
