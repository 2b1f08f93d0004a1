import { badInput } from '../errors.js';

/**
 * Turns a table of strings (CSV/XLSX cells) into model matrices. A column whose non-blank cells all parse as
 * finite numbers is numeric; any other column is categorical (codes = index in `categories`, sorted). Blank
 * cells (and NA/NaN) are missing: NaN in the matrix. The target must have exactly two distinct values; the
 * positive class is 1 / yes / true / y (case-insensitive).
 */
export type FeatureColumn =
  { name: string; kind: 'numeric' } | { name: string; kind: 'categorical'; categories: string[] };

export type DatasetSchema = {
  target: string;
  positive: string;
  negative: string;
  features: FeatureColumn[];
};

export type RawTable = { columns: string[]; rows: string[][] };

const MISSING = new Set(['', 'na', 'nan', 'null', 'n/a']);
/** A printable ASCII character other than space: never trimmed. */
const solid = (c: number): boolean => c > 32 && c < 127;
export const isMissing = (s: string): boolean =>
  // Most cells are longer than any missing token with no blank at either end (then trim would change nothing):
  // answered without the trimmed, lower-cased copy.
  !(s.length > 4 && solid(s.charCodeAt(0)) && solid(s.charCodeAt(s.length - 1))) &&
  MISSING.has(s.trim().toLowerCase());
const POSITIVE = new Set(['1', 'yes', 'true', 'y', 't', '1.0']);

const colIndex = (t: RawTable, name: string, flag: string): number => {
  const i = t.columns.indexOf(name);
  if (i < 0)
    throw badInput(flag, `column "${name}" not found; the file has columns: ${t.columns.join(', ')}`);
  return i;
};

export type SchemaOptions = { target: string; drop?: readonly string[]; categorical?: readonly string[] };

export const inferSchema = (t: RawTable, o: SchemaOptions): DatasetSchema => {
  const ti = colIndex(t, o.target, '--target');
  for (const d of o.drop ?? []) colIndex(t, d, '--drop');
  for (const c of o.categorical ?? []) colIndex(t, c, '--categorical');
  const values = new Set<string>();
  t.rows.forEach((r, k) => {
    const v = (r[ti] ?? '').trim();
    if (isMissing(v))
      throw badInput('--target', `column "${o.target}" row ${k + 2} is blank; every row needs a label`);
    values.add(v);
  });
  if (values.size !== 2) {
    throw badInput(
      '--target',
      `column "${o.target}" must have exactly two distinct values (0/1, Yes/No, true/false); found ${values.size}: ${[...values].slice(0, 5).join(', ')}`,
    );
  }
  const [a, b] = [...values].sort();
  const positive = POSITIVE.has(b!.toLowerCase()) ? b! : POSITIVE.has(a!.toLowerCase()) ? a! : b!;
  const negative = positive === a ? b! : a!;
  const skip = new Set([o.target, ...(o.drop ?? [])]);
  const forced = new Set(o.categorical ?? []);
  const features: FeatureColumn[] = [];
  t.columns.forEach((name, j) => {
    if (skip.has(name)) return;
    // Numeric unless declared categorical or a non-missing cell is not a finite number (one pass, no copies).
    let numeric = !forced.has(name);
    for (let k = 0; numeric && k < t.rows.length; k++) {
      const s = t.rows[k]![j] ?? '';
      if (!isMissing(s) && !Number.isFinite(Number(s.trim()))) numeric = false;
    }
    if (numeric) features.push({ name, kind: 'numeric' });
    else {
      const cells = t.rows.map((r) => (r[j] ?? '').trim()).filter((s) => !isMissing(s));
      features.push({ name, kind: 'categorical', categories: [...new Set(cells)].sort() });
    }
  });
  if (features.length === 0) throw badInput('--drop', 'no feature columns are left');
  return { target: o.target, positive, negative, features };
};

/** Row-major n×p matrix: numeric values or category codes; NaN when missing or an unseen category. */
export const encodeFeatures = (
  schema: DatasetSchema,
  t: RawTable,
): { x: Float64Array; n: number; p: number } => {
  const n = t.rows.length;
  const p = schema.features.length;
  const x = new Float64Array(n * p);
  schema.features.forEach((f, j) => {
    const ci = colIndex(t, f.name, '--data');
    const codes = f.kind === 'categorical' ? new Map(f.categories.map((c, k) => [c, k])) : null;
    for (let i = 0; i < n; i++) {
      const s = (t.rows[i]![ci] ?? '').trim();
      if (isMissing(s)) {
        x[i * p + j] = NaN;
      } else if (codes) {
        x[i * p + j] = codes.get(s) ?? NaN;
      } else {
        const v = Number(s);
        if (!Number.isFinite(v))
          throw badInput('--data', `column "${f.name}" row ${i + 2}: "${s}" is not a number`);
        x[i * p + j] = v;
      }
    }
  });
  return { x, n, p };
};

export const encodeTarget = (schema: DatasetSchema, t: RawTable): Float64Array => {
  const ti = colIndex(t, schema.target, '--target');
  return Float64Array.from(t.rows, (r, k) => {
    const v = (r[ti] ?? '').trim();
    if (v === schema.positive) return 1;
    if (v === schema.negative) return 0;
    throw badInput(
      '--target',
      `row ${k + 2}: "${v}" is neither "${schema.positive}" nor "${schema.negative}"`,
    );
  });
};

/**
 * One-hot design for linear models: numeric columns as they are (missing → `fill`, the training mean) and
 * one indicator per category (missing or unseen → all zeros). Returns the expanded names too.
 */
export type OneHotSpec = { names: string[]; fill: Float64Array };

export const fitOneHot = (schema: DatasetSchema, x: Float64Array, n: number): OneHotSpec => {
  const p = schema.features.length;
  const names: string[] = [];
  const fill = new Float64Array(p);
  schema.features.forEach((f, j) => {
    if (f.kind === 'categorical') {
      for (const c of f.categories) names.push(`${f.name}=${c}`);
      return;
    }
    names.push(f.name);
    let s = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + j]!;
      if (!Number.isNaN(v)) {
        s += v;
        m++;
      }
    }
    fill[j] = m > 0 ? s / m : 0;
  });
  return { names, fill };
};

export const applyOneHot = (
  schema: DatasetSchema,
  spec: OneHotSpec,
  x: Float64Array,
  n: number,
): Float64Array => {
  const p = schema.features.length;
  const q = spec.names.length;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    let o = i * q;
    schema.features.forEach((f, j) => {
      const v = x[i * p + j]!;
      if (f.kind === 'categorical') {
        if (!Number.isNaN(v)) out[o + v] = 1;
        o += f.categories.length;
      } else {
        out[o++] = Number.isNaN(v) ? spec.fill[j]! : v;
      }
    });
  }
  return out;
};
