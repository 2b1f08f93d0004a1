import type {
  InsuranceCompareResponse,
  InsuranceOfferBody,
  InsuranceSelectionBody,
  InsuranceSelectionResponse,
} from '../../../contracts/advisory.js';
import { fenToYuan } from '../../../contracts/money.js';
import { compareInsurance } from '../../../core/advisory/recommend/insurance-compare.js';
import { selectInsurance, type InsuranceOffer } from '../../../core/advisory/recommend/insurance.js';
import { badInput } from '../../../core/errors.js';
import { completeText } from '../../../core/guard/complete.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import { aboveLevel, assessmentStatus, type SuitabilityState } from '../../../core/advisory/assessment.js';
import { ageOn } from '../../../core/suitability/dates.js';
import { AppError } from '../../../core/errors.js';
import type { CustomerFactsRow } from './repo.js';

const offerOf = (o: InsuranceOfferBody): InsuranceOffer => ({
  code: o.code,
  name: o.name,
  kind: o.kind,
  insurer: o.insurer,
  ...(o.risk === undefined ? {} : { risk: o.risk }),
  annualPremiumFen: Math.round(o.annual_premium * 100),
  coverFen: Math.round(o.cover * 100),
  termYears: o.term_years,
  paymentYears: o.payment_years,
  waitingDays: o.waiting_days,
  entryAge: o.entry_age,
  ...(o.renewable === undefined ? {} : { renewable: o.renewable }),
  exclusions: o.exclusions,
});

const uniqueCodes = (offers: readonly InsuranceOfferBody[]): void => {
  const seen = new Set<string>();
  offers.forEach((o, k) => {
    if (seen.has(o.code))
      throw badInput(`body.offers.${k}.code`, `duplicate code ${o.code}; give each offer once`);
    seen.add(o.code);
  });
};

/** Completes the texts with the insurance disclosures once and passes each through the outbound guard. */
const guarded = (
  texts: readonly { zh: string; en: string }[],
  customer: SuitabilityState,
  now: string,
  offers: readonly InsuranceOfferBody[],
): { zh: string; en: string } => {
  const joined = { zh: texts.map((t) => t.zh).join(''), en: texts.map((t) => t.en).join(' ') };
  const c = completeText(joined, { productTypes: ['insurance'] });
  const disclosure = {
    zh: c.added.map((a) => `${a.zh}。`).join(''),
    en: c.added.map((a) => `${a.en}.`).join(' '),
  };
  const products = offers.flatMap((o) =>
    o.risk === undefined ? [] : [{ code: o.code, risk: o.risk, type: 'insurance' as const }],
  );
  for (const t of texts.length === 0 ? [{ zh: '', en: '' }] : texts) {
    const r = guardOutbound({
      content: { texts: [{ text: `${t.zh}${disclosure.zh}`, productTypes: ['insurance'] }], products },
      customer,
      now,
    });
    if (!r.allowed)
      throw new AppError('INTERNAL', 'the outbound guard refused the insurance advice', {
        findings: r.findings.filter((f) => f.blocking),
      });
  }
  return disclosure;
};

/**
 * Protection needs of the customer (age and income from the profile, liquid assets = AUM) and the policies
 * among the quoted offers that best close the gaps within the premium budget (core `selectInsurance`).
 */
export const insuranceSelectionOf = (
  f: CustomerFactsRow,
  state: SuitabilityState,
  body: InsuranceSelectionBody,
  today: string,
): InsuranceSelectionResponse => {
  uniqueCodes(body.offers);
  const status = assessmentStatus(state, today);
  if (status.status === 'expired' || status.status === 'missing')
    throw new AppError(
      'ASSESSMENT_EXPIRED',
      `the customer's risk assessment is ${status.status}; reassess first`,
      {
        reason: status.status === 'missing' ? 'ASSESSMENT_MISSING' : 'ASSESSMENT_EXPIRED',
        validUntil: status.valid_until,
      },
    );
  // A rated policy above the customer's level is never proposed.
  const offers = body.offers.filter((o) => o.risk === undefined || !aboveLevel(state, o.risk));
  const plan = selectInsurance(
    {
      age: ageOn(f.birthDate, today),
      annualIncomeFen: f.annualIncomeFen,
      dependents: body.dependents,
      debtsFen: Math.round(body.debts * 100),
      liquidAssetsFen: f.aumFen,
      ...(body.retirementAge === undefined ? {} : { retirementAge: body.retirementAge }),
      ...(body.pensionReplacement === undefined ? {} : { pensionReplacement: body.pensionReplacement }),
    },
    offers.map(offerOf),
  );
  const picked = new Set(plan.picks.map((p) => p.code));
  const disclosure = guarded(
    plan.needs.map((n) => n.message),
    state,
    today,
    offers.filter((o) => picked.has(o.code)),
  );
  return {
    customer_id: f.id,
    rules_version: plan.rules_version,
    needs: plan.needs.map((n) => ({
      kind: n.kind,
      priority: n.priority,
      needed: fenToYuan(n.needed_fen),
      existing: fenToYuan(n.existing_fen),
      gap: fenToYuan(n.gap_fen),
      message: n.message.zh,
      message_en: n.message.en,
      rule_source: n.rule_source,
    })),
    picks: plan.picks.map((p) => ({
      kind: p.kind,
      product_code: p.code,
      annual_premium: fenToYuan(p.annual_premium_fen),
      cover: fenToYuan(p.cover_fen),
      gap_covered: p.gap_covered,
      score: p.score,
    })),
    budget: fenToYuan(plan.budget_fen),
    premium: fenToYuan(plan.premium_fen),
    unmet: [...plan.unmet],
    disclosure: disclosure.zh,
    disclosure_en: disclosure.en,
  };
};

/** 保险PK: 2–5 quoted policies side by side (core `compareInsurance`), highlights guarded. */
export const insuranceComparisonOf = (
  offers: readonly InsuranceOfferBody[],
  today: string,
): InsuranceCompareResponse => {
  uniqueCodes(offers);
  const c = compareInsurance(offers.map(offerOf));
  const disclosure = guarded(c.highlights, { level: 'C1', assessedAt: null, channel: 'bank' }, today, []);
  return {
    codes: [...c.codes],
    rows: c.rows.map((r) => ({
      key: r.key,
      label: r.label.zh,
      label_en: r.label.en,
      values: [...r.values],
      best: r.best,
    })),
    exclusions: c.exclusions.map((e) => ({ text: e.text, present: [...e.present] })),
    highlights: c.highlights.map((h) => h.zh),
    highlights_en: c.highlights.map((h) => h.en),
    disclosure: disclosure.zh,
    disclosure_en: disclosure.en,
  };
};
