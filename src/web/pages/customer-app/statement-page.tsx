import { useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementResponse } from '../../../contracts/advisory.js';
import { apiFetch, qs } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { formatPercent, gainColor } from '../../format.js';
import { useCustomerApp } from './app-context.js';
import { Figure, FigureGrid, Money, Section, TapLabel } from './parts.js';
import { chinaToday, periodFrom, PERIODS, type Period } from './period.js';

export const statementUrl = (customerId: number, period: Period, to = chinaToday()) =>
  `/api/customers/${customerId}/statement${qs({ from: periodFrom(period, to), to })}`;

/** 账单: a period picker, the period's figures and a monthly P&L chart. */
export const StatementPage = () => {
  const { t } = useTranslation();
  const { customerId } = useCustomerApp();
  const [period, setPeriod] = useState<Period>('m6');
  const url = statementUrl(customerId, period);
  const q = useQuery({
    queryKey: ['statement', url],
    queryFn: () => apiFetch<StatementResponse>(url),
    retry: false,
  });
  const picker = (
    <Segmented<Period>
      block
      size="large"
      value={period}
      onChange={setPeriod}
      data-testid="statement-period"
      options={PERIODS.map((p) => ({
        value: p,
        label: <TapLabel>{t(`capp.statement.periods.${p}`)}</TapLabel>,
      }))}
    />
  );
  if (q.isPending || q.error)
    return (
      <div>
        {picker}
        <div style={{ marginTop: 12 }}>
          <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />
        </div>
      </div>
    );
  const s = q.data;
  const chart = {
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.monthly.map((m) => m.month.slice(2)) },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        data: s.monthly.map((m) => ({
          value: Number(m.pnl),
          itemStyle: { color: m.pnl.startsWith('-') ? '#389e0d' : '#cf1322' },
        })),
      },
    ],
  };
  return (
    <div data-testid="capp-statement" data-from={s.from} data-to={s.to}>
      {picker}
      <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 4px', fontSize: 12 }}>
        {t('capp.statement.period')}: {s.from} ~ {s.to}
      </Typography.Text>
      <Section testId="statement-figures">
        <FigureGrid>
          <Figure label={t('capp.statement.begin')}>
            <Money value={s.begin_value} src="statement:begin_value" />
          </Figure>
          <Figure label={t('capp.statement.end')}>
            <Money value={s.end_value} src="statement:end_value" />
          </Figure>
          <Figure label={t('capp.statement.netInflow')}>
            <Money value={s.net_inflow} src="statement:net_inflow" />
          </Figure>
          <Figure label={t('capp.statement.pnl')}>
            <Money value={s.pnl} src="statement:pnl" signed />
          </Figure>
          <Figure label={t('capp.statement.dividends')}>
            <Money value={s.dividends} src="statement:dividends" />
          </Figure>
          <Figure label={t('capp.statement.fees')}>
            <Money value={s.fees} src="statement:fees" />
          </Figure>
          <Figure label={t('capp.statement.twr')}>
            <span style={{ color: gainColor(s.twr) }}>{formatPercent(s.twr)}</span>
          </Figure>
          <Figure label={t('capp.statement.irr')}>
            <span style={{ color: gainColor(s.irr) }}>{formatPercent(s.irr)}</span>
          </Figure>
          <Figure label={t('capp.statement.benchmark')}>{formatPercent(s.benchmark_return)}</Figure>
        </FigureGrid>
      </Section>
      <Section title={t('capp.statement.monthly')} testId="statement-monthly">
        {s.monthly.length === 0 ? (
          <Empty description={t('capp.statement.noMonths')} />
        ) : (
          <>
            <EChart option={chart} height={220} />
            <div style={{ overflowX: 'auto' }}>
              {s.monthly.map((m, k) => (
                <div
                  key={m.month}
                  style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0', fontSize: 13 }}
                >
                  <span>{m.month}</span>
                  <Money value={m.pnl} src={`statement:monthly.${k}.pnl`} signed />
                </div>
              ))}
            </div>
          </>
        )}
      </Section>
      <Section title={t('capp.statement.byProduct')} testId="statement-products">
        {s.by_product.map((p, k) => (
          <div
            key={p.product_code}
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              gap: 8,
              padding: '6px 0',
              fontSize: 13,
            }}
          >
            <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{p.name ?? p.product_code}</span>
            <Money value={p.pnl} src={`statement:by_product.${k}.pnl`} signed />
          </div>
        ))}
      </Section>
    </div>
  );
};
