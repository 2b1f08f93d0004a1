import { beforeAll, expect, it } from 'vitest';
import type {
  AssessmentHistory,
  ConfirmAssessmentResult,
  QuestionnaireView,
  SubmitAssessmentResult,
} from '../../../contracts/assessments.js';
import type { ErrorBody } from '../../../contracts/common.js';
import { addDays } from '../../../core/advisory/days.js';
import { DEFAULT_QUESTIONNAIRE } from '../../../core/suitability/default-questionnaire.js';
import { checkAssessmentFrequency } from '../../../core/suitability/frequency.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { scoreQuestionnaire } from '../../../core/suitability/questionnaire.js';
import type { TestApp } from '../../../../test/support/app.js';
import { chinaDate } from '../customers/service.js';

type Subject = { id: number; phone: string; risk_level: string; risk_assessed_at: string; rm: string };

/** Answers choosing the first (lowest) or the last (highest) option of every question. */
const answersAt = (end: 'low' | 'high'): Record<string, string> =>
  Object.fromEntries(
    DEFAULT_QUESTIONNAIRE.questions.map((q) => [q.id, (end === 'low' ? q.options[0] : q.options.at(-1))!.id]),
  );

/**
 * Answers that give `level`: the highest option everywhere, with Q9 (loss tolerance) on the option that caps
 * the level there (C1: the lowest-category option).
 */
const answersFor = (level: string): Record<string, string> => {
  const answers = answersAt('high');
  const q9 = DEFAULT_QUESTIONNAIRE.questions.find((q) => q.id === 'Q9')!;
  const cap = q9.options.find((o) => (level === 'C1' ? o.lowestCategory === true : o.capLevel === level));
  if (cap !== undefined) answers.Q9 = cap.id;
  return answers;
};

/** Risk assessment API (风险测评); run by src/server/api.suite.ts on each database. */
export const assessmentsSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let subjects: Subject[];
  const today = chinaDate(new Date());

  const customerLogin = async (phone: string): Promise<string> => {
    const sent = await t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
    const code = sent.json<{ demoCode: string }>().demoCode;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    expect(res.statusCode).toBe(200);
    return res.json<{ token: string }>().token;
  };
  const post = (url: string, token: string, payload?: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const stored = async (id: number): Promise<number> =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM risk_assessments WHERE customer_id = $1',
        [id],
      )
    )[0]!.n;
  const onFile = async (id: number) =>
    (
      await t.db.query<{ risk_level: string; risk_assessed_at: string; lowest_category: boolean }>(
        'SELECT risk_level, risk_assessed_at, lowest_category FROM customers WHERE id = $1',
        [id],
      )
    )[0]!;

  beforeAll(async () => {
    t = ctx();
    // Customers no other suite uses (the route-wide suites take the first phones), assessed before today.
    subjects = await t.db.query<Subject>(
      `SELECT c.id, i.value AS phone, c.risk_level, c.risk_assessed_at::text AS risk_assessed_at, s.username AS rm
         FROM customers c JOIN customer_identities i ON i.customer_id = c.id AND i.channel = 'phone'
         JOIN staff s ON s.id = c.rm_id
        WHERE c.risk_assessed_at < $1::date AND c.professional = false
        ORDER BY c.id DESC LIMIT 3`,
      [today],
    );
    expect(subjects.length).toBe(3);
  });

  it('serves the questionnaire in force without option scores', async () => {
    const token = await customerLogin(subjects[0]!.phone);
    const res = await t.get<QuestionnaireView>('/api/assessments/questionnaire', token);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(DEFAULT_QUESTIONNAIRE.version);
    expect(res.body.questions.map((q) => q.id)).toEqual(DEFAULT_QUESTIONNAIRE.questions.map((q) => q.id));
    expect(JSON.stringify(res.body)).not.toContain('score');
    expect(res.body.frequency).toEqual({ maxPerDay: 2, maxPerWindow: 8, windowMonths: 12 });
  });

  it('refuses a missing, an unknown and an extra answer with 400 naming the question, storing nothing', async () => {
    const s = subjects[0]!;
    const token = await customerLogin(s.phone);
    const url = `/api/customers/${s.id}/assessments`;
    const { Q12: _dropped, ...missing } = answersAt('high');
    const cases: [Record<string, unknown>, string][] = [
      [missing, 'answers.Q12'],
      [{ ...answersAt('high'), Q3: 'Z' }, 'answers.Q3'],
      [{ ...answersAt('high'), Q99: 'A' }, 'answers.Q99'],
      [{ ...answersAt('high'), Q1: ['A', 'B'] }, 'answers.Q1'],
    ];
    for (const [answers, field] of cases) {
      const res = await post(url, token, { answers });
      expect(res.statusCode, field).toBe(400);
      const body = res.json<ErrorBody>();
      expect(body.error.details.field).toBe(field);
      expect(body.error.message).toContain(field.slice('answers.'.length));
    }
    expect(await stored(s.id)).toBe(0);
  });

  it('stores a changed level as pending until the customer confirms it; a superseded one cannot be confirmed', async () => {
    const s = subjects[0]!;
    const token = await customerLogin(s.phone);
    const url = `/api/customers/${s.id}/assessments`;
    const end = s.risk_level === 'C5' ? 'low' : 'high';
    const expected = scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, answersAt(end));
    expect(expected.level).not.toBe(s.risk_level);

    const first = await post(url, token, { answers: answersAt(end), channel: 'bank' });
    expect(first.statusCode).toBe(201);
    const a = first.json<SubmitAssessmentResult>();
    expect(a.requiresConfirmation).toBe(true);
    expect(a.assessment).toMatchObject({
      status: 'pending',
      level: expected.level,
      score: expected.score,
      lowestCategory: expected.lowest_category,
      previousLevel: s.risk_level,
      questionnaireVersion: DEFAULT_QUESTIONNAIRE.version,
      channel: 'bank',
      takenOn: today,
      validUntil: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'),
    });
    expect(a.assessment.answers).toEqual(answersAt(end));
    // The record keeps the old level until the customer confirms.
    expect((await onFile(s.id)).risk_level).toBe(s.risk_level);

    const second = (await post(url, token, { answers: answersAt(end) })).json<SubmitAssessmentResult>();
    expect(second.assessment.status).toBe('pending');
    const stale = await post(`${url}/${a.assessment.id}/confirm`, token);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.message).toContain('replaced');

    const ok = await post(`${url}/${second.assessment.id}/confirm`, token);
    expect(ok.statusCode).toBe(200);
    const confirmed = ok.json<ConfirmAssessmentResult>();
    expect(confirmed.assessment.status).toBe('effective');
    expect(confirmed.customer).toEqual({
      riskLevel: expected.level,
      riskAssessedAt: today,
      lowestCategory: expected.lowest_category,
    });
    expect(await onFile(s.id)).toMatchObject({
      risk_level: expected.level,
      lowest_category: expected.lowest_category,
    });
    // Confirming again changes nothing.
    expect((await post(`${url}/${second.assessment.id}/confirm`, token)).statusCode).toBe(200);
    expect(await stored(s.id)).toBe(2);
  });

  it('refuses a third assessment in one day with 429 and the date it opens again, storing nothing', async () => {
    const s = subjects[0]!;
    const token = await customerLogin(s.phone);
    const url = `/api/customers/${s.id}/assessments`;
    const res = await post(url, token, { answers: answersAt('high') });
    expect(res.statusCode).toBe(429);
    const body = res.json<ErrorBody>();
    const tomorrow = addDays(today, 1);
    expect(body.error.details.nextAllowedOn).toBe(tomorrow);
    expect(body.error.details.reasons).toContain('ASSESSMENT_LIMIT_DAY');
    expect(body.error.message).toContain(tomorrow);
    expect(await stored(s.id)).toBe(2);
    const history = await t.get<AssessmentHistory>(url, token);
    expect(history.body.frequency).toMatchObject({ allowed: false, todayCount: 2, nextAllowedOn: tomorrow });
    expect(history.body.items).toHaveLength(2);
    expect(history.body.items.map((i) => i.status)).toEqual(['effective', 'superseded']);
    expect(history.body.pendingId).toBeNull();
  });

  it('refuses a ninth assessment in 12 months with the day the oldest leaves the window', async () => {
    const s = subjects[1]!;
    const dates = Array.from({ length: 8 }, (_, k) => addDays(today, -30 * (k + 1)));
    for (const d of dates)
      await t.db.query(
        `INSERT INTO risk_assessments (customer_id, taken_on, taken_at, questionnaire_id, questionnaire_version,
           channel, answers, score, max_score, level, level_from_score, lowest_category, capped_by, horizon_months,
           experience, previous_level, level_change, status, valid_until, confirmed_at, policy_version)
         VALUES ($1, $2::date, now(), 'q', '1', 'bank', '{}', 50, 120, $3, $3, false, '[]', null, '[]', $3, 'same',
           'effective', $2::date + interval '12 months', now(), 'p')`,
        [s.id, d, s.risk_level],
      );
    const want = checkAssessmentFrequency(dates, today, DEFAULT_POLICY);
    expect(want.allowed).toBe(false);
    const token = await customerLogin(s.phone);
    const res = await post(`/api/customers/${s.id}/assessments`, token, { answers: answersAt('low') });
    expect(res.statusCode).toBe(429);
    const body = res.json<ErrorBody>();
    expect(body.error.details.reasons).toEqual(['ASSESSMENT_LIMIT_WINDOW']);
    expect(body.error.details.nextAllowedOn).toBe(want.next_allowed_on);
    expect(body.error.message).toContain(want.next_allowed_on);
    expect(await stored(s.id)).toBe(8);
  });

  it('lets the RM read the history of an own customer, never answer for them; others are refused', async () => {
    const s = subjects[0]!;
    const rm = await t.login(s.rm);
    const list = await t.get<AssessmentHistory>(`/api/customers/${s.id}/assessments`, rm);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const submit = await post(`/api/customers/${s.id}/assessments`, rm, { answers: answersAt('low') });
    expect(submit.statusCode).toBe(403);
    const foreign = (
      await t.db.query<{ id: number }>(
        'SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username <> $1 ORDER BY c.id LIMIT 1',
        [s.rm],
      )
    )[0]!.id;
    expect((await t.get(`/api/customers/${foreign}/assessments`, rm)).status).toBe(403);
    // A customer sees and answers only for self.
    const other = await customerLogin(subjects[2]!.phone);
    expect((await t.get(`/api/customers/${s.id}/assessments`, other)).status).toBe(403);
    expect(
      (await post(`/api/customers/${s.id}/assessments`, other, { answers: answersAt('low') })).statusCode,
    ).toBe(403);
    expect((await post(`/api/customers/${s.id}/assessments/1/confirm`, other)).statusCode).toBe(403);
  });

  it('stores a result at the level on file as effective at once and moves the assessment date', async () => {
    const s = subjects[2]!;
    const token = await customerLogin(s.phone);
    const answers = answersFor(s.risk_level);
    expect(scoreQuestionnaire(DEFAULT_QUESTIONNAIRE, answers).level).toBe(s.risk_level);
    const res = await post(`/api/customers/${s.id}/assessments`, token, { answers, channel: 'securities' });
    expect(res.statusCode).toBe(201);
    const body = res.json<SubmitAssessmentResult>();
    expect(body.requiresConfirmation).toBe(false);
    expect(body.assessment).toMatchObject({
      status: 'effective',
      levelChange: 'same',
      channel: 'securities',
    });
    expect(body.assessment.validUntil.slice(0, 4)).toBe(String(Number(today.slice(0, 4)) + 2));
    expect((await onFile(s.id)).risk_assessed_at).toBe(today);
  });
};
