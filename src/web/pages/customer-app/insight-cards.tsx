import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributionResponse, CommentaryResponse } from '../../../contracts/advisory.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { formatPercent, gainColor } from '../../format.js';
import { Section } from './parts.js';

/** Today's market commentary and how the customer's holdings moved (the per-customer commentary route). */
export const CommentaryCard = ({ customerId }: { customerId: number }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const q = useQuery({
    queryKey: ['commentary', customerId],
    queryFn: () => apiFetch<CommentaryResponse>(`/api/customers/${customerId}/commentary?kind=close`),
    retry: false,
  });
  if (q.isPending || q.error)
    return (
      <Section title={t('capp.home.commentary')}>
        <QueryState loading={q.isPending} error={q.error} />
      </Section>
    );
  const c = q.data;
  return (
    <Section title={`${t('capp.home.commentary')} · ${c.date}`} testId="capp-commentary">
      <Typography.Paragraph style={{ marginBottom: 8 }}>{en ? c.text_en : c.text}</Typography.Paragraph>
      {c.holdings_effect.map((g) => (
        <div
          key={g.group}
          style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, padding: '2px 0' }}
        >
          <span>{t(`productTypes.${g.group}`, { defaultValue: g.group })}</span>
          <span style={{ color: gainColor(g.average_change) }}>{formatPercent(g.average_change)}</span>
        </div>
      ))}
    </Section>
  );
};

const AttributionBody = ({ customerId, code }: { customerId: number; code: string }) => {
  const { i18n } = useTranslation();
  const { t } = useTranslation();
  const en = i18n.language === 'en';
  const q = useQuery({
    queryKey: ['attribution', customerId, code],
    queryFn: () =>
      apiFetch<AttributionResponse>(
        `/api/customers/${customerId}/holdings/${encodeURIComponent(code)}/attribution?days=20`,
      ),
    retry: false,
  });
  if (q.isPending || q.error) return <QueryState loading={q.isPending} error={q.error} />;
  const a = q.data;
  const parts: [string, number][] = [
    [t('capp.home.market'), a.market],
    [t('capp.home.style'), a.style],
    [t('capp.home.specific'), a.specific],
    [t('capp.home.total'), a.total],
  ];
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(1)}%` } },
    yAxis: { type: 'category', data: parts.map(([k]) => k).reverse() },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        data: [...parts]
          .reverse()
          .map(([, v]) => ({ value: v, itemStyle: { color: v < 0 ? '#389e0d' : '#cf1322' } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatPercent(p.value) },
      },
    ],
  };
  return (
    <div data-testid="attribution">
      <EChart option={option} height={150} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
        {en ? a.explanation_en : a.explanation}
      </Typography.Paragraph>
    </div>
  );
};

/** "Why did it move?": the holding's return of the last 20 trading days split into market, style and its own. */
export const AttributionToggle = ({ customerId, code }: { customerId: number; code: string }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div style={{ marginTop: 4 }}>
      <Button type="link" style={{ padding: 0, minHeight: 44 }} onClick={() => setOpen(!open)}>
        {t('capp.home.why')}
      </Button>
      {open && <AttributionBody customerId={customerId} code={code} />}
    </div>
  );
};
