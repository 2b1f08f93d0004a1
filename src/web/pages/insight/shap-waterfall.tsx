import { useQuery } from '@tanstack/react-query';
import { Card, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';

type CustomerShap = {
  customer_id: number;
  date: string;
  pending: boolean;
  base: number;
  margin: number;
  probability: number;
  contributions: Array<{ factor: string; value: number; shap: number }>;
};

type Step = { label: string; start: number; end: number };

/** The waterfall's steps: the largest contributions one by one from the base, the rest folded into one step. */
const stepsOf = (s: CustomerShap, label: (k: string) => string, others: string, top = 8): Step[] => {
  const out: Step[] = [];
  let at = s.base;
  for (const c of s.contributions.slice(0, top)) {
    out.push({ label: `${label(c.factor)} = ${+c.value.toFixed(3)}`, start: at, end: at + c.shap });
    at += c.shap;
  }
  const rest = s.contributions.slice(top).reduce((a, c) => a + c.shap, 0);
  if (s.contributions.length > top) out.push({ label: others, start: at, end: at + rest });
  return out;
};

/**
 * One customer's SHAP waterfall (log-odds): from the model's base value, each factor's contribution as a bar that
 * starts where the previous one ended (red up, green down), to the customer's margin. Predictive, not causal.
 */
export const ShapWaterfall = ({
  id,
  customerId,
  label,
}: {
  id: number;
  customerId: number;
  label: (key: string) => string;
}) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['insight', 'shap', id, customerId],
    queryFn: () => apiFetch<CustomerShap>(`/api/insight/studies/${id}/customers/${customerId}/shap`),
  });
  if (q.error) return <Tag color="red">{q.error.message}</Tag>;
  if (!q.data) return <Typography.Text>{t('insight.shapLoading')}</Typography.Text>;
  const s = q.data;
  const steps = stepsOf(s, label, t('insight.shapOthers'));
  const option: EChartsCoreOption = {
    grid: { left: 220, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', scale: true, name: 'log-odds' },
    yAxis: { type: 'category', inverse: true, data: steps.map((x) => x.label) },
    tooltip: {
      formatter: (p: { dataIndex: number }) => {
        const x = steps[p.dataIndex]!;
        return `${x.label}: ${(x.end - x.start).toFixed(3)}`;
      },
    },
    series: [
      {
        type: 'custom',
        data: steps.map((x, i) => [i, x.start, x.end]),
        renderItem: (
          _: unknown,
          api: {
            value: (d: number) => number;
            coord: (p: [number, number]) => [number, number];
            size: (p: [number, number]) => [number, number];
          },
        ) => {
          const i = api.value(0);
          const a = api.coord([api.value(1), i]);
          const b = api.coord([api.value(2), i]);
          const h = api.size([0, 1])[1] * 0.6;
          return {
            type: 'rect',
            shape: { x: Math.min(a[0], b[0]), y: a[1] - h / 2, width: Math.abs(b[0] - a[0]) || 1, height: h },
            style: { fill: api.value(2) >= api.value(1) ? '#cf1322' : '#389e0d' },
          };
        },
      },
    ],
  };
  return (
    <Card size="small" title={t('insight.shapTitle', { id: customerId })} data-testid="shap-waterfall">
      <Typography.Paragraph type="secondary">
        {t('insight.shapSummary', {
          date: s.date,
          base: s.base.toFixed(3),
          margin: s.margin.toFixed(3),
          p: (s.probability * 100).toFixed(1),
        })}
      </Typography.Paragraph>
      <EChart option={option} height={Math.max(200, 30 * steps.length + 50)} />
    </Card>
  );
};
