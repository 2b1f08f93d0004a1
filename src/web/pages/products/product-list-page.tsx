import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PRODUCT_TYPES } from '../../../contracts/products.js';
import type { ProductSummary } from '../../../contracts/products.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { ProductStatusTag } from '../../components/product-status-tag.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent, gainColor } from '../../format.js';

type Page = { items: ProductSummary[]; total: number };

type Filter = { q?: string; type?: string | undefined; risk?: string | undefined };

/** Text search, product type and risk rating. */
const ProductFilters = ({
  type,
  risk,
  onChange,
}: {
  type: string | undefined;
  risk: string | undefined;
  onChange: (f: Filter) => void;
}) => {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={`${t('products.name')} / ${t('products.code')}`}
        style={{ width: 240 }}
        onSearch={(v) => onChange({ q: v })}
      />
      <Select
        allowClear
        placeholder={t('products.type')}
        style={{ width: 160 }}
        value={type}
        onChange={(v: string | undefined) => onChange({ type: v })}
        options={PRODUCT_TYPES.map((v) => ({ value: v, label: t(`productTypes.${v}`) }))}
      />
      <Select
        allowClear
        placeholder={t('products.risk')}
        style={{ width: 110 }}
        value={risk}
        onChange={(v: string | undefined) => onChange({ risk: v })}
        options={['R1', 'R2', 'R3', 'R4', 'R5'].map((v) => ({ value: v, label: v }))}
      />
    </Space>
  );
};

/** The shelf's columns: code, name, type, rating, status, manager, latest NAV, one-year return, minimum. */
const productColumns = (t: TFunction): ColumnsType<ProductSummary> => [
  { title: t('products.code'), dataIndex: 'code', width: 110 },
  {
    title: t('products.name'),
    dataIndex: 'name',
    render: (v: string) => <Typography.Link>{v}</Typography.Link>,
  },
  { title: t('products.type'), dataIndex: 'type', render: (v: string) => t(`productTypes.${v}`) },
  { title: t('products.risk'), dataIndex: 'riskLevel', render: (v: string) => <RiskTag level={v} /> },
  {
    title: t('figures.status'),
    dataIndex: 'status',
    render: (v: string) => <ProductStatusTag status={v} />,
  },
  { title: t('products.manager'), dataIndex: 'manager' },
  { title: t('products.latestNav'), align: 'right', render: (_: unknown, r) => r.latestNav?.unit ?? '—' },
  { title: t('products.navDate'), render: (_: unknown, r) => r.latestNav?.date ?? '—' },
  {
    title: t('products.ret1y'),
    dataIndex: 'return1y',
    align: 'right',
    render: (v: number | null) => <span style={{ color: gainColor(v) }}>{formatPercent(v)}</span>,
  },
  {
    title: t('products.minPurchase'),
    dataIndex: 'minPurchase',
    align: 'right',
    render: (v: string) => formatMoney(v),
  },
];

export const ProductListPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [risk, setRisk] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: ['products', q, type, risk, page],
    queryFn: () => apiFetch<Page>('/api/products' + qs({ q, type, risk, ...page })),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('products.title')}>
      <ProductFilters
        type={type}
        risk={risk}
        onChange={(f) => {
          if ('q' in f) setQ(f.q ?? '');
          if ('type' in f) setType(f.type);
          if ('risk' in f) setRisk(f.risk);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      {query.error ? (
        <QueryState error={query.error} loading={false} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ProductSummary>
          rowKey="code"
          size="middle"
          loading={query.isFetching}
          columns={productColumns(t)}
          dataSource={query.data?.items ?? []}
          onRow={(r) => ({
            onClick: () => void navigate(`/console/products/${encodeURIComponent(r.code)}`),
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('products.disclaimer')}
      </Typography.Paragraph>
    </Card>
  );
};
