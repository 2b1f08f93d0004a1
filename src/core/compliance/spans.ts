/** A half-open range [s, e) of the normalised text. */
export type Span = { readonly s: number; readonly e: number };

/** Spans sorted by start, with the longest length, for range queries in O(log n + k). */
export type SpanIndex<T extends Span> = { readonly items: readonly T[]; readonly maxLen: number };

export const indexSpans = <T extends Span>(xs: readonly T[]): SpanIndex<T> => {
  const items = [...xs].sort((a, b) => a.s - b.s || a.e - b.e);
  let maxLen = 0;
  for (const x of items) if (x.e - x.s > maxLen) maxLen = x.e - x.s;
  return { items, maxLen };
};

/** First position whose start is ≥ `x` (binary search). */
const lowerBound = <T extends Span>(items: readonly T[], x: number): number => {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.s < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Does a span starting in [lo, hi] satisfy `pred`? */
export const someStartingIn = <T extends Span>(
  idx: SpanIndex<T>,
  lo: number,
  hi: number,
  pred: (x: T) => boolean,
): boolean => {
  for (let i = lowerBound(idx.items, lo); i < idx.items.length && idx.items[i]!.s <= hi; i++) {
    if (pred(idx.items[i]!)) return true;
  }
  return false;
};

export const covers = (outer: Span, inner: Span): boolean => outer.s <= inner.s && outer.e >= inner.e;

/** Does a span of the index cover `target` (and satisfy `pred`)? */
export const someCovering = <T extends Span>(
  idx: SpanIndex<T>,
  target: Span,
  pred: (x: T) => boolean = () => true,
): boolean => someStartingIn(idx, target.e - idx.maxLen, target.s, (x) => x.e >= target.e && pred(x));

/**
 * Segment bounds (clauses or sentences) of a text split at `breaks`, precomputed in O(n): the segment of
 * [i, j) starts after the last break before i and ends at the first break at or after j.
 */
export type Segments = { readonly startAt: Int32Array; readonly endAt: Int32Array };

export const segmentsOf = (text: string, breaks: ReadonlySet<number>): Segments => {
  const n = text.length;
  const startAt = new Int32Array(n + 1);
  const endAt = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) startAt[i] = breaks.has(text.charCodeAt(i - 1)) ? i : startAt[i - 1]!;
  endAt[n] = n;
  for (let j = n - 1; j >= 0; j--) endAt[j] = breaks.has(text.charCodeAt(j)) ? j : endAt[j + 1]!;
  return { startAt, endAt };
};

export const segmentOf = (seg: Segments, s: number, e: number): Span => ({
  s: seg.startAt[s]!,
  e: seg.endAt[e]!,
});
