import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProductAnalyticsResponse } from '../../../contracts/analytics.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { formatPercent, gainColor } from '../../format.js';
import { formatMetric, METRIC_ROWS, TRAILING_KEYS } from '../analytics/metrics-rows.js';

type A = ProductAnalyticsResponse;

const navVsBenchmark = (a: A, t: (k: string) => string) => ({
  color: ['#c1381c', '#1f6fb2'],
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 48, right: 24, top: 36, bottom: 64 },
  xAxis: { type: 'category', data: a.chart.dates, boundaryGap: false },
  yAxis: { type: 'value', scale: true },
  dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 16 }],
  series: [
    { name: t('analytics.navRebased'), type: 'line', showSymbol: false, data: a.chart.nav },
    ...(a.chart.benchmark
      ? [
          {
            name: a.benchmarkName ?? t('analytics.benchmark'),
            type: 'line',
            showSymbol: false,
            data: a.chart.benchmark,
          },
        ]
      : []),
  ],
});

const drawdownChart = (a: A, t: (k: string) => string) => ({
  color: ['#389e0d'],
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
  grid: { left: 56, right: 24, top: 16, bottom: 40 },
  xAxis: { type: 'category', data: a.chart.dates, boundaryGap: false },
  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } },
  dataZoom: [{ type: 'inside' }],
  series: [
    {
      name: t('analytics.drawdown'),
      type: 'line',
      showSymbol: false,
      areaStyle: { opacity: 0.25 },
      data: a.chart.drawdown,
    },
  ],
});

const calendarChart = (a: A, t: (k: string) => string) => ({
  color: ['#c1381c', '#1f6fb2'],
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
  legend: { top: 0 },
  grid: { left: 56, right: 24, top: 36, bottom: 32 },
  xAxis: {
    type: 'category',
    data: a.calendar.map((y) => (y.partial ? `${y.year}*` : String(y.year))),
  },
  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } },
  series: [
    { name: t('analytics.product'), type: 'bar', data: a.calendar.map((y) => y.value) },
    ...(a.chart.benchmark
      ? [{ name: t('analytics.benchmark'), type: 'bar', data: a.calendar.map((y) => y.benchmark) }]
      : []),
  ],
});

const rollingChart = (a: A, t: (k: string) => string) => ({
  color: ['#f08a24'],
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
  grid: { left: 56, right: 24, top: 16, bottom: 40 },
  xAxis: { type: 'category', data: a.rolling1y.map((r) => r.date), boundaryGap: false },
  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } },
  series: [
    {
      name: t('analytics.rolling1y'),
      type: 'line',
      showSymbol: false,
      data: a.rolling1y.map((r) => r.value),
    },
  ],
});

const MetricsTable = ({ a }: { a: A }) => {
  const { t } = useTranslation();
  const rows = METRIC_ROWS.filter(([k]) => k in a.metrics).map(([k, f]) => ({
    key: k,
    label: t(`metrics.${k}`),
    value: formatMetric(a.metrics[k], f),
  }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      onRow={(row) => ({ 'data-metric': row.key }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('analytics.metric'), dataIndex: 'label' },
        { title: t('analytics.value'), dataIndex: 'value', align: 'right' },
      ]}
    />
  );
};

/** The analytics tab of the product page: every figure from the adjusted NAV, computed on the server. */
export const ProductAnalyticsTab = ({ code }: { code: string }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['product-analytics', code],
    queryFn: () => apiFetch<A>(`/api/products/${encodeURIComponent(code)}/analytics`),
    retry: false,
  });
  if (q.isPending || q.error)
    return <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  return (
    <Row gutter={[16, 16]} data-testid="product-analytics">
      <Col xs={24} xl={16}>
        <Card title={t('analytics.navVsBenchmark')} size="small">
          <EChart option={navVsBenchmark(a, t)} height={320} />
        </Card>
        <Card title={t('analytics.drawdown')} size="small" style={{ marginTop: 16 }}>
          <EChart option={drawdownChart(a, t)} height={200} />
        </Card>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={12}>
            <Card title={t('analytics.calendar')} size="small">
              <EChart option={calendarChart(a, t)} height={240} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title={t('analytics.rolling1y')} size="small">
              <EChart option={rollingChart(a, t)} height={240} />
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('analytics.trailing')} size="small">
          <Row gutter={[8, 8]}>
            {TRAILING_KEYS.map((k) => (
              <Col span={8} key={k}>
                <Typography.Text type="secondary">
                  {/* The tab covers the whole history: its start is the product's inception. */}
                  {k === 'inception' ? t('figures.sinceStart') : t(`analytics.trailingKeys.${k}`)}
                </Typography.Text>
                <div style={{ color: gainColor(a.trailing[k]), fontSize: 16 }} data-trailing={k}>
                  {formatPercent(a.trailing[k])}
                </div>
                {a.benchmarkTrailing ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {`${t('figures.benchmark')} ${formatPercent(a.benchmarkTrailing[k])}`}
                  </Typography.Text>
                ) : null}
              </Col>
            ))}
          </Row>
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '8px 0 0' }}
            data-testid="analytics-benchmark-name"
          >
            {a.benchmarkName ? `${t('figures.benchmarkName')}: ${a.benchmarkName}` : t('figures.noBenchmark')}
          </Typography.Paragraph>
        </Card>
        <Card title={t('analytics.metrics')} size="small" style={{ marginTop: 16 }}>
          <MetricsTable a={a} />
        </Card>
      </Col>
    </Row>
  );
};
