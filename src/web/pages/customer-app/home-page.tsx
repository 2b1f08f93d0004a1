import { useQuery } from '@tanstack/react-query';
import { Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../contracts/customers.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatPercent, gainColor } from '../../format.js';
import { useCustomerApp } from './app-context.js';
import { AttributionToggle, CommentaryCard } from './insight-cards.js';
import { Figure, FigureGrid, Money, Section } from './parts.js';

/** The customer's own assets (the 360's holdings and totals; nothing of the staff-only profile is shown). */
export const useCustomerAssets = (customerId: number) =>
  useQuery({
    queryKey: ['customer360', String(customerId)],
    queryFn: () => apiFetch<Customer360>(`/api/customers/${customerId}`),
    retry: false,
  });

const COLORS = ['#c1381c', '#f08a24', '#fadb14', '#52c41a', '#13c2c2', '#1677ff', '#722ed1', '#eb2f96'];

/** 首页/资产: total assets, P&L, the asset mix as a doughnut and each holding as a card. */
export const CustomerHomePage = () => {
  const { t } = useTranslation();
  const { customerId } = useCustomerApp();
  const q = useCustomerAssets(customerId);
  if (q.isPending || q.error)
    return <QueryState loading={q.isPending} error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const mix = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    color: COLORS,
    series: [
      {
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '42%'],
        label: { formatter: '{d}%' },
        data: d.assetMix.map((m) => ({
          name: t(`productTypes.${m.productType}`),
          value: Number(m.marketValue),
        })),
      },
    ],
  };
  return (
    <div data-testid="capp-home">
      <Section testId="capp-totals">
        <FigureGrid>
          <Figure label={t('capp.home.totalAssets')}>
            <Money value={d.profile.aum} src="c360:profile.aum" />
          </Figure>
          <Figure label={t('capp.home.holdings')}>
            <Money value={d.totals.marketValue} src="c360:totals.marketValue" />
          </Figure>
          <Figure label={t('capp.home.pnl')}>
            <Money value={d.totals.pnl} src="c360:totals.pnl" signed />
          </Figure>
          <Figure label={t('capp.home.pnlRate')}>
            <span style={{ color: gainColor(d.totals.pnlRate) }}>{formatPercent(d.totals.pnlRate)}</span>
          </Figure>
        </FigureGrid>
      </Section>
      <Section title={t('capp.home.mix')} testId="capp-mix">
        {d.assetMix.length === 0 ? <Empty /> : <EChart option={mix} height={260} />}
      </Section>
      <CommentaryCard customerId={customerId} />
      <Section title={t('capp.home.myHoldings')} testId="capp-holdings">
        {d.holdings.length === 0 && <Empty description={t('capp.home.noHoldings')} />}
        {d.holdings.map((h, k) => (
          <div
            key={h.productCode}
            style={{
              padding: '10px 0',
              borderBottom: k < d.holdings.length - 1 ? '1px solid #f0f0f0' : undefined,
            }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {h.productName}
              </Typography.Text>
              <RiskTag level={h.productRisk} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.productCode} · {t(`productTypes.${h.productType}`)}
              {h.valuation === 'cost' && <Tag style={{ marginLeft: 6 }}>{t('capp.home.valuedAtCost')}</Tag>}
            </Typography.Text>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
                gap: 8,
                marginTop: 6,
              }}
            >
              <Figure small label={t('capp.home.marketValue')}>
                <Money value={h.marketValue} src={`c360:holdings.${k}.marketValue`} />
              </Figure>
              <Figure small label={t('capp.home.cost')}>
                <Money value={h.cost} src={`c360:holdings.${k}.cost`} />
              </Figure>
              <Figure small label={t('capp.home.pnl')}>
                <Money value={h.pnl} src={`c360:holdings.${k}.pnl`} signed />
                <div style={{ fontSize: 12, color: gainColor(h.pnlRate) }}>{formatPercent(h.pnlRate)}</div>
              </Figure>
            </div>
            {h.navDate !== null && h.productType !== 'money_market' && (
              <AttributionToggle customerId={customerId} code={h.productCode} />
            )}
          </div>
        ))}
      </Section>
    </div>
  );
};
