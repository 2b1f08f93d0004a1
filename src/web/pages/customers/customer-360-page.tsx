import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Customer360 } from '../../../contracts/customers.js';
import { fenToYuan } from '../../../contracts/money.js';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatDateTime, formatMoney, formatPercent, gainColor, signOf } from '../../format.js';
import { HoldingsTable } from './holdings-table.js';

const EVENT_COLORS: Record<string, string> = {
  large_transfer_in: 'red',
  large_transfer_out: 'green',
  purchase_abandoned: 'orange',
  maturity: 'blue',
  coupon_use: 'gold',
  livestream_view: 'purple',
};

/** A short readable hint from an event payload (search words, page, product, amount). */
const eventDetail = (payload: Record<string, unknown>): string =>
  ['query', 'page', 'product_code', 'amount_fen', 'audience', 'step']
    .filter((k) => typeof payload[k] === 'string' || typeof payload[k] === 'number')
    .map((k) => {
      const v = payload[k] as string | number;
      if (k === 'amount_fen' && typeof v === 'number') return `¥${formatMoney(fenToYuan(v))}`;
      if (k === 'audience') return `👥 ${v}`;
      return String(v);
    })
    .join(' · ');

const FLAG_KEYS = ['payroll', 'elderly', 'carOwner', 'professional', 'lowestCategory', 'county'] as const;

const ProfileCard = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  const p = data.profile;
  return (
    <Card title={t('c360.profile')} style={{ height: '100%' }}>
      <Descriptions column={2} size="small">
        <Descriptions.Item label={t('customers.id')}>{p.id}</Descriptions.Item>
        <Descriptions.Item label={t('customers.phone')}>{p.phone}</Descriptions.Item>
        <Descriptions.Item label={t('customers.gender')}>{t(`genders.${p.gender}`)}</Descriptions.Item>
        <Descriptions.Item label={t('customers.age')}>{p.age}</Descriptions.Item>
        <Descriptions.Item label={t('c360.idNumber')}>{p.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('c360.occupation')}>{p.occupation}</Descriptions.Item>
        <Descriptions.Item label={t('customers.city')}>{`${p.province} ${p.city}`}</Descriptions.Item>
        <Descriptions.Item label={t('c360.cityTier')}>{p.cityTier}</Descriptions.Item>
        <Descriptions.Item label={t('customers.riskLevel')}>
          <RiskTag level={p.riskLevel} /> {p.riskAssessedAt}{' '}
          {p.assessmentExpired && <Tag color="red">{t('customers.assessmentExpired')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('c360.since')}>{p.onboardedAt}</Descriptions.Item>
        <Descriptions.Item label={t('customers.rm')}>{p.rmName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('c360.orgUnit')}>{p.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('c360.flags')} span={2}>
          {FLAG_KEYS.filter((k) => p[k]).map((k) => (
            <Tag key={k} color="gold">
              {t(`flags.${k}`)}
            </Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};

const AssetMix = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  if (data.assetMix.length === 0)
    return (
      <Card title={t('c360.assetMix')} style={{ height: '100%' }}>
        <Empty />
      </Card>
    );
  const option = {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatMoney(v.toFixed(2)) },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    color: [
      '#c1381c',
      '#f08a24',
      '#fadb14',
      '#52c41a',
      '#13c2c2',
      '#1677ff',
      '#722ed1',
      '#eb2f96',
      '#8c8c8c',
    ],
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['36%', '50%'],
        avoidLabelOverlap: true,
        label: { formatter: '{d}%', overflow: 'none' },
        labelLine: { length: 8, length2: 6 },
        data: data.assetMix.map((m) => ({
          name: t(`productTypes.${m.productType}`),
          value: Number(m.marketValue),
        })),
      },
    ],
  };
  return (
    <Card title={t('c360.assetMix')} style={{ height: '100%' }} data-testid="asset-mix">
      <EChart option={option} height={260} />
    </Card>
  );
};

const Totals = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  const pnlSign = signOf(data.totals.pnl);
  return (
    <Card>
      <Row gutter={24}>
        <Col span={6}>
          <Statistic title={t('c360.totalAssets')} value={formatMoney(data.profile.aum)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('c360.marketValue')} value={formatMoney(data.totals.marketValue)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('c360.profit')}
            value={formatMoney(data.totals.pnl)}
            valueStyle={{ color: gainColor(pnlSign) }}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('c360.profitRate')}
            value={formatPercent(data.totals.pnlRate)}
            valueStyle={{ color: gainColor(data.totals.pnlRate) }}
          />
        </Col>
      </Row>
    </Card>
  );
};

const Activity = ({ data }: { data: Customer360 }) => {
  const { t, i18n } = useTranslation();
  const txColumns = [
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
  ];
  const idColumns = [
    { title: t('c360.channel'), dataIndex: 'channel', render: (v: string) => t(`channels.${v}`) },
    { title: t('c360.value'), dataIndex: 'value' },
    { title: '✓', dataIndex: 'verified', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
  ];
  return (
    <Card>
      <Tabs
        items={[
          {
            key: 'timeline',
            label: t('c360.timeline'),
            children: (
              <div style={{ maxHeight: 420, overflowY: 'auto', paddingTop: 8 }}>
                <Timeline
                  data-testid="timeline"
                  items={data.timeline.map((e) => ({
                    key: e.id,
                    color: EVENT_COLORS[e.type] ?? 'gray',
                    content: (
                      <Space size={12}>
                        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {formatDateTime(e.at, i18n.language)}
                        </Typography.Text>
                        <Typography.Text strong>{t(`eventTypes.${e.type}`)}</Typography.Text>
                        <Tag>{t(`channels.${e.channel}`)}</Tag>
                        <Typography.Text type="secondary">{eventDetail(e.payload)}</Typography.Text>
                      </Space>
                    ),
                  }))}
                />
              </div>
            ),
          },
          {
            key: 'tx',
            label: t('c360.transactions'),
            children: (
              <Table
                rowKey="id"
                size="small"
                columns={txColumns}
                dataSource={data.transactions}
                pagination={{ pageSize: 10 }}
              />
            ),
          },
          {
            key: 'consents',
            label: t('c360.consents'),
            children: (
              <Table
                rowKey={(r) => `${r.purpose}:${r.channel}`}
                size="small"
                pagination={false}
                dataSource={data.consents}
                columns={[
                  {
                    title: t('c360.purpose'),
                    dataIndex: 'purpose',
                    render: (v: string) => t(`purposes.${v}`),
                  },
                  {
                    title: t('c360.channel'),
                    dataIndex: 'channel',
                    render: (v: string) => t(`channels.${v}`),
                  },
                  {
                    title: t('c360.granted'),
                    dataIndex: 'granted',
                    render: (v: boolean) => (
                      <Tag color={v ? 'green' : 'default'}>{v ? t('common.yes') : t('common.no')}</Tag>
                    ),
                  },
                  {
                    title: t('admin.at'),
                    dataIndex: 'at',
                    render: (v: string) => formatDateTime(v, i18n.language),
                  },
                ]}
              />
            ),
          },
          {
            key: 'ids',
            label: t('c360.identities'),
            children: (
              <Table
                rowKey={(r) => `${r.channel}:${r.value}`}
                size="small"
                columns={idColumns}
                dataSource={data.identities}
                pagination={false}
              />
            ),
          },
        ]}
      />
    </Card>
  );
};

/** Customer 360 for staff (/workbench/customers/:id) and for a customer viewing themselves (/me). */
export const Customer360Page = () => {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const { user, permissions } = useAuth();
  const id =
    idParam ?? (user?.customerId === null || user?.customerId === undefined ? '' : String(user.customerId));
  const query = useQuery({
    queryKey: ['customer360', id],
    queryFn: () => apiFetch<Customer360>(`/api/customers/${encodeURIComponent(id)}`),
    enabled: id !== '',
    retry: false,
  });
  if (query.isPending || query.error)
    return (
      <Card data-testid="c360-state">
        <QueryState
          loading={query.isPending}
          error={query.error}
          onRetry={() => void query.refetch()}
          forbiddenTitle={t('c360.refused')}
          forbiddenText={t('c360.refusedText')}
          notFoundTitle={t('c360.notFound')}
        />
      </Card>
    );
  const data = query.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="customer-360">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {data.profile.name}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {t(`segments.${data.profile.segment}`)} · {t('c360.title')}
        </Typography.Text>
        {idParam !== undefined && permissions.includes('advice:write') && (
          <Link
            to={`/workbench/customers/${id}/proposal`}
            style={{ marginLeft: 16, fontSize: 14 }}
            data-testid="to-proposal"
          >
            <Button type="primary">{t('analytics.makeProposal')}</Button>
          </Link>
        )}
      </Typography.Title>
      <Totals data={data} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <ProfileCard data={data} />
        </Col>
        <Col xs={24} xl={10}>
          <AssetMix data={data} />
        </Col>
      </Row>
      <Card title={`${t('c360.holdings')} · ${t('c360.pnl')}`}>
        <HoldingsTable holdings={data.holdings} />
      </Card>
      <Activity data={data} />
    </Space>
  );
};
