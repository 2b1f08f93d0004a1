import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CheckupResponse } from '../../../contracts/advisory.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { useCustomerApp } from './app-context.js';
import { Disclosure, Section } from './parts.js';

const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;

export const useCheckup = (customerId: number) =>
  useQuery({
    queryKey: ['checkup', customerId],
    queryFn: () => apiFetch<CheckupResponse>(`/api/customers/${customerId}/checkup`),
    retry: false,
  });

/** 体检: the score as a gauge, the dimensions as bars and the findings as a list. */
export const CheckupPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { customerId, base, canTakeAssessment } = useCustomerApp();
  const q = useCheckup(customerId);
  if (q.isPending || q.error)
    return <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const gauge = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '95%',
        center: ['50%', '58%'],
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14 } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        detail: { valueAnimation: false, fontSize: 40, fontWeight: 600, offsetCenter: [0, '-5%'] },
        title: { offsetCenter: [0, '35%'], fontSize: 14 },
        data: [{ value: c.score, name: t('capp.checkup.score') }],
        color: c.score >= 80 ? '#389e0d' : c.score >= 60 ? '#fa8c16' : '#cf1322',
      },
    ],
  };
  const dims = [...c.dimensions].reverse();
  const bars = {
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25 },
    yAxis: { type: 'category', data: dims.map((d) => (en ? d.label_en : d.label)) },
    series: [
      {
        type: 'bar',
        data: dims.map((d) => Math.round(d.score)),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#c1381c' },
        barWidth: 14,
      },
    ],
  };
  return (
    <div data-testid="capp-checkup">
      <Section testId="checkup-score">
        <div data-score={c.score}>
          <EChart option={gauge} height={220} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('capp.checkup.asOf', { date: c.as_of })}
        </Typography.Text>
      </Section>
      <Section title={t('capp.checkup.dimensions')} testId="checkup-dimensions">
        <EChart option={bars} height={40 + 34 * dims.length} />
      </Section>
      <Section title={t('capp.checkup.findings')} testId="checkup-findings">
        {c.findings.length === 0 && <Empty description={t('capp.checkup.noFindings')} />}
        {c.findings.map((f, k) => (
          <div
            key={`${f.code}-${k}`}
            data-testid="checkup-finding"
            style={{
              padding: '10px 0',
              borderBottom: k < c.findings.length - 1 ? '1px solid #f0f0f0' : undefined,
            }}
          >
            <Tag color={SEVERITY_COLOR[f.severity]}>{t(`capp.checkup.severity.${f.severity}`)}</Tag>
            <Typography.Paragraph style={{ margin: '6px 0' }}>
              {en ? f.message_en : f.message}
            </Typography.Paragraph>
            {f.products.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('capp.checkup.products')}: {f.products.join('、')}
              </Typography.Text>
            )}
            {f.action.kind === 'reassess' && canTakeAssessment && (
              <div style={{ marginTop: 6 }}>
                <Link to={`${base}/assessment`}>
                  <Button type="primary" size="large" style={{ minHeight: 44 }}>
                    {t('capp.checkup.reassess')}
                  </Button>
                </Link>
              </div>
            )}
          </div>
        ))}
      </Section>
      <Disclosure text={en ? c.disclosure_en : c.disclosure} />
    </div>
  );
};
