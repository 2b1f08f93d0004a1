import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CustomerPage, CustomerSummary } from '../../../contracts/customers.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { customerColumns } from './customer-columns.js';
import { CustomerFilters, type Filters } from './customer-filters.js';

const wanToYuan = (w: number | null | undefined) => (w === null || w === undefined ? undefined : w * 10_000);

export const CustomerListPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: ['customers', filters, page],
    queryFn: () =>
      apiFetch<CustomerPage>(
        '/api/customers' +
          qs({
            page: page.page,
            pageSize: page.pageSize,
            q: filters.q,
            riskLevel: filters.riskLevel,
            rmId: filters.rmId,
            segment: filters.segment,
            assessment: filters.assessment,
            minAum: wanToYuan(filters.minAumWan),
            maxAum: wanToYuan(filters.maxAumWan),
          }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('customers.title')}>
      <CustomerFilters
        exactSearchOnly={query.data?.items[0]?.masked === true}
        onChange={(f) => {
          setFilters(f);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      {query.error ? (
        <QueryState error={query.error} loading={false} onRetry={() => void query.refetch()} />
      ) : (
        <Table<CustomerSummary>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          columns={customerColumns(t)}
          dataSource={query.data?.items ?? []}
          onRow={(r) => ({
            onClick: () => void navigate(`/workbench/customers/${r.id}`),
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          data-testid="customer-table"
        />
      )}
    </Card>
  );
};
