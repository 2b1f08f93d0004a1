import { readFileSync } from 'node:fs';
import { benchmarkFile } from './benchmarks.js';

/**
 * Loaders for the public reference data used by the causal / experiment tests (core tests may not do I/O
 * themselves: the lint forbids node:* imports under src/core). Each returns null when the data is absent,
 * after benchmarkFile has printed the skip message.
 */
export const readBenchmarkJson = <T>(...parts: string[]): T | null => {
  const p = benchmarkFile(...parts);
  return p ? (JSON.parse(readFileSync(p, 'utf8')) as T) : null;
};

export type NumericTable = { columns: string[]; data: Map<string, Float64Array>; n: number };

/** A numeric CSV (comma separated, optional header) as named Float64Array columns; c0, c1, … without header. */
export const readNumericCsv = (parts: string[], opts: { header?: boolean } = {}): NumericTable | null => {
  const p = benchmarkFile(...parts);
  if (!p) return null;
  const lines = readFileSync(p, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = opts.header ?? true;
  const first = lines[0]!.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
  const columns = header ? first : first.map((_, i) => `c${i}`);
  const body = header ? lines.slice(1) : lines;
  const cols = columns.map(() => new Float64Array(body.length));
  body.forEach((line, r) => {
    line.split(',').forEach((cell, c) => {
      if (c < cols.length) cols[c]![r] = Number(cell.trim().replace(/^"|"$/g, ''));
    });
  });
  return { columns, data: new Map(columns.map((c, i) => [c, cols[i]!])), n: body.length };
};
