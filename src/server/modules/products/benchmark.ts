/**
 * A product's performance benchmark (业绩比较基准) as the composite its prospectus names — e.g.
 * "中债综合指数收益率×60%+沪深300指数收益率×40%" — built from the index series in the database, rebalanced
 * daily to the stated weights, as fund platforms chart it.
 */

/** One term of a benchmark formula: its text ("沪深300指数收益率") and weight (0.6). */
export type BenchmarkTerm = { text: string; weight: number };

/** Where a term's returns come from: an index series in the database or a fixed annual deposit rate. */
export type TermSource =
  | { kind: 'index'; code: string; label: string; weight: number }
  | { kind: 'rate'; annual: number; label: string; weight: number };

const TERM = /^(.+?)\s*[×xX*]\s*(\d+(?:\.\d+)?)\s*[%％]$/;

/**
 * The terms of a benchmark formula: "A×60%+B×40%" → [{A, 0.6}, {B, 0.4}]; a single name without a weight is
 * 100 %. null when the text is not a formula whose weights add up to 100 %.
 */
export const parseBenchmark = (text: string): BenchmarkTerm[] | null => {
  const parts = text
    .split(/[+＋]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) return null;
  if (parts.length === 1 && !TERM.test(parts[0]!)) return [{ text: parts[0]!, weight: 1 }];
  const terms: BenchmarkTerm[] = [];
  for (const p of parts) {
    const m = TERM.exec(p);
    if (m === null) return null;
    terms.push({ text: m[1]!, weight: Number(m[2]) / 100 });
  }
  const total = terms.reduce((s, t) => s + t.weight, 0);
  return Math.abs(total - 1) < 1e-9 ? terms : null;
};

/** Index families a benchmark text may name, by the code of their series in the database. */
const INDEX_FAMILIES: ReadonlyArray<[RegExp, string]> = [
  [/^沪深\s*300/, 'CSI300'],
  [/^中证\s*500/, 'CSI500'],
  [/^中债综合/, 'CBA'],
  [/^MSCI\s*全球/i, 'GLOBAL'],
  [/^货币市场/, 'CNYMM'],
];

/** PBoC benchmark deposit rates (annual) for the deposit-rate terms of a benchmark. */
const DEPOSIT_RATES: ReadonlyArray<[RegExp, number]> = [
  [/活期存款/, 0.0035],
  [/七天通知存款/, 0.0135],
];

/** The label of a term in the displayed name: the formula text without the trailing "收益率"/"利率(税后)". */
const shortLabel = (text: string): string => text.replace(/(指数)?收益率(\(.*\))?$/, '').trim() || text;

/**
 * Resolves every term to a source. A term naming no index the database holds ("标的指数", "中证行业指数") uses
 * the product's proxy index (`proxy`, the products.benchmark_index column) under that index's own name, so the
 * label never claims more than what was computed. null when a term cannot be resolved at all.
 */
export const resolveTerms = (
  terms: readonly BenchmarkTerm[],
  proxy: string | null,
  indexNames: ReadonlyMap<string, string>,
): TermSource[] | null => {
  const out: TermSource[] = [];
  for (const t of terms) {
    const rate = DEPOSIT_RATES.find(([re]) => re.test(t.text));
    if (rate !== undefined) {
      out.push({ kind: 'rate', annual: rate[1], label: shortLabel(t.text), weight: t.weight });
      continue;
    }
    const family = INDEX_FAMILIES.find(([re]) => re.test(t.text));
    if (family !== undefined && indexNames.has(family[1])) {
      out.push({ kind: 'index', code: family[1], label: shortLabel(t.text), weight: t.weight });
      continue;
    }
    if (proxy === null || !indexNames.has(proxy)) return null;
    out.push({ kind: 'index', code: proxy, label: indexNames.get(proxy)!, weight: t.weight });
  }
  return out;
};

/** "中债综合×60%+沪深300×40%" (a single term is named alone). */
export const benchmarkName = (sources: readonly TermSource[]): string =>
  sources.length === 1
    ? sources[0]!.label
    : sources.map((s) => `${s.label}×${Math.round(s.weight * 1000) / 10}%`).join('+');

/** A dated close series. */
export type CloseSeries = { dates: readonly string[]; close: ArrayLike<number> };

/** The close on or before each of `dates` (carried forward over the index's holidays); null before its start. */
const carriedForward = (dates: readonly string[], s: CloseSeries): Float64Array | null => {
  const out = new Float64Array(dates.length);
  let j = -1;
  for (let i = 0; i < dates.length; i++) {
    while (j + 1 < s.dates.length && s.dates[j + 1]! <= dates[i]!) j++;
    if (j < 0) return null;
    out[i] = s.close[j]!;
  }
  return out;
};

const DAY_MS = 86_400_000;

/**
 * The composite's level on `dates` (1 on the first date): L_t = L_{t−1}·(1 + Σ w_i·r_i,t), with r_i,t the
 * index's return between the two dates or the deposit rate compounded over the calendar days between them.
 * null when an index has no close on or before the first date.
 */
export const compositeLevels = (
  dates: readonly string[],
  sources: readonly TermSource[],
  series: ReadonlyMap<string, CloseSeries>,
): Float64Array | null => {
  const paths: Array<Float64Array | null> = sources.map((s) => {
    if (s.kind === 'rate') return null;
    const idx = series.get(s.code);
    return idx === undefined ? new Float64Array(0) : carriedForward(dates, idx);
  });
  if (paths.some((p, k) => sources[k]!.kind === 'index' && (p === null || p.length !== dates.length)))
    return null;
  const level = new Float64Array(dates.length);
  if (dates.length === 0) return level;
  level[0] = 1;
  for (let t = 1; t < dates.length; t++) {
    const days = (Date.parse(dates[t]!) - Date.parse(dates[t - 1]!)) / DAY_MS;
    let r = 0;
    sources.forEach((s, k) => {
      const p = paths[k];
      r += s.weight * (s.kind === 'rate' ? (1 + s.annual) ** (days / 365) - 1 : p![t]! / p![t - 1]! - 1);
    });
    level[t] = level[t - 1]! * (1 + r);
  }
  return level;
};

const ANNUAL_RATE =
  /(\d+(?:\.\d+)?)\s*%\s*(?:[–—~～-]|至)\s*(\d+(?:\.\d+)?)\s*%.*年化|(\d+(?:\.\d+)?)\s*%.*年化/;

/**
 * The sources of a product's benchmark: a quoted annual rate or range ("业绩比较基准2.60%–3.60%(年化)", compared
 * at its midpoint, as bank WM reports do), else the formula's terms, else the proxy index alone; null when
 * there is nothing to compute it from.
 */
export const benchmarkSources = (
  text: string,
  proxy: string | null,
  indexNames: ReadonlyMap<string, string>,
): TermSource[] | null => {
  const rate = ANNUAL_RATE.exec(text);
  if (rate !== null) {
    const annual = rate[3] !== undefined ? Number(rate[3]) / 100 : (Number(rate[1]) + Number(rate[2])) / 200;
    const label = rate[3] !== undefined ? text : `${text}中枢${(annual * 100).toFixed(2)}%`;
    return [{ kind: 'rate', annual, label, weight: 1 }];
  }
  const terms = parseBenchmark(text);
  const resolved = terms === null ? null : resolveTerms(terms, proxy, indexNames);
  if (resolved !== null) return resolved;
  if (proxy === null || !indexNames.has(proxy)) return null;
  return [{ kind: 'index', code: proxy, label: indexNames.get(proxy)!, weight: 1 }];
};
