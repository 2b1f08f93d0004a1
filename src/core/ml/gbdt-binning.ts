import { badInput } from '../errors.js';

/**
 * Feature discretisation for the histogram GBDT (LightGBM's BinMapper idea, Ke et al. 2017). Every feature
 * gets at most `maxBin` (≤ 255) value bins plus bin 0 for missing values, so one Uint8 holds a binned cell.
 * Numeric: bin b ≥ 1 holds values in (upper[b−2], upper[b−1]]; the last upper bound is +∞. Categorical: bin b
 * ≥ 1 holds the category code `codes[b−1]` (most frequent first); rare or unseen codes share bin 0 with missing.
 */
export type FeatureBins =
  { kind: 'numeric'; upper: Float64Array } | { kind: 'categorical'; codes: Int32Array };

export type BinMapper = { features: FeatureBins[] };

/** Number of bins of a feature including the missing bin 0. */
export const binCount = (f: FeatureBins): number =>
  f.kind === 'numeric' ? f.upper.length + 1 : f.codes.length + 1;

/** How many rows are sampled to place numeric bin boundaries (as LightGBM's bin_construct_sample_cnt). */
const SAMPLE_ROWS = 200_000;

/**
 * Numeric bin upper bounds from the distinct values of a sample: each distinct value gets its own bin when
 * there are ≤ maxBin of them; otherwise boundaries sit at (approximately) equal-count quantiles, never
 * splitting a run of equal values. Boundaries are midpoints between adjacent distinct values.
 */
export const numericUpperBounds = (values: Float64Array, maxBin: number): Float64Array => {
  // Manual NaN filter: typed-array filter() with a callback is several times slower.
  const finite = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) finite[m++] = v;
  }
  if (m === 0) return Float64Array.of(Infinity);
  const sorted = finite.subarray(0, m).sort();
  const distinct = new Float64Array(m);
  const counts = new Int32Array(m);
  let d = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct[d] = sorted[i]!;
      counts[d++] = 1;
    } else counts[d - 1] = counts[d - 1]! + 1;
  }
  const bounds: number[] = [];
  if (d <= maxBin) {
    for (let i = 0; i + 1 < d; i++) bounds.push((distinct[i]! + distinct[i + 1]!) / 2);
  } else {
    let remaining = m;
    let binsLeft = maxBin;
    let acc = 0;
    for (let i = 0; i + 1 < d && binsLeft > 1; i++) {
      acc += counts[i]!;
      // Close the bin once it holds its share of what is left; a heavy value gets a bin of its own.
      if (acc >= remaining / binsLeft || counts[i + 1]! >= remaining / binsLeft) {
        bounds.push((distinct[i]! + distinct[i + 1]!) / 2);
        remaining -= acc;
        acc = 0;
        binsLeft--;
      }
    }
  }
  bounds.push(Infinity);
  return Float64Array.from(bounds);
};

const categoricalCodes = (values: Float64Array, maxBin: number, column: number): Int32Array => {
  const freq = new Map<number, number>();
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 0) {
      throw badInput(`feature ${column}`, `categorical value ${v} must be a non-negative integer code`);
    }
    freq.set(v, (freq.get(v) ?? 0) + 1);
  }
  const sorted = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return Int32Array.from(sorted.slice(0, maxBin).map(([code]) => code));
};

/** Strided sample of a column (deterministic; no RNG needed for binning). */
const columnSample = (x: Float64Array, n: number, p: number, j: number): Float64Array => {
  const step = n > SAMPLE_ROWS ? n / SAMPLE_ROWS : 1;
  const m = Math.min(n, SAMPLE_ROWS);
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) out[k] = x[Math.floor(k * step) * p + j]!;
  return out;
};

export const fitBinMapper = (
  x: Float64Array,
  n: number,
  p: number,
  categorical: readonly boolean[],
  maxBin = 255,
): BinMapper => {
  if (maxBin < 2 || maxBin > 255) throw badInput('maxBin', `must be in [2, 255], got ${maxBin}`);
  const features: FeatureBins[] = [];
  for (let j = 0; j < p; j++) {
    if (categorical[j]) {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = x[i * p + j]!;
      features.push({ kind: 'categorical', codes: categoricalCodes(col, maxBin, j) });
    } else {
      features.push({ kind: 'numeric', upper: numericUpperBounds(columnSample(x, n, p, j), maxBin) });
    }
  }
  return { features };
};

/** Bin of one numeric value: 0 when missing, else 1 + index of the first upper bound ≥ v. */
export const numericBin = (upper: Float64Array, v: number): number => {
  if (Number.isNaN(v)) return 0;
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (upper[mid]! >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
};

/**
 * Row-major n×p Uint8Array of bins. Rows are read in storage order (one pass over X: a column-by-column walk of
 * a row-major matrix would stream all of X once per feature).
 */
export const applyBinMapper = (
  mapper: BinMapper,
  x: Float64Array,
  n: number,
  out: Uint8Array = new Uint8Array(n * mapper.features.length),
): Uint8Array => {
  const p = mapper.features.length;
  if (x.length !== n * p) throw badInput('X', `has ${x.length} values, expected ${n}·${p}`);
  // Numeric: upper bounds padded to 256 with +∞ so that an unrolled 8-step search needs no bounds checks.
  const pads = mapper.features.map((f) => {
    if (f.kind !== 'numeric') return null;
    const pad = new Float64Array(256).fill(Infinity);
    pad.set(f.upper);
    return pad;
  });
  const lookups = mapper.features.map((f) =>
    f.kind === 'categorical' ? new Map(Array.from(f.codes, (c, b) => [c, b + 1])) : null,
  );
  for (let o = 0; o < n * p; o += p) {
    for (let j = 0; j < p; j++) {
      const v = x[o + j]!;
      const pad = pads[j];
      if (!pad) {
        out[o + j] = lookups[j]!.get(v) ?? 0;
        continue;
      }
      if (v !== v) {
        out[o + j] = 0; // NaN → bin 0
        continue;
      }
      // Branch-free steps (the comparisons are unpredictable): Number(true) = 1.
      let pos = Number(pad[127]! < v) << 7;
      pos += Number(pad[pos + 63]! < v) << 6;
      pos += Number(pad[pos + 31]! < v) << 5;
      pos += Number(pad[pos + 15]! < v) << 4;
      pos += Number(pad[pos + 7]! < v) << 3;
      pos += Number(pad[pos + 3]! < v) << 2;
      pos += Number(pad[pos + 1]! < v) << 1;
      pos += Number(pad[pos]! < v);
      out[o + j] = pos + 1;
    }
  }
  return out;
};
