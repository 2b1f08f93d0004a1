import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ProposalRequest, ProposalResponse } from '../../../contracts/analytics.js';
import { PURPOSES } from '../../../contracts/analytics.js';
import type { Customer360 } from '../../../contracts/customers.js';
import { ApiError, apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { QueryState } from '../../components/query-state.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent } from '../../format.js';
import { backtestChart, classPie, frontierChart } from './proposal-charts.js';

const LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;

const validUntilOf = (e: unknown): string => {
  const v = e instanceof ApiError ? e.details.validUntil : null;
  return typeof v === 'string' ? v : '—';
};

const BucketForm = ({ c, onSubmit }: { c: Customer360; onSubmit: (r: ProposalRequest) => void }) => {
  const { t } = useTranslation();
  const held = Math.max(1000, Math.round(Number(c.totals.marketValue)));
  return (
    <Form
      layout="inline"
      data-testid="bucket-form"
      initialValues={{
        purpose: 'growth',
        amount: held,
        horizonMonths: 60,
        riskAppetite: c.profile.riskLevel,
        liquidityNeed: 'medium',
      }}
      onFinish={(v: ProposalRequest) => onSubmit(v)}
    >
      <Form.Item name="purpose" label={t('analytics.purpose')}>
        <Select
          style={{ width: 120 }}
          options={PURPOSES.map((p) => ({ value: p, label: t(`analytics.purposes.${p}`) }))}
        />
      </Form.Item>
      <Form.Item name="amount" label={t('analytics.amount')} rules={[{ required: true }]}>
        <InputNumber min={1000} step={10000} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="horizonMonths" label={t('analytics.horizon')} rules={[{ required: true }]}>
        <InputNumber min={1} max={600} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item name="riskAppetite" label={t('analytics.appetite')}>
        <Select style={{ width: 80 }} options={LEVELS.map((l) => ({ value: l, label: l }))} />
      </Form.Item>
      <Form.Item name="liquidityNeed" label={t('analytics.liquidity')}>
        <Select
          style={{ width: 100 }}
          options={(['low', 'medium', 'high'] as const).map((l) => ({
            value: l,
            label: t(`analytics.liquidityLevels.${l}`),
          }))}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('analytics.propose')}
        </Button>
      </Form.Item>
    </Form>
  );
};

const Headline = ({ p }: { p: ProposalResponse }) => {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Row gutter={16}>
        <Col span={4}>
          <Statistic
            title={t('analytics.effectiveLevel')}
            valueRender={() => <RiskTag level={p.effectiveLevel} />}
          />
        </Col>
        <Col span={5}>
          <Statistic title={t('analytics.expectedReturn')} value={formatPercent(p.expectedReturn)} />
        </Col>
        <Col span={5}>
          <Statistic
            title={t('analytics.returnRange')}
            value={`${formatPercent(p.returnRange[0])} ~ ${formatPercent(p.returnRange[1])}`}
          />
        </Col>
        <Col span={5}>
          <Statistic title={t('analytics.volatility')} value={formatPercent(p.volatility)} />
        </Col>
        <Col span={5}>
          <Statistic title={t('analytics.worstDrawdown')} value={formatPercent(p.estimatedWorstDrawdown)} />
        </Col>
      </Row>
    </Card>
  );
};

const Picks = ({ p }: { p: ProposalResponse }) => {
  const { t, i18n } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={p.picks}
      data-testid="proposal-picks"
      columns={[
        {
          title: t('analytics.class'),
          dataIndex: 'assetClass',
          render: (c: string) => t(`analytics.classes.${c}`),
        },
        {
          title: t('products.name'),
          key: 'name',
          render: (_: unknown, k: ProposalResponse['picks'][number]) => (
            <Link to={`/console/products/${k.code}`}>
              {k.name} {k.kept && <Tag color="blue">{t('analytics.kept')}</Tag>}
            </Link>
          ),
        },
        { title: t('products.risk'), dataIndex: 'risk', render: (r: string) => <RiskTag level={r} /> },
        {
          title: t('analytics.suitability'),
          key: 'suitability',
          render: (_: unknown, k: ProposalResponse['picks'][number]) => (
            <Tag color={k.suitability.decision === 'ALLOW' ? 'green' : 'orange'}>
              {t(`analytics.decisions.${k.suitability.decision}`, { defaultValue: k.suitability.decision })}
            </Tag>
          ),
        },
        { title: t('analytics.amount'), dataIndex: 'amount', align: 'right', render: formatMoney },
        {
          title: t('analytics.weight'),
          dataIndex: 'weight',
          align: 'right',
          render: (w: number) => formatPercent(w, 1),
        },
        {
          title: t('analytics.reason'),
          key: 'reason',
          render: (_: unknown, k: ProposalResponse['picks'][number]) => (
            <Typography.Text style={{ fontSize: 12 }}>
              {i18n.language === 'en' ? k.reasons.en : k.reasons.zh}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
};

const Trades = ({ p }: { p: ProposalResponse }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(r) => `${r.action}-${r.code}`}
        pagination={false}
        dataSource={p.trades}
        data-testid="proposal-trades"
        columns={[
          {
            title: t('analytics.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <Tag color={a === 'buy' ? 'red' : 'green'}>{t(`analytics.actions.${a}`)}</Tag>
            ),
          },
          { title: t('products.name'), dataIndex: 'name' },
          { title: t('analytics.amount'), dataIndex: 'amount', align: 'right', render: formatMoney },
          {
            title: t('analytics.reason'),
            key: 'reason',
            render: (_: unknown, r: ProposalResponse['trades'][number]) => (en ? r.reason.en : r.reason.zh),
          },
        ]}
      />
      {p.nextSteps.map((n) => (
        <Alert key={n.assetClass} type="info" showIcon message={en ? n.en : n.zh} />
      ))}
      {p.outsidePlan.length > 0 && (
        <Typography.Text type="secondary">
          {t('analytics.outsidePlan', { names: p.outsidePlan.map((o) => o.name).join(en ? ', ' : '、') })}
        </Typography.Text>
      )}
    </Space>
  );
};

const ProposalView = ({ p }: { p: ProposalResponse }) => {
  const { t, i18n } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="proposal">
      <Headline p={p} />
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Card title={t('analytics.classWeights')} size="small">
            <EChart option={classPie(p, t)} height={300} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('analytics.frontier')} size="small">
            <EChart option={frontierChart(p, t)} height={300} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('analytics.backtest')} size="small">
            <EChart option={backtestChart(p, t)} height={300} />
          </Card>
        </Col>
      </Row>
      <Card title={t('analytics.picks')} size="small">
        <Picks p={p} />
      </Card>
      <Card title={t('analytics.trades', { n: p.trades.length })} size="small">
        <Trades p={p} />
      </Card>
      <Typography.Text type="secondary">{i18n.language === 'en' ? p.notes.en : p.notes.zh}</Typography.Text>
    </Space>
  );
};

/** Allocation proposal for one customer (from the customer 360): money bucket form, then the engine's answer. */
export const ProposalPage = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [req, setReq] = useState<ProposalRequest | null>(null);
  const customer = useQuery({
    queryKey: ['customer360', id],
    queryFn: () => apiFetch<Customer360>(`/api/customers/${encodeURIComponent(id)}`),
    retry: false,
  });
  const proposal = useQuery({
    queryKey: ['proposal', id, req],
    queryFn: () =>
      apiFetch<ProposalResponse>(`/api/customers/${encodeURIComponent(id)}/proposal`, {
        method: 'POST',
        body: req,
      }),
    enabled: req !== null,
    retry: false,
  });
  if (customer.isPending || customer.error)
    return (
      <Card>
        <QueryState loading={customer.isPending} error={customer.error} forbiddenTitle={t('c360.refused')} />
      </Card>
    );
  const c = customer.data;
  const assessment = proposal.error instanceof ApiError && proposal.error.status === 409;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="proposal-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('analytics.proposalTitle')}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          <Link to={`/workbench/customers/${id}`}>{c.profile.name}</Link> ·{' '}
          <RiskTag level={c.profile.riskLevel} /> ·{' '}
          {t('analytics.holdingsValue', { v: formatMoney(c.totals.marketValue) })}
        </Typography.Text>
      </Typography.Title>
      <Card size="small">
        <BucketForm c={c} onSubmit={setReq} />
      </Card>
      {assessment && (
        <Alert
          type="warning"
          showIcon
          data-testid="assessment-notice"
          message={t('analytics.assessmentNotice')}
          description={t('analytics.assessmentNoticeText', {
            until: validUntilOf(proposal.error),
          })}
        />
      )}
      {req !== null && !assessment && (proposal.isPending || proposal.error) && (
        <Card>
          <QueryState loading={proposal.isPending} error={proposal.error} />
        </Card>
      )}
      {proposal.data && <ProposalView p={proposal.data} />}
    </Space>
  );
};
