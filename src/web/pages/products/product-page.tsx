import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ProductDetail } from '../../../contracts/products.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent } from '../../format.js';
import { ProductAnalyticsTab } from './product-analytics-tab.js';
import { ProductFiguresCard } from './product-figures-card.js';
import { ProductStatusTag } from '../../components/product-status-tag.js';

const NavChart = ({ p }: { p: ProductDetail }) => {
  const { t } = useTranslation();
  const dates = p.nav.map((n) => n.date);
  const mm = p.type === 'money_market';
  const num = (v: string | null) => (v === null ? null : Number(v));
  // Money funds keep a unit NAV of 1: their history is the 7-day annualised yield and the income per 10k units.
  const series = mm
    ? [
        {
          name: t('products.yield7d'),
          type: 'line',
          showSymbol: false,
          data: p.nav.map((n) => num(n.yield7d)),
        },
        {
          name: t('products.income10k'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          data: p.nav.map((n) => num(n.income10k)),
        },
      ]
    : [
        {
          name: t('products.unitNavSeries'),
          type: 'line',
          showSymbol: false,
          data: p.nav.map((n) => Number(n.unit)),
        },
        {
          name: t('products.accNavSeries'),
          type: 'line',
          showSymbol: false,
          data: p.nav.map((n) => Number(n.accumulated)),
        },
        {
          name: t('products.adjNavSeries'),
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 2.5 },
          data: p.nav.map((n) => Number(n.adjusted)),
        },
      ];
  const option = {
    color: mm ? ['#c1381c', '#f08a24'] : ['#8c8c8c', '#f08a24', '#c1381c'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: mm ? 56 : 24, top: 36, bottom: 64 },
    xAxis: { type: 'category', data: dates, boundaryGap: false },
    yAxis: mm
      ? [
          { type: 'value', scale: true },
          { type: 'value', scale: true },
        ]
      : { type: 'value', scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 16 }],
    series,
  };
  return (
    <Card title={t('products.navChart')} data-testid="nav-chart">
      <EChart option={option} height={380} />
    </Card>
  );
};

export const ProductPage = () => {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const query = useQuery({
    queryKey: ['product', code],
    queryFn: () => apiFetch<ProductDetail>(`/api/products/${encodeURIComponent(code)}`),
    retry: false,
  });
  if (query.isPending || query.error)
    return (
      <Card>
        <QueryState loading={query.isPending} error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  const p = query.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="product-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {p.name}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {p.code}
        </Typography.Text>{' '}
        <ProductStatusTag status={p.status} />
      </Typography.Title>
      <Card>
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('products.type')}>{t(`productTypes.${p.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('products.risk')}>
            <RiskTag level={p.riskLevel} />
          </Descriptions.Item>
          <Descriptions.Item label={t('products.manager')}>{p.manager}</Descriptions.Item>
          <Descriptions.Item label={t('products.latestNav')}>
            {p.latestNav ? `${p.latestNav.unit} (${p.latestNav.date})` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.accNav')}>
            {p.latestNav?.accumulated ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.adjNav')}>{p.latestNav?.adjusted ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('products.minPurchase')}>
            {formatMoney(p.minPurchase)}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.term')}>{p.termDays ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('products.fees')} span={2}>
            {`${t('products.feePurchase')} ${formatPercent(Number(p.fees.purchase))} · ${t('products.feeManagement')} ${formatPercent(Number(p.fees.management))} · ${t('products.feeCustody')} ${formatPercent(Number(p.fees.custody))}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.benchmark')} span={3}>
            {p.benchmark}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {p.description}
        </Typography.Paragraph>
      </Card>
      <Tabs
        data-testid="product-tabs"
        items={[
          {
            key: 'overview',
            label: t('products.tabOverview'),
            children: (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <ProductFiguresCard r={p.returns} />
                <NavChart p={p} />
              </Space>
            ),
          },
          {
            key: 'analytics',
            label: t('products.tabAnalytics'),
            children: <ProductAnalyticsTab code={p.code} />,
          },
        ]}
      />
      <Typography.Text type="secondary">{t('products.disclaimer')}</Typography.Text>
    </Space>
  );
};
