import { readFileSync } from 'node:fs';
import { benchmarkFile } from './benchmarks.js';

/**
 * Reads a reference file of `../shared/benchmarks` for core tests (core may not import node:fs itself).
 * Returns null, after benchmarkFile's skip message, when the data is absent.
 */
export const readBenchmarkText = (...parts: string[]): string | null => {
  const p = benchmarkFile(...parts);
  return p ? readFileSync(p, 'utf8') : null;
};

export const readBenchmarkJson = <T>(...parts: string[]): T | null => {
  const t = readBenchmarkText(...parts);
  return t === null ? null : (JSON.parse(t) as T);
};

/**
 * A price table: first column dates, then one column per asset; blank cells are NaN. Rows as Float64Array.
 */
export type PriceTable = { dates: string[]; assets: string[]; rows: Float64Array[] };

export const readPriceCsv = (...parts: string[]): PriceTable | null => {
  const t = readBenchmarkText(...parts);
  if (t === null) return null;
  const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  const assets = header.slice(1);
  const dates: string[] = [];
  const rows: Float64Array[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    dates.push(cells[0]!);
    rows.push(
      Float64Array.from(assets, (_, j) => ((cells[j + 1] ?? '') === '' ? NaN : Number(cells[j + 1]))),
    );
  }
  return { dates, assets, rows };
};

/** The same table by asset: one Float64Array per column (the core `Panel` shape). */
export const readPricePanel = (
  ...parts: string[]
): { dates: string[]; assets: string[]; cols: Float64Array[] } | null => {
  const t = readPriceCsv(...parts);
  if (!t) return null;
  return {
    dates: t.dates,
    assets: t.assets,
    cols: t.assets.map((_, j) => Float64Array.from(t.rows, (r) => r[j]!)),
  };
};
