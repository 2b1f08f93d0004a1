import {
  checkAssessmentFrequency,
  levelChange,
  type FrequencyResult,
  type LevelChange,
} from '../suitability/frequency.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from '../suitability/policy.js';
import {
  scoreQuestionnaire,
  type Questionnaire,
  type QuestionnaireAnswers,
  type QuestionnaireResult,
} from '../suitability/questionnaire.js';
import { reasonMessage } from '../suitability/reasons.js';
import type { InvestorLevel, LocalizedText } from '../suitability/types.js';
import { businessDate } from './days.js';

export type AssessmentAttempt = {
  /** Dates (YYYY-MM-DD) of the customer's earlier assessments at this institution. */
  readonly history: readonly string[];
  /** Level on file before this assessment (undefined: first assessment). */
  readonly previousLevel?: InvestorLevel;
  readonly questionnaire: Questionnaire;
  readonly answers: QuestionnaireAnswers;
  /** Business date or instant (read in UTC+8) of the attempt. */
  readonly now: string;
  readonly policy?: SuitabilityPolicy;
};

export type AssessmentOutcome =
  | {
      /** The frequency rule refuses this attempt; nothing is scored. */
      readonly status: 'refused';
      readonly frequency: FrequencyResult;
      /** First day another assessment is allowed ("a third try in a day or a ninth in 12 months"). */
      readonly next_allowed_on: string;
      readonly messages: readonly LocalizedText[];
    }
  | {
      /** Scored; `confirm` when the level differs from the one on file and the customer must re-confirm it. */
      readonly status: 'scored' | 'confirm';
      readonly frequency: FrequencyResult;
      readonly result: QuestionnaireResult;
      readonly level_change: LevelChange;
      readonly messages: readonly LocalizedText[];
    };

/**
 * One risk-assessment attempt as the regulation orders it (regulation.md §1): the NFRA frequency rule first
 * (at most 2 a day and 8 in 12 months; a refusal names the day the next attempt opens), then the
 * questionnaire score, then the comparison with the level on file (a different level must be re-confirmed
 * by the customer before it takes effect). Composes the suitability engine's parts; adds no rule of its own.
 */
export const takeAssessment = (a: AssessmentAttempt): AssessmentOutcome => {
  const on = businessDate(a.now);
  const policy = a.policy ?? DEFAULT_POLICY;
  const frequency = checkAssessmentFrequency(a.history, on, policy);
  if (!frequency.allowed) {
    return {
      status: 'refused',
      frequency,
      next_allowed_on: frequency.next_allowed_on,
      messages: frequency.reasons.map((r) => ({ zh: reasonMessage(r).zh, en: reasonMessage(r).en })),
    };
  }
  const result = scoreQuestionnaire(a.questionnaire, a.answers);
  const change = levelChange(a.previousLevel, result.level);
  return {
    status: change.requires_reconfirmation ? 'confirm' : 'scored',
    frequency,
    result,
    level_change: change,
    messages: change.reasons.map((r) => ({ zh: reasonMessage(r).zh, en: reasonMessage(r).en })),
  };
};
