import { useQuery } from '@tanstack/react-query';
import { Alert, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompareResponse } from '../../../contracts/analytics.js';
import type { ProductDetail, ProductSummary } from '../../../contracts/products.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent } from '../../format.js';
import { Section, TapLabel } from './parts.js';

type Kind = 'fund' | 'insurance';
const FUND_TYPES = ['pure_bond', 'bond_plus', 'hybrid', 'equity', 'index'] as const;

const useShelf = (kind: Kind) =>
  useQuery({
    queryKey: ['capp-shelf', kind],
    queryFn: async () => {
      const types = kind === 'insurance' ? ['insurance'] : FUND_TYPES;
      const pages = await Promise.all(
        types.map((type) =>
          apiFetch<{ items: ProductSummary[] }>(`/api/products${qs({ type, pageSize: 20 })}`),
        ),
      );
      return pages.flatMap((p) => p.items).filter((p) => p.status === 'open' || p.status === 'closed');
    },
  });

/** Two columns of figures: label, left, right (cards, so nothing scrolls sideways at 390 px). */
const Compare = ({ rows, heads }: { rows: [string, string, string][]; heads: [string, string] }) => (
  <div data-testid="pk-compare">
    <div
      style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 6, fontWeight: 600, fontSize: 13 }}
    >
      <span />
      <span style={{ overflowWrap: 'anywhere' }}>{heads[0]}</span>
      <span style={{ overflowWrap: 'anywhere' }}>{heads[1]}</span>
    </div>
    {rows.map(([label, a, b]) => (
      <div
        key={label}
        style={{
          display: 'grid',
          gridTemplateColumns: '1fr 1fr 1fr',
          gap: 6,
          padding: '6px 0',
          borderTop: '1px solid #f0f0f0',
          fontSize: 13,
        }}
      >
        <Typography.Text type="secondary">{label}</Typography.Text>
        <span>{a}</span>
        <span>{b}</span>
      </div>
    ))}
  </div>
);

const num = (v: number | string | null | undefined) => (typeof v === 'number' ? v : null);

const FundPk = ({ codes }: { codes: [string, string] }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['capp-pk', codes],
    queryFn: () => apiFetch<CompareResponse>('/api/analytics/compare', { method: 'POST', body: { codes } }),
    retry: false,
  });
  if (q.isPending || q.error) return <QueryState loading={q.isPending} error={q.error} />;
  const [a, b] = q.data.funds as [CompareResponse['funds'][number], CompareResponse['funds'][number]];
  const row = (label: string, f: (x: typeof a) => string): [string, string, string] => [label, f(a), f(b)];
  return (
    <Compare
      heads={[a.name, b.name]}
      rows={[
        row(t('capp.pk.risk'), (x) => x.riskLevel),
        row(t('capp.pk.annualReturn'), (x) => formatPercent(num(x.metrics.annual_return))),
        row(t('capp.pk.volatility'), (x) => formatPercent(num(x.metrics.annual_volatility))),
        row(t('capp.pk.maxDrawdown'), (x) => formatPercent(num(x.metrics.max_drawdown))),
        row(t('capp.pk.sharpe'), (x) => (num(x.metrics.sharpe) ?? NaN).toFixed(2).replace('NaN', '—')),
      ]}
    />
  );
};

const InsurancePk = ({ codes }: { codes: [string, string] }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['capp-pk-ins', codes],
    queryFn: () =>
      Promise.all(codes.map((c) => apiFetch<ProductDetail>(`/api/products/${encodeURIComponent(c)}`))),
    retry: false,
  });
  if (q.isPending || q.error) return <QueryState loading={q.isPending} error={q.error} />;
  const [a, b] = q.data as [ProductDetail, ProductDetail];
  const row = (label: string, f: (x: ProductDetail) => string): [string, string, string] => [
    label,
    f(a),
    f(b),
  ];
  return (
    <Compare
      heads={[a.name, b.name]}
      rows={[
        row(t('capp.pk.risk'), (x) => x.riskLevel),
        row(t('capp.pk.issuer'), (x) => x.issuer),
        row(t('capp.pk.minPurchase'), (x) => formatMoney(x.minPurchase)),
        row(t('capp.pk.term'), (x) => (x.termDays === null ? '—' : String(x.termDays))),
        row(
          t('capp.pk.fees'),
          (x) => `${formatPercent(Number(x.fees.purchase))} / ${formatPercent(Number(x.fees.management))}`,
        ),
        row(t('capp.pk.annualReturn'), (x) => formatPercent(x.return1y)),
      ]}
    />
  );
};

/** 产品PK: two funds by their risk/return figures, or two insurance products by their terms. */
export const PkPage = () => {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('fund');
  const shelf = useShelf(kind);
  const [picked, setPicked] = useState<Record<Kind, string[]>>({ fund: [], insurance: [] });
  const items = shelf.data ?? [];
  const chosen = picked[kind].length === 2 ? picked[kind] : items.slice(0, 2).map((p) => p.code);
  return (
    <div data-testid="capp-pk">
      <Segmented<Kind>
        block
        size="large"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'fund', label: <TapLabel>{t('capp.pk.fund')}</TapLabel> },
          { value: 'insurance', label: <TapLabel>{t('capp.pk.insurance')}</TapLabel> },
        ]}
      />
      <Section title={t('capp.pk.pick')}>
        {shelf.isPending || shelf.error ? (
          <QueryState loading={shelf.isPending} error={shelf.error} />
        ) : items.length < 2 ? (
          <Alert type="info" message={t('capp.pk.notEnough')} />
        ) : (
          <>
            <Select
              mode="multiple"
              size="large"
              style={{ width: '100%' }}
              maxCount={2}
              value={chosen}
              onChange={(v: string[]) => setPicked((p) => ({ ...p, [kind]: v }))}
              options={items.map((p) => ({ value: p.code, label: `${p.name} (${p.riskLevel})` }))}
            />
            <div style={{ marginTop: 8 }}>
              {items
                .filter((p) => chosen.includes(p.code))
                .map((p) => (
                  <RiskTag key={p.code} level={p.riskLevel} />
                ))}
            </div>
          </>
        )}
      </Section>
      {chosen.length === 2 && (
        <Section>
          {kind === 'fund' ? (
            <FundPk codes={chosen as [string, string]} />
          ) : (
            <InsurancePk codes={chosen as [string, string]} />
          )}
        </Section>
      )}
    </div>
  );
};
