import { badInput } from '../errors.js';

/**
 * Turns a table of strings (a CSV/XLSX export, e.g. subscriptions with treatment, outcome and customer
 * traits) into the numeric design that the causal estimators take:
 * - numeric columns as they are; blanks → column mean plus a `<col>_missing` indicator (when any blank);
 * - text columns → one indicator per level except the most frequent (the reference level), so that the
 *   design has no column collinear with the intercept;
 * - without an explicit confounder list, identifier-like text columns (a distinct value in most rows, or
 *   more than 100 levels) are left out and reported.
 */
export type StringTable = { columns: string[]; rows: string[][] };

const MISSING = new Set(['', 'na', 'nan', 'null', 'n/a']);
const POSITIVE = new Set(['1', 'yes', 'true', 'y', 't', '1.0']);
const NEGATIVE = new Set(['0', 'no', 'false', 'n', 'f', '0.0']);

export const isMissingCell = (s: string): boolean => MISSING.has(s.trim().toLowerCase());

const col = (t: StringTable, name: string, flag: string): string[] => {
  const j = t.columns.indexOf(name);
  if (j < 0)
    throw badInput(flag, `column "${name}" not found; the file has columns: ${t.columns.join(', ')}`);
  return t.rows.map((r) => (r[j] ?? '').trim());
};

export type Design = { x: Float64Array; n: number; p: number; names: string[]; skipped: string[] };

const isNumericColumn = (cells: string[]): boolean =>
  cells.every((s) => isMissingCell(s) || Number.isFinite(Number(s)));

/** Encodes the confounder columns (all other columns when `confounders` is undefined). */
export const encodeConfounders = (
  t: StringTable,
  exclude: readonly string[],
  confounders?: readonly string[],
): Design => {
  const explicit = confounders !== undefined;
  const chosen = explicit ? [...confounders] : t.columns.filter((c) => !exclude.includes(c));
  const n = t.rows.length;
  const cols: Float64Array[] = [];
  const names: string[] = [];
  const skipped: string[] = [];
  for (const name of chosen) {
    if (exclude.includes(name)) throw badInput('--confounders', `"${name}" is the treatment or the outcome`);
    const cells = col(t, name, '--confounders');
    if (isNumericColumn(cells)) {
      const v = Float64Array.from(cells, (s) => (isMissingCell(s) ? NaN : Number(s)));
      const obs = v.filter((a) => !Number.isNaN(a));
      if (obs.length === 0) {
        skipped.push(name);
        continue;
      }
      const mean = obs.reduce((a, b) => a + b, 0) / obs.length;
      if (obs.length < n) {
        cols.push(v.map((a) => (Number.isNaN(a) ? 1 : 0)));
        names.push(`${name}_missing`);
      }
      cols.push(v.map((a) => (Number.isNaN(a) ? mean : a)));
      names.push(name);
      continue;
    }
    const counts = new Map<string, number>();
    for (const s of cells) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (!explicit && (counts.size > 100 || counts.size > 0.5 * n)) {
      skipped.push(name);
      continue;
    }
    const levels = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map((e) => e[0]);
    for (const level of levels.slice(1)) {
      cols.push(Float64Array.from(cells, (s) => (s === level ? 1 : 0)));
      names.push(`${name}=${level === '' ? '(blank)' : level}`);
    }
  }
  const p = cols.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = cols[j]![i]!;
  return { x, n, p, names, skipped };
};

/** A 0/1, yes/no, true/false or numeric outcome column as numbers. */
export const encodeOutcome = (t: StringTable, name: string): Float64Array => {
  const cells = col(t, name, '--outcome');
  if (isNumericColumn(cells)) {
    return Float64Array.from(cells, (s, i) => {
      if (isMissingCell(s))
        throw badInput('--outcome', `column "${name}" row ${i + 2} is blank; drop or fill it`);
      return Number(s);
    });
  }
  return Float64Array.from(cells, (s, i) => {
    const v = s.toLowerCase();
    if (POSITIVE.has(v)) return 1;
    if (NEGATIVE.has(v)) return 0;
    throw badInput('--outcome', `column "${name}" row ${i + 2}: "${s}" is neither a number nor yes/no`);
  });
};

export type TreatmentCoding =
  | { kind: 'binary'; t: Float64Array; positive: string; negative: string }
  | { kind: 'continuous'; t: Float64Array }
  | { kind: 'multi'; t: Float64Array; levels: string[]; control: number };

/**
 * Treatment column: two values → binary (treated = 1/yes/true, else the larger / later value); more numeric
 * values → continuous dose when `continuous`, else arms; text with more levels → arms (codes in sorted order),
 * the control arm given by `control` (default: the first level).
 */
export const encodeTreatment = (
  t: StringTable,
  name: string,
  continuous: boolean,
  control?: string,
): TreatmentCoding => {
  const cells = col(t, name, '--treatment');
  cells.forEach((s, i) => {
    if (isMissingCell(s))
      throw badInput('--treatment', `column "${name}" row ${i + 2} is blank; every row needs a treatment`);
  });
  const numeric = isNumericColumn(cells);
  const levels = [...new Set(cells)].sort((a, b) =>
    numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  if (levels.length < 2)
    throw badInput('--treatment', `column "${name}" has a single value; nothing to compare`);
  if (levels.length === 2) {
    const [a, b] = levels as [string, string];
    const positive = POSITIVE.has(a.toLowerCase()) && !POSITIVE.has(b.toLowerCase()) ? a : b;
    const negative = positive === a ? b : a;
    return {
      kind: 'binary',
      t: Float64Array.from(cells, (s) => (s === positive ? 1 : 0)),
      positive,
      negative,
    };
  }
  if (numeric && continuous) return { kind: 'continuous', t: Float64Array.from(cells, Number) };
  if (levels.length > 20) {
    throw badInput(
      '--treatment',
      `column "${name}" has ${levels.length} levels; use --method dml for a continuous dose`,
    );
  }
  const code = new Map(levels.map((l, k) => [l, k]));
  const c = control === undefined ? 0 : code.get(control);
  if (c === undefined)
    throw badInput('--control', `level "${control}" not found; levels: ${levels.join(', ')}`);
  return { kind: 'multi', t: Float64Array.from(cells, (s) => code.get(s)!), levels, control: c };
};

/** Rows whose given columns are all filled (e.g. subscriptions still running have no renewal outcome yet). */
export const completeRows = (
  t: StringTable,
  names: readonly string[],
): { table: StringTable; dropped: number } => {
  const idx = names.map((n) => t.columns.indexOf(n));
  const rows = t.rows.filter((r) => idx.every((j) => j < 0 || !isMissingCell(r[j] ?? '')));
  return { table: { columns: t.columns, rows }, dropped: t.rows.length - rows.length };
};

/** A numeric treatment with fractional values or more than 20 levels is a continuous dose (→ DML). */
export const isDoseColumn = (t: StringTable, name: string): boolean => {
  const cells = col(t, name, '--treatment').filter((s) => !isMissingCell(s));
  if (!isNumericColumn(cells)) return false;
  const levels = new Set(cells.map(Number));
  return levels.size > 2 && (levels.size > 20 || [...levels].some((v) => !Number.isInteger(v)));
};

/**
 * Columns that restate the outcome (every value of the column goes with a single outcome value, e.g. a
 * `status` column of renewed/cancelled next to `renewed`): adjusting for them would explain the effect away,
 * so they are left out of the default confounder set. Identifier-like columns are not considered here.
 */
export const outcomeCopies = (t: StringTable, outcome: string, candidates: readonly string[]): string[] => {
  const y = col(t, outcome, '--outcome');
  if (new Set(y).size < 2) return [];
  return candidates.filter((name) => {
    const cells = col(t, name, '--confounders');
    const seen = new Map<string, string>();
    for (let i = 0; i < cells.length; i++) {
      const prev = seen.get(cells[i]!);
      if (prev === undefined) seen.set(cells[i]!, y[i]!);
      else if (prev !== y[i]) return false;
    }
    return seen.size > 1 && seen.size <= 0.5 * cells.length;
  });
};
