import { badInput } from '../errors.js';
import { isInvestorLevel, levelRank, type InvestorLevel, type LocalizedText } from './types.js';

export type QuestionOption = {
  readonly id: string;
  readonly text: LocalizedText;
  readonly score: number;
  /** Choosing this option puts the investor in the lowest category (风险承受能力最低类别), i.e. C1. */
  readonly lowestCategory?: boolean;
  /** Choosing this option caps the resulting level (e.g. "can lose at most 5%" → at most C2). */
  readonly capLevel?: InvestorLevel;
  /** Investment horizon this option states, in months (used by the horizon check). */
  readonly horizonMonths?: number;
  /** Product types the investor has experience with when choosing this option. */
  readonly experience?: readonly string[];
};

export type Question = {
  readonly id: string;
  readonly text: LocalizedText;
  /** Several options may be chosen; the question scores the highest chosen option. */
  readonly multi?: boolean;
  readonly options: readonly QuestionOption[];
};

export type Questionnaire = {
  readonly id: string;
  readonly version: string;
  readonly questions: readonly Question[];
  /** Upper score bound (inclusive) of each level, ascending; the last band must reach the maximum score. */
  readonly bands: readonly { readonly level: InvestorLevel; readonly maxScore: number }[];
};

/** Answers keyed by question id: one option id, or several for a `multi` question. */
export type QuestionnaireAnswers = Readonly<Record<string, string | readonly string[]>>;

export type QuestionnaireResult = {
  readonly questionnaire_id: string;
  readonly questionnaire_version: string;
  readonly score: number;
  readonly max_score: number;
  /** Level from the score bands after caps; C1 for the lowest category. */
  readonly level: InvestorLevel;
  readonly level_from_score: InvestorLevel;
  readonly lowest_category: boolean;
  /** Questions whose answers capped or forced the level. */
  readonly capped_by: readonly string[];
  readonly horizon_months: number | null;
  readonly experienced_product_types: readonly string[];
};

const optionList = (q: Question): string => q.options.map((o) => o.id).join(', ');

const chosenOptions = (q: Question, raw: string | readonly string[] | undefined): QuestionOption[] => {
  const field = `answers.${q.id}`;
  const ids = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
  if (ids.length === 0) {
    throw badInput(
      field,
      `missing answer to question ${q.id} (${q.text.zh}); expected one of ${optionList(q)}`,
    );
  }
  if (!q.multi && ids.length > 1) {
    throw badInput(
      field,
      `question ${q.id} takes one answer, got ${ids.length}; expected one of ${optionList(q)}`,
    );
  }
  return ids.map((id) => {
    const o = q.options.find((opt) => opt.id === String(id).trim().toUpperCase());
    if (!o)
      throw badInput(
        field,
        `"${String(id)}" is not an option of question ${q.id}; expected one of ${optionList(q)}`,
      );
    return o;
  });
};

const maxScoreOf = (q: Question): number => Math.max(...q.options.map((o) => o.score));

const levelForScore = (qn: Questionnaire, score: number): InvestorLevel => {
  for (const b of qn.bands) if (score <= b.maxScore) return b.level;
  const last = qn.bands[qn.bands.length - 1];
  if (!last) throw badInput('questionnaire.bands', 'at least one band is required');
  return last.level;
};

const checkOption = (o: QuestionOption, field: string): void => {
  if (typeof o?.id !== 'string' || o.id.trim() === '')
    throw badInput(`${field}.id`, 'expected a non-empty option id');
  if (typeof o.score !== 'number' || !Number.isFinite(o.score))
    throw badInput(`${field}.score`, 'expected a number');
  if (o.capLevel !== undefined && !isInvestorLevel(o.capLevel))
    throw badInput(`${field}.capLevel`, 'expected C1..C5');
  if (o.horizonMonths !== undefined && !(o.horizonMonths >= 0)) {
    throw badInput(`${field}.horizonMonths`, 'expected a number of months ≥ 0');
  }
};

/** Array.isArray without widening a typed list to any[]. */
const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v);

/** Checks a questionnaire (e.g. an institution's JSON) and names the first bad field. */
export const validateQuestionnaire = (qn: Questionnaire): void => {
  if (typeof qn?.id !== 'string' || typeof qn.version !== 'string') {
    throw badInput('questionnaire', 'expected {id, version, questions, bands}');
  }
  if (!isList(qn.questions) || qn.questions.length === 0) {
    throw badInput('questionnaire.questions', 'expected a non-empty list of questions');
  }
  const ids = new Set<string>();
  qn.questions.forEach((q, k) => {
    const f = `questionnaire.questions[${k}]`;
    if (typeof q?.id !== 'string' || ids.has(q.id))
      throw badInput(`${f}.id`, 'expected a unique question id');
    ids.add(q.id);
    if (!isList(q.options) || q.options.length === 0) throw badInput(`${f}.options`, 'expected options');
    const optionIds = new Set<string>();
    q.options.forEach((o, j) => {
      checkOption(o, `${f}.options[${j}]`);
      if (optionIds.has(o.id)) throw badInput(`${f}.options[${j}].id`, `duplicate option id ${o.id}`);
      optionIds.add(o.id);
    });
  });
  if (!isList(qn.bands) || qn.bands.length === 0)
    throw badInput('questionnaire.bands', 'expected score bands');
  qn.bands.forEach((b, k) => {
    const prev = qn.bands[k - 1];
    if (
      !isInvestorLevel(b?.level) ||
      typeof b.maxScore !== 'number' ||
      (prev && b.maxScore <= prev.maxScore)
    ) {
      throw badInput(
        `questionnaire.bands[${k}]`,
        'expected {level: C1..C5, maxScore} with ascending maxScore',
      );
    }
  });
};

/**
 * Scores a risk questionnaire: total = Σ chosen option scores (a multi-choice question counts its highest
 * chosen option); level from the bands, then lowered by any cap; the lowest-category answer forces C1.
 * Every question must be answered; errors name the question and the valid options.
 */
export const scoreQuestionnaire = (qn: Questionnaire, answers: QuestionnaireAnswers): QuestionnaireResult => {
  validateQuestionnaire(qn);
  const known = new Set(qn.questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key))
      throw badInput(`answers.${key}`, `unknown question; this questionnaire has ${[...known].join(', ')}`);
  }
  let score = 0;
  let lowest = false;
  let cap = 5;
  const cappedBy: string[] = [];
  let horizon: number | null = null;
  const experience = new Set<string>();
  for (const q of qn.questions) {
    const chosen = chosenOptions(q, answers[q.id]);
    score += Math.max(...chosen.map((o) => o.score));
    for (const o of chosen) {
      if (o.lowestCategory === true) lowest = true;
      if (o.capLevel !== undefined && levelRank(o.capLevel) < cap) cap = levelRank(o.capLevel);
      if ((o.lowestCategory === true || o.capLevel !== undefined) && !cappedBy.includes(q.id))
        cappedBy.push(q.id);
      if (o.horizonMonths !== undefined) horizon = o.horizonMonths;
      for (const e of o.experience ?? []) experience.add(e);
    }
  }
  const fromScore = levelForScore(qn, score);
  const capped = Math.min(levelRank(fromScore), lowest ? 1 : cap);
  const level = `C${capped}`;
  if (!isInvestorLevel(level)) throw new Error(`unreachable level ${level}`);
  return {
    questionnaire_id: qn.id,
    questionnaire_version: qn.version,
    score,
    max_score: qn.questions.reduce((s, q) => s + maxScoreOf(q), 0),
    level,
    level_from_score: fromScore,
    lowest_category: lowest,
    capped_by: capped < levelRank(fromScore) ? cappedBy : [],
    horizon_months: horizon,
    experienced_product_types: [...experience].sort(),
  };
};
