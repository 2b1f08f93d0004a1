import { DEFAULT_RULE_SET } from '../compliance/builtin.js';
import { lintTextForTypes } from '../compliance/lint.js';
import type {
  Advisory,
  MissingDetail,
  ProductType as ComplianceType,
  RuleSet,
  Violation,
} from '../compliance/types.js';
import { badInput } from '../errors.js';
import { complianceTypeOf, isProductType } from '../advisory/shelf.js';
import type { TextProductType } from './types.js';

const COMPLIANCE_TYPES: readonly ComplianceType[] = ['fund', 'bank_wm', 'insurance', 'general'];

/** The compliance types whose disclosures a text about these products needs (`general` when none). */
export const complianceTypes = (
  types: readonly TextProductType[] | undefined,
  field: string,
): ComplianceType[] => {
  const out = new Set<ComplianceType>();
  (types ?? []).forEach((t, k) => {
    if (isProductType(t)) out.add(complianceTypeOf(t));
    else if ((COMPLIANCE_TYPES as readonly string[]).includes(t)) out.add(t);
    else throw badInput(`${field}[${k}]`, `unknown product type "${String(t)}"`);
  });
  if (out.size > 1) out.delete('general');
  return out.size === 0 ? ['general'] : [...out];
};

export type MultiLint = {
  readonly violations: readonly Violation[];
  readonly missing: readonly MissingDetail[];
  readonly advisories: readonly Advisory[];
  readonly ruleSet: RuleSet;
};

/**
 * Lints one text for every product type it covers (the rule set's disclosures are per type; the text is
 * normalised and scanned once): violations are the same for each type and are taken once; missing items and
 * advisories are merged by rule and reference.
 */
export const lintForTypes = (
  text: string,
  types: readonly ComplianceType[],
  aiGenerated: boolean,
  ruleSet: RuleSet = DEFAULT_RULE_SET,
): MultiLint => {
  let violations: readonly Violation[] = [];
  const missing = new Map<string, MissingDetail>();
  const advisories = new Map<string, Advisory>();
  lintTextForTypes(text, types, { aiGenerated, ruleSet }).forEach((r, k) => {
    if (k === 0) violations = r.violations;
    for (const m of r.missing_details) {
      const key = `${m.rule}|${m.ref ?? ''}|${m.start ?? ''}`;
      if (!missing.has(key)) missing.set(key, m);
    }
    for (const a of r.advisories) if (!advisories.has(a.code)) advisories.set(a.code, a);
  });
  return { violations, missing: [...missing.values()], advisories: [...advisories.values()], ruleSet };
};
