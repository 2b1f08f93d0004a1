import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { CompareResponse } from '../../../contracts/analytics.js';
import type { ProductSummary } from '../../../contracts/products.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatPercent } from '../../format.js';
import { formatMetric, METRIC_ROWS, TRAILING_KEYS } from './metrics-rows.js';

const PK_METRICS = METRIC_ROWS.filter(([k]) =>
  [
    'annual_return',
    'cumulative_return',
    'annual_volatility',
    'sharpe',
    'sortino',
    'calmar',
    'max_drawdown',
    'max_drawdown_peak',
    'max_drawdown_trough',
    'max_drawdown_recovery',
    'value_at_risk',
    'win_rate',
  ].includes(k),
);

const navOption = (c: CompareResponse) => ({
  // Several long series: drawing them at once reads better than a slow left-to-right animation.
  animation: false,
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 48, right: 24, top: 40, bottom: 64 },
  xAxis: { type: 'category', data: c.chart.dates, boundaryGap: false },
  yAxis: { type: 'value', scale: true },
  dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 16 }],
  series: c.funds.map((f, k) => ({
    name: f.name,
    type: 'line',
    showSymbol: false,
    data: c.chart.series[k],
  })),
});

const SideBySide = ({ c }: { c: CompareResponse }) => {
  const { t } = useTranslation();
  const rows = [
    ...TRAILING_KEYS.map((k) => ({
      key: `t-${k}`,
      label: t(`analytics.trailingKeys.${k}`),
      values: c.funds.map((f) => formatPercent(f.trailing[k])),
    })),
    ...PK_METRICS.map(([k, fmt]) => ({
      key: k,
      label: t(`metrics.${k}`),
      values: c.funds.map((f) => formatMetric(f.metrics[k], fmt)),
    })),
    {
      key: 'recovery',
      label: t('analytics.recoveryDays'),
      values: c.funds.map((f) =>
        f.recoveryPeriods === null ? t('analytics.notRecovered') : String(f.recoveryPeriods),
      ),
    },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      data-testid="pk-table"
      columns={[
        { title: t('analytics.metric'), dataIndex: 'label', fixed: 'left' },
        ...c.funds.map((f, k) => ({
          title: (
            <span>
              {f.name} <RiskTag level={f.riskLevel} />
            </span>
          ),
          key: f.code,
          align: 'right' as const,
          render: (_: unknown, r: { values: string[] }) => r.values[k],
        })),
      ]}
    />
  );
};

const Correlation = ({ c }: { c: CompareResponse }) => {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={c.funds.map((f, i) => ({ code: f.code, name: f.name, row: c.correlation[i] ?? [] }))}
      columns={[
        { title: t('analytics.correlation'), dataIndex: 'name' },
        ...c.funds.map((f, k) => ({
          title: f.code,
          key: f.code,
          align: 'right' as const,
          render: (_: unknown, r: { row: Array<number | null> }) => formatMetric(r.row[k], 'ratio'),
        })),
      ]}
    />
  );
};

/** 基金PK: pick 2–5 products; the server aligns them on their common window (adjusted NAV). */
export const FundPkPage = () => {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const codes = (params.get('codes') ?? '').split(',').filter((c) => c !== '');
  const [picked, setPicked] = useState<string[]>(codes);
  const shelf = useQuery({
    queryKey: ['products', 'pk-shelf'],
    queryFn: () => apiFetch<{ items: ProductSummary[]; total: number }>('/api/products?pageSize=200'),
  });
  const cmp = useQuery({
    queryKey: ['compare', codes.join(',')],
    queryFn: () => apiFetch<CompareResponse>('/api/analytics/compare', { method: 'POST', body: { codes } }),
    enabled: codes.length >= 2,
    retry: false,
  });
  const c = cmp.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="fund-pk">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('analytics.pkTitle')}
      </Typography.Title>
      <Card>
        <Space wrap>
          <Select
            mode="multiple"
            style={{ minWidth: 520 }}
            placeholder={t('analytics.pickProducts')}
            value={picked}
            maxCount={5}
            loading={shelf.isPending}
            optionFilterProp="label"
            onChange={setPicked}
            data-testid="pk-select"
            options={(shelf.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} ${p.code}` }))}
          />
          <Button
            type="primary"
            disabled={picked.length < 2 || picked.length > 5}
            onClick={() => setParams({ codes: picked.join(',') })}
          >
            {t('analytics.compare')}
          </Button>
          <Typography.Text type="secondary">{t('analytics.pickHint')}</Typography.Text>
        </Space>
      </Card>
      {codes.length >= 2 && (cmp.isPending || cmp.error) && (
        <Card>
          <QueryState loading={cmp.isPending} error={cmp.error} onRetry={() => void cmp.refetch()} />
        </Card>
      )}
      {c && (
        <>
          <Alert
            type="info"
            showIcon
            data-testid="pk-summary"
            message={t('analytics.window', {
              start: c.window.start,
              end: c.window.end,
              n: c.window.observations,
            })}
            description={i18n.language === 'en' ? c.summary.en : c.summary.zh}
          />
          <Card title={t('analytics.navRebased')} size="small">
            <EChart option={navOption(c)} height={340} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              <Card title={t('analytics.sideBySide')} size="small">
                <SideBySide c={c} />
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Card title={t('analytics.correlation')} size="small">
                <Correlation c={c} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
};
