import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is bench/support.ts). */
export const repoRootPath = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A price CSV (date column then one column per asset, blanks = NaN) by asset, or null when absent. */
export const readPricePanel = (path: string): { assets: string[]; cols: Float64Array[] } | null => {
  if (!existsSync(path)) {
    process.stderr.write(`bench: ${path} is absent; skipping that problem\n`);
    return null;
  }
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const assets = lines[0]!.split(',').slice(1);
  const rows = lines.slice(1).map((l) => l.split(','));
  return {
    assets,
    cols: assets.map((_, j) => Float64Array.from(rows, (r) => (r[j + 1] ? Number(r[j + 1]) : NaN))),
  };
};
