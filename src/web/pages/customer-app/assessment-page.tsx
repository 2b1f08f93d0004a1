import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Progress, Radio, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type {
  AssessmentHistory,
  ConfirmAssessmentResult,
  QuestionnaireView,
  SubmitAssessmentResult,
} from '../../../contracts/assessments.js';
import { ApiError, apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { useCustomerApp } from './app-context.js';
import { Section } from './parts.js';

export const useAssessments = (customerId: number) =>
  useQuery({
    queryKey: ['assessments', customerId],
    queryFn: () => apiFetch<AssessmentHistory>(`/api/customers/${customerId}/assessments`),
    retry: false,
  });

type Answers = Record<string, string[]>;

const Refusal = ({ date, messages }: { date: string; messages: string[] }) => {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('capp.assessment.refused')}
      subTitle={
        <span data-testid="assessment-refused">
          {messages.join(' ')}{' '}
          <strong data-testid="assessment-reopens">{t('capp.assessment.reopens', { date })}</strong>
        </span>
      }
    />
  );
};

/** The risk-assessment flow: one question a screen, then the result and, for a changed level, the confirmation. */
export const AssessmentPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const client = useQueryClient();
  const { customerId, base, canTakeAssessment } = useCustomerApp();
  const qn = useQuery({
    queryKey: ['questionnaire'],
    queryFn: () => apiFetch<QuestionnaireView>('/api/assessments/questionnaire'),
    staleTime: Infinity,
  });
  const history = useAssessments(customerId);
  const [step, setStep] = useState(-1);
  const [answers, setAnswers] = useState<Answers>({});
  const submit = useMutation({
    mutationFn: (a: Answers) =>
      apiFetch<SubmitAssessmentResult>(`/api/customers/${customerId}/assessments`, {
        method: 'POST',
        body: {
          answers: Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
          channel: 'bank',
        },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['assessments', customerId] }),
  });
  const confirm = useMutation({
    mutationFn: (aid: number) =>
      apiFetch<ConfirmAssessmentResult>(`/api/customers/${customerId}/assessments/${aid}/confirm`, {
        method: 'POST',
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['assessments', customerId] });
      void client.invalidateQueries({ queryKey: ['customer360', String(customerId)] });
    },
  });
  if (qn.isPending || qn.error || history.isPending || history.error)
    return (
      <QueryState
        loading={qn.isPending || history.isPending}
        error={qn.error ?? history.error}
        onRetry={() => void Promise.all([qn.refetch(), history.refetch()])}
      />
    );
  const questionnaire = qn.data;
  const h = history.data;
  const text = (l: { zh: string; en: string }) => (en ? l.en : l.zh);

  // The answer: a result, or the frequency refusal (429 with the reopening date).
  if (submit.error instanceof ApiError && typeof submit.error.details.nextAllowedOn === 'string') {
    const msgs = (submit.error.details.messages as { zh: string; en: string }[] | undefined) ?? [];
    return <Refusal date={submit.error.details.nextAllowedOn} messages={msgs.map(text)} />;
  }
  if (submit.data !== undefined) {
    const r = submit.data.assessment;
    const done = confirm.data !== undefined || !submit.data.requiresConfirmation;
    return (
      <div
        data-testid="assessment-result"
        data-level={r.level}
        data-status={confirm.data?.assessment.status ?? r.status}
      >
        <Section title={t('capp.assessment.result')}>
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <div>
              {t('capp.assessment.level')}: <RiskTag level={r.level} />
            </div>
            <Typography.Text>
              {t('capp.assessment.score', { score: r.score, max: r.maxScore })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('capp.assessment.validUntil', { date: r.validUntil })}
            </Typography.Text>
            {r.lowestCategory && <Alert type="warning" showIcon message={t('capp.assessment.lowest')} />}
            {submit.data.requiresConfirmation && confirm.data === undefined && (
              <>
                <Alert
                  type="info"
                  showIcon
                  message={t('capp.assessment.changed', { level: r.level, previous: r.previousLevel ?? '—' })}
                />
                <Button
                  type="primary"
                  size="large"
                  block
                  style={{ minHeight: 48 }}
                  loading={confirm.isPending}
                  onClick={() => confirm.mutate(r.id)}
                  data-testid="assessment-confirm"
                >
                  {t('capp.assessment.confirm')}
                </Button>
                {confirm.error && <QueryState loading={false} error={confirm.error} />}
              </>
            )}
            {done && (
              <Alert
                type="success"
                showIcon
                data-testid="assessment-effective"
                message={
                  confirm.data !== undefined ? t('capp.assessment.confirmed') : t('capp.assessment.effective')
                }
              />
            )}
            {done && (
              <Link to={`${base}/me`}>
                <Button size="large" block style={{ minHeight: 48 }}>
                  {t('capp.assessment.done')}
                </Button>
              </Link>
            )}
          </Space>
        </Section>
      </div>
    );
  }
  if (!h.frequency.allowed)
    return <Refusal date={h.frequency.nextAllowedOn} messages={h.frequency.messages.map(text)} />;

  const questions = questionnaire.questions;
  if (step < 0 || !canTakeAssessment)
    return (
      <Section title={t('capp.assessment.title')} testId="assessment-intro">
        <Typography.Paragraph>
          {t('capp.assessment.intro', {
            count: questions.length,
            bank: questionnaire.validityMonths.bank,
            day: questionnaire.frequency.maxPerDay,
            window: questionnaire.frequency.maxPerWindow,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('capp.assessment.version', { version: questionnaire.version })}
        </Typography.Paragraph>
        {canTakeAssessment && (
          <Button
            type="primary"
            size="large"
            block
            style={{ minHeight: 48 }}
            onClick={() => setStep(0)}
            data-testid="assessment-start"
          >
            {t('capp.assessment.start')}
          </Button>
        )}
      </Section>
    );

  const q = questions[step]!;
  const chosen = answers[q.id] ?? [];
  const last = step === questions.length - 1;
  const set = (v: string[]) => setAnswers((a) => ({ ...a, [q.id]: v }));
  return (
    <div data-testid="assessment-question" data-question={q.id}>
      <Progress percent={Math.round((step / questions.length) * 100)} showInfo={false} />
      <Typography.Text type="secondary">
        {t('capp.assessment.progress', { n: step + 1, total: questions.length })}
        {q.multi && ` · ${t('capp.assessment.multi')}`}
      </Typography.Text>
      <Typography.Title level={4} style={{ marginTop: 8 }}>
        {text(q.text)}
      </Typography.Title>
      {q.multi ? (
        <Checkbox.Group value={chosen} onChange={(v) => set(v.map(String))} style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {q.options.map((o) => (
              <Checkbox
                key={o.id}
                value={o.id}
                style={{ minHeight: 44, alignItems: 'center' }}
                data-testid={`option-${o.id}`}
              >
                {text(o.text)}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      ) : (
        <Radio.Group
          value={chosen[0]}
          onChange={(e) => set([String(e.target.value)])}
          style={{ width: '100%' }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {q.options.map((o) => (
              <Radio
                key={o.id}
                value={o.id}
                style={{ minHeight: 44, alignItems: 'center' }}
                data-testid={`option-${o.id}`}
              >
                {text(o.text)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
      {submit.error && (
        <div style={{ marginTop: 12 }}>
          <QueryState loading={false} error={submit.error} />
        </div>
      )}
      <div style={{ display: 'flex', gap: 12, marginTop: 16 }}>
        <Button
          size="large"
          style={{ flex: 1, minHeight: 48 }}
          onClick={() => setStep(step - 1)}
          disabled={step === 0}
        >
          {t('capp.assessment.prev')}
        </Button>
        <Button
          type="primary"
          size="large"
          style={{ flex: 1, minHeight: 48 }}
          disabled={chosen.length === 0}
          loading={submit.isPending}
          data-testid="assessment-next"
          onClick={() => (last ? submit.mutate(answers) : setStep(step + 1))}
        >
          {last ? t('capp.assessment.submit') : t('capp.assessment.next')}
        </Button>
      </div>
    </div>
  );
};
