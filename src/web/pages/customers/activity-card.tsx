import { Card, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../contracts/customers.js';
import { eventDetail } from '../../display.js';
import { formatDateTime, formatMoney } from '../../format.js';

const EVENT_COLORS: Record<string, string> = {
  large_transfer_in: 'red',
  large_transfer_out: 'green',
  purchase_abandoned: 'orange',
  maturity: 'blue',
  coupon_use: 'gold',
  livestream_view: 'purple',
};

type Data = { data: Customer360 };

/** Behaviour events, newest first. */
const EventTimeline = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <div style={{ maxHeight: 420, overflowY: 'auto', paddingTop: 8 }}>
      <Timeline
        data-testid="timeline"
        items={data.timeline.map((e) => ({
          key: e.id,
          color: EVENT_COLORS[e.type] ?? 'gray',
          content: (
            <Space size={12}>
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatDateTime(e.at)}
              </Typography.Text>
              <Typography.Text strong>{t(`eventTypes.${e.type}`)}</Typography.Text>
              <Tag>{t(`channels.${e.channel}`)}</Tag>
              <Typography.Text type="secondary">{eventDetail(t, e.payload)}</Typography.Text>
            </Space>
          ),
        }))}
      />
    </div>
  );
};

const Transactions = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      dataSource={data.transactions}
      pagination={{ pageSize: 10 }}
      columns={[
        { title: t('c360.tradeDate'), dataIndex: 'tradeDate' },
        { title: t('c360.product'), dataIndex: 'productName' },
        { title: t('c360.txType'), dataIndex: 'type', render: (v: string) => t(`txTypes.${v}`) },
        {
          title: t('c360.amount'),
          dataIndex: 'amount',
          align: 'right' as const,
          render: (v: string) => formatMoney(v),
        },
        { title: t('c360.units'), dataIndex: 'units', align: 'right' as const },
        { title: t('c360.latestNav'), dataIndex: 'nav', align: 'right' as const },
        { title: t('c360.channel'), dataIndex: 'channel', render: (v: string) => t(`channels.${v}`) },
      ]}
    />
  );
};

const Consents = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <Table
      rowKey={(r) => `${r.purpose}:${r.channel}`}
      size="small"
      scroll={{ x: 'max-content' }}
      pagination={false}
      dataSource={data.consents}
      columns={[
        { title: t('c360.purpose'), dataIndex: 'purpose', render: (v: string) => t(`purposes.${v}`) },
        { title: t('c360.channel'), dataIndex: 'channel', render: (v: string) => t(`channels.${v}`) },
        {
          title: t('c360.granted'),
          dataIndex: 'granted',
          render: (v: boolean) => (
            <Tag color={v ? 'green' : 'default'}>{v ? t('common.yes') : t('common.no')}</Tag>
          ),
        },
        { title: t('admin.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
};

const Identities = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <Table
      rowKey={(r) => `${r.channel}:${r.value}`}
      size="small"
      scroll={{ x: 'max-content' }}
      dataSource={data.identities}
      pagination={false}
      columns={[
        { title: t('c360.channel'), dataIndex: 'channel', render: (v: string) => t(`channels.${v}`) },
        { title: t('c360.value'), dataIndex: 'value' },
        { title: '✓', dataIndex: 'verified', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
      ]}
    />
  );
};

/** ONE-ID merges the customer took part in: who merged or unmerged what, when and why. */
const Merges = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <Table
      data-testid="c360-merges"
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      dataSource={data.merges}
      pagination={false}
      locale={{ emptyText: t('seg.noMerges') }}
      columns={[
        { title: t('seg.mergeSurvivor'), dataIndex: 'survivor' },
        { title: t('seg.mergeMerged'), dataIndex: 'merged' },
        { title: t('seg.mergeRule'), dataIndex: 'rule' },
        { title: t('seg.mergeStatus'), dataIndex: 'status' },
        { title: t('seg.mergeMoved'), dataIndex: 'movedEvents' },
        { title: t('seg.mergeAt'), dataIndex: 'at', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
        { title: t('seg.mergeBy'), dataIndex: 'by' },
        { title: t('seg.mergeReason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        {
          title: t('seg.unmerged'),
          key: 'unmerged',
          render: (_: unknown, r: Customer360['merges'][number]) =>
            r.unmergedAt === null
              ? '—'
              : `${r.unmergedAt.slice(0, 16).replace('T', ' ')} · ${r.unmergedBy ?? ''}`,
        },
      ]}
    />
  );
};

/** The customer's activity: timeline, transactions, consents and identities as tabs. */
export const Activity = ({ data }: Data) => {
  const { t } = useTranslation();
  return (
    <Card>
      <Tabs
        items={[
          { key: 'timeline', label: t('c360.timeline'), children: <EventTimeline data={data} /> },
          { key: 'tx', label: t('c360.transactions'), children: <Transactions data={data} /> },
          { key: 'consents', label: t('c360.consents'), children: <Consents data={data} /> },
          {
            key: 'ids',
            label: t('c360.identities'),
            children: (
              <>
                <Identities data={data} />
                <h4 style={{ marginTop: 12 }}>{t('seg.merges')}</h4>
                <Merges data={data} />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
};
