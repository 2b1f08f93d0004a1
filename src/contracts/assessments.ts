import { z } from 'zod';
import { INVESTOR_LEVELS } from '../core/suitability/types.js';
import { idNumber } from './common.js';

/** Text in both languages, Chinese first. */
export const Localized = z.object({ zh: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

const InvestorLevel = z.enum(INVESTOR_LEVELS);
const Channel = z.enum(['bank', 'securities']);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The questionnaire as the investor sees it: questions and options without their scores. */
export const QuestionnaireView = z.object({
  id: z.string(),
  version: z.string(),
  questions: z.array(
    z.object({
      id: z.string(),
      text: Localized,
      multi: z.boolean(),
      options: z.array(z.object({ id: z.string(), text: Localized })),
    }),
  ),
  /** Months an assessment stays valid per channel, and the NFRA frequency limits (policy of the institution). */
  validityMonths: z.object({ bank: z.number().int(), securities: z.number().int() }),
  frequency: z.object({
    maxPerDay: z.number().int(),
    maxPerWindow: z.number().int(),
    windowMonths: z.number().int(),
  }),
  policyVersion: z.string(),
});
export type QuestionnaireView = z.infer<typeof QuestionnaireView>;

export const AssessmentParams = z.object({ id: idNumber(), aid: idNumber() });

/** Question id → one option id, or several for a multiple-choice question. */
const answerKey = z.string().min(1).max(32);
const optionId = z.string().trim().min(1).max(32);
export const Answers = z.record(answerKey, z.union([optionId, z.array(optionId).min(1).max(20)]));

export const SubmitAssessmentBody = z.object({
  answers: Answers,
  /** bank (NFRA, 12 months validity by default) or securities (CSRC, 24 months). */
  channel: Channel.default('bank'),
});
export type SubmitAssessmentBody = z.infer<typeof SubmitAssessmentBody>;

export const AssessmentStatus = z.enum(['effective', 'pending', 'superseded']);

export const RiskAssessment = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  /** Business date (UTC+8) of the assessment. */
  takenOn: IsoDate,
  takenAt: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.string(),
  channel: Channel,
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  score: z.number().int(),
  maxScore: z.number().int(),
  level: InvestorLevel,
  levelFromScore: InvestorLevel,
  /** An answer put the investor in the lowest category (风险承受能力最低类别). */
  lowestCategory: z.boolean(),
  cappedBy: z.array(z.string()),
  horizonMonths: z.number().int().nullable(),
  previousLevel: InvestorLevel.nullable(),
  levelChange: z.enum(['first', 'up', 'down', 'same']),
  /** effective: the level on file; pending: a changed level awaiting the customer's confirmation. */
  status: AssessmentStatus,
  /** Last day the assessment is valid. */
  validUntil: IsoDate,
  confirmedAt: z.string().nullable(),
  policyVersion: z.string(),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

/** May the customer take an assessment today, and if not, from which day. */
export const FrequencyStatus = z.object({
  allowed: z.boolean(),
  todayCount: z.number().int(),
  windowCount: z.number().int(),
  nextAllowedOn: IsoDate,
  messages: z.array(Localized),
});
export type FrequencyStatus = z.infer<typeof FrequencyStatus>;

export const AssessmentHistory = z.object({
  items: z.array(RiskAssessment),
  /** The level on the customer record and its validity. */
  current: z.object({
    level: InvestorLevel,
    assessedAt: IsoDate,
    validUntil: IsoDate.nullable(),
    status: z.enum(['valid', 'expired', 'missing', 'exempt']),
    lowestCategory: z.boolean(),
  }),
  /** An assessment whose changed level waits for the customer's confirmation, or null. */
  pendingId: z.number().int().nullable(),
  frequency: FrequencyStatus,
});
export type AssessmentHistory = z.infer<typeof AssessmentHistory>;

export const SubmitAssessmentResult = z.object({
  assessment: RiskAssessment,
  /** The new level differs from the one on file: it takes effect once the customer confirms it. */
  requiresConfirmation: z.boolean(),
  messages: z.array(Localized),
});
export type SubmitAssessmentResult = z.infer<typeof SubmitAssessmentResult>;

export const ConfirmAssessmentResult = z.object({
  assessment: RiskAssessment,
  customer: z.object({ riskLevel: InvestorLevel, riskAssessedAt: IsoDate, lowestCategory: z.boolean() }),
});
export type ConfirmAssessmentResult = z.infer<typeof ConfirmAssessmentResult>;
