import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, InputNumber, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RecommendationsResponse } from '../../../contracts/advisory.js';
import { PURPOSES } from '../../../contracts/analytics.js';
import { ApiError, apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { useCustomerApp } from './app-context.js';
import { Disclosure, Section } from './parts.js';

type Purpose = (typeof PURPOSES)[number];

/** 为我推荐: products within the customer's level for a purpose, amount and horizon, with the reasons. */
export const RecommendationsPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { customerId, base, canTakeAssessment } = useCustomerApp();
  const [purpose, setPurpose] = useState<Purpose>('growth');
  const [amount, setAmount] = useState<number>(100_000);
  const [horizon, setHorizon] = useState<number>(36);
  const url = `/api/customers/${customerId}/recommendations${qs({ purpose, amount, horizonMonths: horizon })}`;
  const q = useQuery({
    queryKey: ['recommendations', url],
    queryFn: () => apiFetch<RecommendationsResponse>(url),
    retry: false,
  });
  const expired = q.error instanceof ApiError && q.error.code === 'ASSESSMENT_EXPIRED';
  return (
    <div data-testid="capp-recommendations">
      <Section title={t('capp.recommendations.title')}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr', gap: 8 }}>
          <label>
            <Typography.Text type="secondary">{t('capp.recommendations.purpose')}</Typography.Text>
            <Select<Purpose>
              size="large"
              style={{ width: '100%' }}
              value={purpose}
              onChange={setPurpose}
              options={PURPOSES.map((p) => ({ value: p, label: t(`capp.recommendations.purposes.${p}`) }))}
            />
          </label>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
            <label>
              <Typography.Text type="secondary">{t('capp.recommendations.amount')}</Typography.Text>
              <InputNumber<number>
                size="large"
                style={{ width: '100%' }}
                min={1000}
                step={10_000}
                value={amount}
                onChange={(v) => v !== null && setAmount(v)}
              />
            </label>
            <label>
              <Typography.Text type="secondary">{t('capp.recommendations.horizon')}</Typography.Text>
              <InputNumber<number>
                size="large"
                style={{ width: '100%' }}
                min={1}
                max={600}
                value={horizon}
                onChange={(v) => v !== null && setHorizon(v)}
              />
            </label>
          </div>
        </div>
      </Section>
      {expired ? (
        <Alert
          type="warning"
          showIcon
          message={t('capp.recommendations.expired')}
          action={
            canTakeAssessment ? (
              <Link to={`${base}/assessment`}>
                <Button type="primary" style={{ minHeight: 44 }}>
                  {t('capp.checkup.reassess')}
                </Button>
              </Link>
            ) : undefined
          }
        />
      ) : q.isPending || q.error ? (
        <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Section testId="recommendation-list">
            {q.data.items.length === 0 && <Empty description={t('capp.recommendations.none')} />}
            {q.data.items.map((r, k) => (
              <div
                key={r.product_code}
                data-testid="recommendation"
                style={{
                  padding: '10px 0',
                  borderBottom: k < q.data.items.length - 1 ? '1px solid #f0f0f0' : undefined,
                }}
              >
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {r.name}
                  </Typography.Text>
                  <span>
                    <RiskTag level={r.risk_level} />
                    {r.held && <Tag>{t('capp.recommendations.held')}</Tag>}
                  </span>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.product_code} · {t(`productTypes.${r.type}`)}
                </Typography.Text>
                <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
                  {(en ? r.reasons_en : r.reasons).map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </div>
            ))}
          </Section>
          <Disclosure text={en ? q.data.disclosure_en : q.data.disclosure} />
        </>
      )}
    </div>
  );
};
