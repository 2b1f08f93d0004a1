import { z } from 'zod';
import { AppError } from '../errors.js';
import { PRODUCT_TYPES } from '../product-types.js';
import type { ProductType } from '../product-types.js';
import type { Attribute, AttrSpec, Op } from './attributes.js';
import { ATTRIBUTE_NAMES, ATTRIBUTES, OPS, opsOf, PRODUCT_RISKS } from './attributes.js';

/**
 * A segment rule (CLI.md "Customer data"): a tree of `all` / `any` / `not` over leaves that test an attribute,
 * a tag, a count of recent events or a holding. `parseRule` checks untrusted JSON and returns the typed tree;
 * every problem names the JSON path of the offending node (`rule.all[1].any[0].attr`).
 */
export type Scalar = number | string | boolean;
export type AttrLeaf = { attr: Attribute; op: Op; value: Scalar | Scalar[] };
export type TagLeaf = { tag: string };
export type EventLeaf = { event: string; min_count: number; days: number };
export type HoldsLeaf = {
  holds: { product_type?: ProductType; risk_level_gte?: (typeof PRODUCT_RISKS)[number]; min_value?: number };
};
export type Rule =
  { all: Rule[] } | { any: Rule[] } | { not: Rule } | AttrLeaf | TagLeaf | EventLeaf | HoldsLeaf;

export const RULE_LIMITS = { depth: 12, nodes: 300, inValues: 200 } as const;

export type RuleIssue = { path: string; message: string };

const pathOf = (base: string, rest: readonly PropertyKey[]): string =>
  rest.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), base);

const TAG_KEY = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,39}$/;

const TagSchema = z.strictObject({
  tag: z.string().regex(TAG_KEY, { message: 'a tag key is 1–64 of a-z 0-9 _ . : - (lowercase)' }),
});
const EventSchema = z.strictObject({
  event: z.string().regex(EVENT_TYPE, { message: 'an event type is a snake_case name such as "login"' }),
  min_count: z.number().int().min(0).max(1_000_000),
  days: z.number().int().min(1).max(3650),
});
const HoldsSchema = z.strictObject({
  holds: z.strictObject({
    product_type: z.enum(PRODUCT_TYPES).optional(),
    risk_level_gte: z.enum(PRODUCT_RISKS).optional(),
    min_value: z.number().min(0).max(1e13).optional(),
  }),
});
const AttrShape = z.strictObject({ attr: z.string(), op: z.string(), value: z.unknown() });

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The problem with one scalar value of an attribute, or null when it fits. */
const scalarProblem = (spec: AttrSpec, v: unknown): string | null => {
  switch (spec.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'expected a number';
      if (spec.integer && !Number.isInteger(v)) return 'expected an integer';
      if (v < spec.min || v > spec.max) return `expected a number from ${spec.min} to ${spec.max}`;
      return null;
    case 'ordinal':
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v)
        ? null
        : `expected one of ${spec.values.join(', ')}`;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'expected true or false';
    case 'date':
      return typeof v === 'string' && ISO_DATE.test(v) ? null : 'expected a date YYYY-MM-DD';
  }
};

const attrIssues = (node: Record<string, unknown>, path: string): RuleIssue[] => {
  const shape = AttrShape.safeParse(node);
  if (!shape.success)
    return shape.error.issues.map((i) => ({ path: pathOf(path, i.path), message: i.message }));
  const { attr, op, value } = shape.data;
  if (!(ATTRIBUTE_NAMES as string[]).includes(attr))
    return [
      { path: `${path}.attr`, message: `unknown attribute "${attr}"; known: ${ATTRIBUTE_NAMES.join(', ')}` },
    ];
  const spec = ATTRIBUTES[attr as Attribute];
  const allowed = opsOf(spec);
  if (!(OPS as readonly string[]).includes(op) || !allowed.includes(op as Op))
    return [
      {
        path: `${path}.op`,
        message: `operator "${op}" does not apply to ${attr}; use ${allowed.join(', ')}`,
      },
    ];
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > RULE_LIMITS.inValues)
      return [{ path: `${path}.value`, message: `"in" takes a list of 1 to ${RULE_LIMITS.inValues} values` }];
    return value.flatMap((v, i) => {
      const p = scalarProblem(spec, v);
      return p === null ? [] : [{ path: `${path}.value[${i}]`, message: `${attr}: ${p}` }];
    });
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2)
      return [{ path: `${path}.value`, message: '"between" takes [low, high] (both included)' }];
    const issues = value.flatMap((v, i) => {
      const p = scalarProblem(spec, v);
      return p === null ? [] : [{ path: `${path}.value[${i}]`, message: `${attr}: ${p}` }];
    });
    return issues;
  }
  const p = scalarProblem(spec, value);
  return p === null ? [] : [{ path: `${path}.value`, message: `${attr}: ${p}` }];
};

const KINDS = ['all', 'any', 'not', 'attr', 'tag', 'event', 'holds'] as const;

/** Checks one node and its children; collects issues instead of stopping at the first. */
const check = (
  node: unknown,
  path: string,
  depth: number,
  count: { n: number },
  issues: RuleIssue[],
): void => {
  count.n += 1;
  if (count.n > RULE_LIMITS.nodes) {
    if (count.n === RULE_LIMITS.nodes + 1)
      issues.push({ path, message: `a rule has at most ${RULE_LIMITS.nodes} nodes` });
    return;
  }
  if (depth > RULE_LIMITS.depth) {
    issues.push({ path, message: `a rule nests at most ${RULE_LIMITS.depth} levels` });
    return;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push({ path, message: `expected an object with one of ${KINDS.join(', ')}` });
    return;
  }
  const o = node as Record<string, unknown>;
  const kinds = KINDS.filter((k) => k in o);
  if (kinds.length !== 1) {
    issues.push({
      path,
      message:
        kinds.length === 0
          ? `expected one of ${KINDS.join(', ')} (keys given: ${Object.keys(o).join(', ') || 'none'})`
          : `a node is one of ${KINDS.join(', ')}, not several (${kinds.join(', ')})`,
    });
    return;
  }
  const kind = kinds[0]!;
  const extra = (allowed: string[]) =>
    Object.keys(o)
      .filter((k) => !allowed.includes(k))
      .map((k) => ({ path: `${path}.${k}`, message: `unexpected key "${k}" in a "${kind}" node` }));
  switch (kind) {
    case 'all':
    case 'any': {
      issues.push(...extra([kind]));
      const list = o[kind];
      if (!Array.isArray(list) || list.length === 0) {
        issues.push({ path: `${path}.${kind}`, message: `"${kind}" takes a non-empty list of rules` });
        return;
      }
      list.forEach((child, i) => check(child, `${path}.${kind}[${i}]`, depth + 1, count, issues));
      return;
    }
    case 'not':
      issues.push(...extra(['not']));
      check(o.not, `${path}.not`, depth + 1, count, issues);
      return;
    case 'attr':
      issues.push(...attrIssues(o, path));
      return;
    case 'tag':
    case 'event':
    case 'holds': {
      const schema = kind === 'tag' ? TagSchema : kind === 'event' ? EventSchema : HoldsSchema;
      const r = schema.safeParse(o);
      if (!r.success)
        issues.push(...r.error.issues.map((i) => ({ path: pathOf(path, i.path), message: i.message })));
      return;
    }
  }
};

/** The issues of an untrusted rule (empty when valid); paths start at `root`. */
export const ruleIssues = (input: unknown, root = 'rule'): RuleIssue[] => {
  const issues: RuleIssue[] = [];
  check(input, root, 1, { n: 0 }, issues);
  return issues;
};

/** The typed rule, or BAD_INPUT naming the JSON path of the first offending node (all issues in details). */
export const parseRule = (input: unknown, root = 'rule'): Rule => {
  const issues = ruleIssues(input, root);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new AppError('BAD_INPUT', `${first.path}: ${first.message}`, { field: first.path, issues });
  }
  return input as Rule;
};

export const isAll = (r: Rule): r is { all: Rule[] } => 'all' in r;
export const isAny = (r: Rule): r is { any: Rule[] } => 'any' in r;
export const isNot = (r: Rule): r is { not: Rule } => 'not' in r;
export const isAttr = (r: Rule): r is AttrLeaf => 'attr' in r;
export const isTag = (r: Rule): r is TagLeaf => 'tag' in r;
export const isEvent = (r: Rule): r is EventLeaf => 'event' in r;

/** The longest event window (days) a rule counts; 0 when it reads no events (its value cannot change on an event). */
export const eventDaysOf = (r: Rule): number => {
  if (isAll(r)) return Math.max(0, ...r.all.map(eventDaysOf));
  if (isAny(r)) return Math.max(0, ...r.any.map(eventDaysOf));
  if (isNot(r)) return eventDaysOf(r.not);
  return isEvent(r) ? r.days : 0;
};
export const isHolds = (r: Rule): r is HoldsLeaf => 'holds' in r;
