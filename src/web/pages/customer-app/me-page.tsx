import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatDateTime } from '../../format.js';
import { setLang } from '../../i18n/index.js';
import { useCustomerApp } from './app-context.js';
import { useAssessments } from './assessment-page.js';
import { Section } from './parts.js';

const Row = ({ to, label, testId }: { to: string; label: string; testId: string }) => (
  <Link to={to} data-testid={testId}>
    <Button size="large" block style={{ minHeight: 48, textAlign: 'left' }}>
      {label}
    </Button>
  </Link>
);

/** 我的: the risk level and its validity, the assessment history and the other services. */
export const MePage = () => {
  const { t, i18n } = useTranslation();
  const { customerId, base, staff, canTakeAssessment } = useCustomerApp();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const q = useAssessments(customerId);
  const confirm = useMutation({
    mutationFn: (aid: number) =>
      apiFetch(`/api/customers/${customerId}/assessments/${aid}/confirm`, { method: 'POST' }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['assessments', customerId] });
      void client.invalidateQueries({ queryKey: ['customer360', String(customerId)] });
    },
  });
  if (q.isPending || q.error)
    return <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />;
  const h = q.data;
  return (
    <div data-testid="capp-me">
      <Section title={t('capp.me.riskLevel')} testId="me-level">
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <div>
            <RiskTag level={h.current.level} />
            <Tag color={h.current.status === 'valid' ? 'green' : 'red'}>
              {t(`capp.me.status.${h.current.status}`)}
            </Tag>
            {h.current.lowestCategory && <Tag color="orange">{t('capp.me.lowest')}</Tag>}
          </div>
          <Typography.Text type="secondary">
            {t('capp.me.assessedAt')}: {h.current.assessedAt}
            {h.current.validUntil !== null && ` · ${t('capp.me.validUntil')}: ${h.current.validUntil}`}
          </Typography.Text>
          {h.pendingId !== null && <Alert type="info" showIcon message={t('capp.me.pending')} />}
          {h.pendingId !== null && canTakeAssessment && (
            <Button
              type="primary"
              size="large"
              block
              style={{ minHeight: 48 }}
              loading={confirm.isPending}
              onClick={() => confirm.mutate(h.pendingId!)}
              data-testid="me-confirm-pending"
            >
              {t('capp.me.confirmPending', {
                level: h.items.find((a) => a.id === h.pendingId)?.level ?? '',
              })}
            </Button>
          )}
          {confirm.error && <QueryState loading={false} error={confirm.error} />}
        </Space>
      </Section>
      <Space direction="vertical" size={10} style={{ width: '100%', marginBottom: 12 }}>
        <Row to={`${base}/assessment`} label={t('capp.me.assessment')} testId="me-assessment" />
        <Row
          to={`${base}/recommendations`}
          label={t('capp.me.recommendations')}
          testId="me-recommendations"
        />
        <Row to={`${base}/pk`} label={t('capp.me.pk')} testId="me-pk" />
        <Row to={`${base}/privacy`} label={t('capp.me.privacy')} testId="me-privacy" />
      </Space>
      <Section title={t('capp.me.history')} testId="me-history">
        {h.items.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        {h.items.map((a) => (
          <div
            key={a.id}
            style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0', gap: 8 }}
          >
            <span>{formatDateTime(a.takenAt)}</span>
            <span>
              <RiskTag level={a.level} />
              <Tag>{t(`capp.me.statuses.${a.status}`)}</Tag>
            </span>
          </div>
        ))}
      </Section>
      {!staff && (
        <Space direction="vertical" size={10} style={{ width: '100%' }}>
          <Button
            size="large"
            block
            style={{ minHeight: 48 }}
            onClick={() => void setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
            data-testid="capp-lang"
          >
            {t('capp.me.language')}
          </Button>
          <Button
            size="large"
            block
            danger
            style={{ minHeight: 48 }}
            onClick={() => void logout().then(() => navigate('/login'))}
          >
            {t('capp.me.logout')}
          </Button>
        </Space>
      )}
    </div>
  );
};
