import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../contracts/org.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { auditDetailText } from '../../display.js';
import { formatDateTime } from '../../format.js';

const ACTION_COLORS: Record<string, string> = {
  'pii.read': 'orange',
  'customer.access_denied': 'red',
  'advice.proposal': 'blue',
  'auth.login_failed': 'red',
};

export const AuditPage = () => {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<string>('');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['audit', customerId, page],
    queryFn: () =>
      apiFetch<{ items: AuditRow[]; total: number }>(
        '/api/audit' +
          qs({ customerId: /^\d+$/.test(customerId) ? customerId : undefined, page, pageSize: 50 }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('admin.auditTitle')}>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('customers.id')}
          onSearch={(v) => {
            setCustomerId(v.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
        />
      </Space>
      {query.error ? (
        <QueryState loading={false} error={query.error} />
      ) : (
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 50,
            total: query.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          columns={[
            {
              title: t('admin.at'),
              dataIndex: 'at',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('admin.actor'),
              render: (_: unknown, r) => r.actorName ?? `${t(`auditActors.${r.actorKind}`)} ${r.actorId}`,
            },
            {
              title: t('admin.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <Tag color={ACTION_COLORS[v] ?? 'default'}>
                  {t(`auditActions.${v.replace('.', '_')}`, { defaultValue: v })}
                </Tag>
              ),
            },
            {
              title: t('admin.target'),
              render: (_: unknown, r) =>
                r.target === null
                  ? '—'
                  : `${r.targetKind === null ? '' : t(`display.targets.${r.targetKind}`, { defaultValue: r.targetKind })} ${r.target}`,
            },
            {
              title: t('admin.details'),
              dataIndex: 'details',
              render: (v: unknown) => (
                <span style={{ fontSize: 12 }} data-testid="audit-details">
                  {auditDetailText(t, v)}
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
};
