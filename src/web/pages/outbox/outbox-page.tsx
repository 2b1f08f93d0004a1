import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch, qs } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';

type Label = { zh: string; en: string };
export type OutboxRow = {
  id: number;
  customer_id: number;
  channel: string;
  purpose: string;
  status: string;
  scheduled_at: string;
  reason: string | null;
  reason_label: Label | null;
  title: string | null;
  body: string;
  source: { kind: string; ref: string };
};
type Stats = {
  by_status: Record<string, number>;
  by_reason: { reason: string; label: Label; count: number }[];
};

const STATUS_COLOR: Record<string, string> = {
  queued: 'blue',
  deferred: 'gold',
  sent: 'green',
  suppressed: 'red',
};
const STATUSES = ['queued', 'deferred', 'sent', 'suppressed'] as const;
const CHANNELS = ['app', 'sms', 'wecom', 'email', 'chat'] as const;

type Filters = { status?: string; channel?: string; reason?: string; customerId?: string };

const useLabel = () => {
  const { i18n } = useTranslation();
  return (l: Label | null) => (l === null ? '' : i18n.language.startsWith('en') ? l.en : l.zh);
};

const ReasonChart = ({ stats, onPick }: { stats: Stats; onPick: (reason: string) => void }) => {
  const label = useLabel();
  const rows = [...stats.by_reason].reverse();
  if (rows.length === 0) return null;
  return (
    <div data-testid="outbox-reason-chart">
      <EChart
        height={Math.max(120, 36 * rows.length + 40)}
        option={{
          grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: rows.map((r) => label(r.label)) },
          series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#cf1322' } }],
        }}
      />
      <Space wrap>
        {stats.by_reason.map((r) => (
          <Tag key={r.reason} style={{ cursor: 'pointer' }} onClick={() => onPick(r.reason)}>
            {label(r.label)} · {r.count}
          </Tag>
        ))}
      </Space>
    </div>
  );
};

const useColumns = (): ColumnsType<OutboxRow> => {
  const { t } = useTranslation();
  const label = useLabel();
  return [
    { title: t('outbox.col.id'), dataIndex: 'id', width: 80 },
    { title: t('outbox.col.customer'), dataIndex: 'customer_id', width: 100 },
    { title: t('outbox.col.channel'), dataIndex: 'channel', render: (c: string) => t(`outbox.channel.${c}`) },
    { title: t('outbox.col.purpose'), dataIndex: 'purpose', render: (p: string) => t(`outbox.purpose.${p}`) },
    {
      title: t('outbox.col.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={STATUS_COLOR[s] ?? 'default'}>{t(`outbox.status.${s}`)}</Tag>,
    },
    {
      title: t('outbox.col.scheduled'),
      dataIndex: 'scheduled_at',
      render: (s: string) => new Date(s).toLocaleString(),
    },
    {
      title: t('outbox.col.reason'),
      dataIndex: 'reason',
      render: (_: unknown, r: OutboxRow) =>
        r.reason === null ? '' : <span title={r.reason}>{label(r.reason_label)}</span>,
    },
    {
      title: t('outbox.col.message'),
      dataIndex: 'body',
      render: (_: unknown, r: OutboxRow) => (
        <Typography.Text ellipsis={{ tooltip: r.body }} style={{ maxWidth: 320 }}>
          {r.title === null ? r.body : `${r.title}：${r.body}`}
        </Typography.Text>
      ),
    },
    {
      title: t('outbox.col.source'),
      dataIndex: 'source',
      render: (_: unknown, r: OutboxRow) => `${r.source.kind}:${r.source.ref}`,
    },
  ];
};

/** The console's view of the outbox: what went out, what waits for the morning, what was stopped and why. */
export const OutboxPage = () => {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>({});
  const query = qs({ status: f.status, channel: f.channel, reason: f.reason, customerId: f.customerId });
  const list = useQuery({
    queryKey: ['outbox', 'list', query],
    queryFn: () => apiFetch<OutboxRow[]>(`/api/outbox${query === '' ? '?limit=200' : `${query}&limit=200`}`),
  });
  const statsQuery = qs({ channel: f.channel, customerId: f.customerId });
  const stats = useQuery({
    queryKey: ['outbox', 'stats', statsQuery],
    queryFn: () => apiFetch<Stats>(`/api/outbox/stats${statsQuery}`),
  });
  const columns = useColumns();
  const set = (k: keyof Filters) => (v: string | null | undefined) =>
    setF((old) => ({ ...old, [k]: v === null || v === undefined || v === '' ? undefined : v }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="outbox-page">
      <Typography.Title level={3}>{t('outbox.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('outbox.filters.status')}
          value={f.status ?? null}
          onChange={set('status')}
          options={STATUSES.map((s) => ({
            value: s,
            label: `${t(`outbox.status.${s}`)} (${stats.data?.by_status[s] ?? 0})`,
          }))}
          data-testid="outbox-filter-status"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('outbox.filters.channel')}
          value={f.channel ?? null}
          onChange={set('channel')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`outbox.channel.${c}`) }))}
        />
        <Input
          allowClear
          style={{ width: 200 }}
          placeholder={t('outbox.filters.reason')}
          value={f.reason ?? ''}
          onChange={(e) => set('reason')(e.target.value)}
        />
        <Input
          allowClear
          style={{ width: 140 }}
          placeholder={t('outbox.filters.customer')}
          value={f.customerId ?? ''}
          onChange={(e) => set('customerId')(e.target.value.replace(/\D/g, ''))}
        />
      </Space>
      {stats.data !== undefined && stats.data.by_reason.length > 0 && (
        <Card size="small" title={t('outbox.byReason')}>
          <ReasonChart stats={stats.data} onPick={(r) => set('reason')(r)} />
        </Card>
      )}
      {list.data === undefined ? (
        <QueryState loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data}
          locale={{ emptyText: t('outbox.empty') }}
          pagination={{ pageSize: 50 }}
          scroll={{ x: true }}
          data-testid="outbox-table"
        />
      )}
    </Space>
  );
};
