import { DEFAULT_RULE_SET } from '../compliance/builtin.js';
import { badInput } from '../errors.js';
import { businessDate } from '../advisory/days.js';
import { isProductType } from '../advisory/shelf.js';
import { suitabilityInputOf } from '../advisory/assessment.js';
import { checkSuitability, SUITABILITY_SPEC_VERSION } from '../suitability/check.js';
import { DEFAULT_POLICY } from '../suitability/policy.js';
import { isProductRiskLevel } from '../suitability/types.js';
import { isCompletable } from './complete.js';
import { complianceTypes, lintForTypes } from './lint-many.js';
import type {
  GuardFinding,
  GuardInput,
  GuardProduct,
  GuardResult,
  GuardText,
  SuitabilityFinding,
} from './types.js';

const textFindings = (t: GuardText, k: number, input: GuardInput): GuardFinding[] => {
  if (typeof t.text !== 'string') throw badInput(`content.texts[${k}].text`, 'expected a string');
  const id = t.id ?? `texts[${k}]`;
  const types = complianceTypes(t.productTypes, `content.texts[${k}].productTypes`);
  const r = lintForTypes(t.text, types, t.aiGenerated === true, input.ruleSet ?? DEFAULT_RULE_SET);
  const out: GuardFinding[] = r.violations.map((v) => ({
    kind: 'compliance_violation',
    blocking: true,
    text_id: id,
    rule: v.rule,
    match: v.match,
    start: v.start,
    end: v.end,
    message: { zh: v.message, en: v.message_en },
    suggestion: { zh: v.suggestion, en: v.suggestion_en },
  }));
  for (const m of r.missing) {
    out.push({
      kind: 'missing_text',
      blocking: true,
      text_id: id,
      rule: m.rule,
      ...(m.ref === undefined ? {} : { ref: m.ref }),
      message: { zh: m.message, en: m.message_en },
      suggestion: { zh: m.suggestion, en: m.suggestion_en },
      completable: isCompletable(m.rule),
    });
  }
  for (const a of r.advisories) {
    out.push({
      kind: 'text_advisory',
      blocking: false,
      text_id: id,
      code: a.code,
      message: { zh: a.message, en: a.message_en },
    });
  }
  return out;
};

const productFinding = (p: GuardProduct, k: number, input: GuardInput, on: string): SuitabilityFinding => {
  const field = `content.products[${k}]`;
  if (typeof p.code !== 'string' || p.code === '') throw badInput(`${field}.code`, 'expected a product code');
  if (!isProductRiskLevel(p.risk)) throw badInput(`${field}.risk`, `expected R1..R5, got ${String(p.risk)}`);
  if (!isProductType(p.type)) throw badInput(`${field}.type`, `unknown product type "${String(p.type)}"`);
  const role = p.role ?? 'offer';
  if (role !== 'offer' && role !== 'holding') throw badInput(`${field}.role`, 'expected offer|holding');
  // Content reaching a customer is the institution speaking: an offer is a recommendation.
  const s = checkSuitability(
    suitabilityInputOf(input.customer, p, on, 'advisor'),
    input.suitabilityPolicy ?? DEFAULT_POLICY,
  );
  return {
    kind: 'suitability',
    blocking: role === 'offer' && !s.may_recommend,
    product_code: p.code,
    role,
    decision: s.decision,
    may_recommend: s.may_recommend,
    enhanced_duty: s.enhanced_duty,
    rule: s.rule,
    reasons: s.reasons,
    messages: s.messages.map((m) => ({ zh: m.zh, en: m.en })),
    assessment_valid_until: s.assessment_valid_until,
  };
};

/**
 * The ONE outbound check (docs/architecture.md): every text, card and product list that reaches a customer
 * passes here. Texts go through the compliance linter for each product type they cover (forbidden wording,
 * required disclosures, past-performance disclaimer and period, AI label); every offered product must be one
 * the institution may recommend to this customer on this day (suitability spec v1 with the advisor as
 * initiator: never above the customer's level, never on a missing or expired assessment unless professional).
 * Refuses when any blocking finding remains. Pure; `now` gives the business date.
 */
export const guardOutbound = (input: GuardInput): GuardResult => {
  const on = businessDate(input.now);
  const texts: readonly GuardText[] = input.content?.texts;
  if (!Array.isArray(input.content?.texts)) throw badInput('content.texts', 'expected an array of texts');
  const findings: GuardFinding[] = [];
  texts.forEach((t: GuardText, k: number) => findings.push(...textFindings(t, k, input)));
  const products = input.content.products ?? [];
  const suitability = products.map((p, k) => productFinding(p, k, input, on));
  findings.push(...suitability);
  const blocking = findings.filter((f) => f.blocking);
  const info = findings.filter((f) => !f.blocking);
  const offers = suitability.filter((s) => s.role === 'offer');
  const policy = input.suitabilityPolicy ?? DEFAULT_POLICY;
  return {
    allowed: blocking.length === 0,
    decision: blocking.length === 0 ? 'allow' : 'refuse',
    findings: [...blocking, ...info],
    blocking_count: blocking.length,
    refused_products: offers.filter((s) => s.blocking).map((s) => s.product_code),
    enhanced_duty_products: offers.filter((s) => !s.blocking && s.enhanced_duty).map((s) => s.product_code),
    checked_on: on,
    rule_set_version: (input.ruleSet ?? DEFAULT_RULE_SET).version,
    suitability_policy_version: policy.version,
    suitability_spec_version: SUITABILITY_SPEC_VERSION,
  };
};
