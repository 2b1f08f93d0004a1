import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProductReturns } from '../../../contracts/products.js';
import { formatPercent, gainColor } from '../../format.js';
import { formatMetric } from '../analytics/metrics-rows.js';

/** The trailing-return columns of the figures table, in display order (keys of ProductReturns). */
export const FIGURE_PERIODS = ['m1', 'm3', 'm6', 'ytd', 'y1', 'y3', 'sinceStart', 'annualised'] as const;
type Period = (typeof FIGURE_PERIODS)[number];
type Row = { key: string; label: string } & Record<Period, number | null>;

const pct = (v: number | null) => <span style={{ color: gainColor(v) }}>{formatPercent(v)}</span>;

/** Product and benchmark period returns side by side, then volatility, drawdown and Sharpe (the overview). */
export const ProductFiguresCard = ({ r }: { r: ProductReturns }) => {
  const { t } = useTranslation();
  const rows: Row[] = [
    { key: 'product', label: t('figures.product'), ...r },
    ...(r.benchmark ? [{ ...r.benchmark, key: 'benchmark', label: t('figures.benchmark') }] : []),
  ];
  return (
    <Card title={t('figures.title')} data-testid="product-figures">
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        scroll={{ x: true }}
        onRow={(row) => ({ 'data-testid': `figures-${row.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('figures.row'), dataIndex: 'label', fixed: 'left' },
          ...FIGURE_PERIODS.map((k) => ({
            title: t(`figures.${k}`),
            dataIndex: k,
            align: 'right' as const,
            onCell: () => ({ 'data-figure': k }) as React.HTMLAttributes<HTMLElement>,
            render: pct,
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 16px' }} data-testid="benchmark-name">
        {r.benchmark ? `${t('figures.benchmarkName')}: ${r.benchmark.name}` : t('figures.noBenchmark')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Statistic
            title={t('figures.volatility')}
            value={formatPercent(r.volatility)}
            valueStyle={{ fontSize: 20 }}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('figures.maxDrawdown')}
            value={formatPercent(r.maxDrawdown)}
            valueStyle={{ color: '#389e0d', fontSize: 20 }}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('figures.sharpe')}
            value={formatMetric(r.sharpe, 'ratio')}
            valueStyle={{ fontSize: 20 }}
          />
        </Col>
      </Row>
    </Card>
  );
};
