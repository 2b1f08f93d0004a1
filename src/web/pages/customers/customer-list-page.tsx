import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CustomerPage, CustomerSummary } from '../../../contracts/customers.js';
import type { StaffMember } from '../../../contracts/org.js';
import { useAuth } from '../../auth/auth-context.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney } from '../../format.js';

type Filters = {
  q?: string;
  rmId?: number;
  riskLevel?: string;
  segment?: string;
  assessment?: string;
  minAumWan?: number | null;
  maxAumWan?: number | null;
};

const SEGMENT_COLORS: Record<string, string> = {
  mass: 'default',
  affluent: 'blue',
  wealth: 'gold',
  private: 'volcano',
};

const wanToYuan = (w: number | null | undefined) => (w === null || w === undefined ? undefined : w * 10_000);

/** RM picker for managers and head office (an RM's own list needs no picker, and RMs cannot list staff). */
const useRmOptions = (enabled: boolean) =>
  useQuery({
    queryKey: ['rm-options'],
    queryFn: () => apiFetch<{ items: StaffMember[] }>('/api/org/staff?role=rm&pageSize=200'),
    enabled,
    staleTime: 300_000,
  }).data?.items.map((s) => ({ value: s.id, label: `${s.displayName} (${s.username})` })) ?? [];

export const CustomerListPage = () => {
  const { t } = useTranslation();
  const { permissions } = useAuth();
  const rmOptions = useRmOptions(permissions.includes('staff:read'));
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
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

  const columns: ColumnsType<CustomerSummary> = [
    { title: t('customers.id'), dataIndex: 'id', width: 110 },
    {
      title: t('customers.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space>
          <Typography.Link data-testid="customer-link">{name}</Typography.Link>
          {r.masked && <Tag>{t('customers.masked')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('customers.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (g: string) => t(`genders.${g}`),
    },
    { title: t('customers.age'), dataIndex: 'age', width: 70 },
    { title: t('customers.phone'), dataIndex: 'phone' },
    { title: t('customers.city'), dataIndex: 'city' },
    {
      title: t('customers.segment'),
      dataIndex: 'segment',
      render: (v: string) => <Tag color={SEGMENT_COLORS[v] ?? 'default'}>{t(`segments.${v}`)}</Tag>,
    },
    { title: t('customers.aum'), dataIndex: 'aum', align: 'right', render: (v: string) => formatMoney(v) },
    {
      title: t('customers.riskLevel'),
      dataIndex: 'riskLevel',
      width: 90,
      render: (v: string) => <RiskTag level={v} />,
    },
    {
      title: t('customers.riskAssessedAt'),
      dataIndex: 'riskAssessedAt',
      render: (v: string, r) => (
        <Space>
          {v}
          {r.assessmentExpired && <Tag color="red">{t('customers.assessmentExpired')}</Tag>}
        </Space>
      ),
    },
    { title: t('customers.rm'), dataIndex: 'rmName' },
  ];

  return (
    <Card title={t('customers.title')}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="q">
          <Input.Search
            placeholder={t('customers.searchPlaceholder')}
            allowClear
            style={{ width: 240 }}
            onSearch={() => form.submit()}
            data-testid="customer-search"
          />
        </Form.Item>
        <Form.Item name="riskLevel" label={t('customers.riskLevel')}>
          <Select
            allowClear
            style={{ width: 100 }}
            placeholder={t('common.all')}
            options={['C1', 'C2', 'C3', 'C4', 'C5'].map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
        <Form.Item name="segment" label={t('customers.segment')}>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('common.all')}
            options={['mass', 'affluent', 'wealth', 'private'].map((v) => ({
              value: v,
              label: t(`segments.${v}`),
            }))}
          />
        </Form.Item>
        {rmOptions.length > 0 && (
          <Form.Item name="rmId" label={t('customers.rm')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              placeholder={t('common.all')}
              options={rmOptions}
            />
          </Form.Item>
        )}
        <Form.Item name="assessment" label={t('customers.assessment')}>
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            options={[
              { value: 'valid', label: t('customers.assessmentValid') },
              { value: 'expired', label: t('customers.assessmentExpired') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('customers.aumRange')}>
          <Space.Compact>
            <Form.Item name="minAumWan" noStyle>
              <InputNumber min={0} placeholder={t('customers.aumMin')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="maxAumWan" noStyle>
              <InputNumber min={0} placeholder={t('customers.aumMax')} style={{ width: 120 }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage((p) => ({ ...p, page: 1 }));
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      {query.error ? (
        <QueryState error={query.error} loading={false} onRetry={() => void query.refetch()} />
      ) : (
        <Table<CustomerSummary>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          columns={columns}
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
