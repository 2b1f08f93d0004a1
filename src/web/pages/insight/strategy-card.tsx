import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { ShapWaterfall } from './shap-waterfall.js';

type LeverKey = 'coupon' | 'rm_call' | 'livestream_invite';
const LEVER_KEYS: LeverKey[] = ['coupon', 'rm_call', 'livestream_invite'];
type Row = {
  customer_id: number;
  p_outcome: number;
  best_lever: LeverKey | null;
  chosen: boolean;
  cost: number;
} & Record<`cate_${LeverKey}`, number>;
type Strategy = { rows: Row[]; expected_incremental: number; cost: number };
type QiniCurve = {
  points: Array<{ fraction: number; qini: number; random: number }>;
  coefficient: number;
};
type StudyCampaign = {
  campaign: { id: number; key: string; name: string; status: string };
  lever: LeverKey;
  budget: number;
  holdout: number;
  chosen: number;
  expected_incremental: number;
  predicted: { uplift: number; treated: number; holdout: number };
  realised: null | { lift: number; ci: [number, number]; exposures: number; conversions: number };
  qini: QiniCurve | null;
};

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** Qini curve of the predicted uplift on a campaign's randomised assignment, against random targeting. */
const QiniChart = ({ q }: { q: QiniCurve }) => {
  const { t } = useTranslation();
  const option: EChartsCoreOption = {
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name: t('insight.qiniModel'), data: q.points.map((p) => [p.fraction, p.qini]) },
      {
        type: 'line',
        name: t('insight.qiniRandom'),
        data: q.points.map((p) => [p.fraction, p.random]),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
    ],
  };
  return <EChart option={option} height={220} />;
};

/** Predicted vs realised uplift of the campaigns sent from the study (realised with the campaign's CI). */
const CampaignsView = ({ id }: { id: number }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['insight', 'campaigns', id],
    queryFn: () => apiFetch<{ items: StudyCampaign[] }>(`/api/insight/studies/${id}/campaigns`),
  });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('insight.sentCampaigns')} data-testid="study-campaigns">
      <Table<StudyCampaign>
        size="small"
        rowKey={(c) => c.campaign.id}
        pagination={false}
        dataSource={items}
        expandable={{
          rowExpandable: (c) => c.qini !== null,
          expandedRowRender: (c) => (c.qini ? <QiniChart q={c.qini} /> : null),
        }}
        columns={[
          { title: t('insight.campaign'), render: (_, c) => `${c.campaign.name} (#${c.campaign.id})` },
          { title: t('insight.lever'), render: (_, c) => t(`insight.levers.${c.lever}`) },
          { title: t('insight.chosen'), render: (_, c) => `${c.predicted.treated} + ${c.predicted.holdout}` },
          { title: t('insight.predicted'), render: (_, c) => pct(c.predicted.uplift) },
          {
            title: t('insight.realised'),
            render: (_, c) =>
              c.realised ? (
                `${pct(c.realised.lift)} [${pct(c.realised.ci[0])}, ${pct(c.realised.ci[1])}]`
              ) : (
                <Tag>{t('insight.notLaunched')}</Tag>
              ),
          },
          { title: 'Qini', render: (_, c) => (c.qini ? c.qini.coefficient.toFixed(4) : '—') },
        ]}
      />
    </Card>
  );
};

/** The form that sends one lever's list to a draft campaign with a holdout. */
const SendForm = ({ id, onSent }: { id: number; onSent: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lever: LeverKey; budget: number; holdout: number; name: string }>();
  const send = useMutation({
    mutationFn: (v: { lever: LeverKey; budget: number; holdout: number; name: string }) =>
      apiFetch<StudyCampaign>(`/api/insight/studies/${id}/campaign`, {
        method: 'POST',
        body: { ...v, holdout: v.holdout / 100 },
      }),
    onSuccess: (c) => {
      void message.success(t('insight.sent', { id: c.campaign.id, n: c.chosen }));
      onSent();
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ lever: 'coupon', budget: 5000, holdout: 20, name: t('insight.defaultName') }}
      onFinish={(v) => send.mutate(v)}
    >
      <Form.Item name="lever" label={t('insight.lever')}>
        <Select
          style={{ width: 140 }}
          data-testid="send-lever"
          options={LEVER_KEYS.map((l) => ({ value: l, label: t(`insight.levers.${l}`) }))}
        />
      </Form.Item>
      <Form.Item name="budget" label={t('insight.budget')}>
        <InputNumber min={1} data-testid="send-budget" />
      </Form.Item>
      <Form.Item name="holdout" label={t('insight.holdout')}>
        <InputNumber min={5} max={50} addonAfter="%" data-testid="send-holdout" />
      </Form.Item>
      <Form.Item name="name" label={t('insight.campaignName')} rules={[{ required: true }]}>
        <Input style={{ width: 200 }} data-testid="send-name" />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={send.isPending} data-testid="send-campaign">
        {t('insight.sendCampaign')}
      </Button>
    </Form>
  );
};

/**
 * Per-customer levers of a finished study: the budgeted strategy list with filters, its xlsx export, sending one
 * lever's list to a campaign, and the campaigns sent so far (predicted vs realised, Qini).
 */
export const StrategyCard = ({ id, label }: { id: number; label: (key: string) => string }) => {
  const { t } = useTranslation();
  const [shapOf, setShapOf] = useState<number | null>(null);
  const qc = useQueryClient();
  const [budget, setBudget] = useState<number | null>(5000);
  const [lever, setLever] = useState<LeverKey | 'all'>('all');
  const [chosenOnly, setChosenOnly] = useState(false);
  const [minP, setMinP] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['insight', 'levers', id, budget],
    queryFn: () =>
      apiFetch<Strategy>(`/api/insight/studies/${id}/levers${budget ? `?budget=${budget}` : ''}`),
  });
  const rows = useMemo(
    () =>
      (q.data?.rows ?? []).filter(
        (r) =>
          (lever === 'all' || r.best_lever === lever) &&
          (!chosenOnly || r.chosen) &&
          (minP === null || r.p_outcome >= minP / 100),
      ),
    [q.data, lever, chosenOnly, minP],
  );
  const exportUrl = `/api/insight/studies/${id}/levers/export?format=xlsx${budget ? `&budget=${budget}` : ''}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('insight.strategy')} data-testid="strategy-card">
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('insight.budget')}</span>
          <InputNumber value={budget} min={0} onChange={(v) => setBudget(v)} data-testid="strategy-budget" />
          <Select
            value={lever}
            style={{ width: 150 }}
            onChange={setLever}
            data-testid="strategy-lever-filter"
            options={[
              { value: 'all', label: t('insight.allLevers') },
              ...LEVER_KEYS.map((l) => ({ value: l, label: t(`insight.levers.${l}`) })),
            ]}
          />
          <span>{t('insight.chosenOnly')}</span>
          <Switch checked={chosenOnly} onChange={setChosenOnly} data-testid="strategy-chosen-only" />
          <InputNumber
            value={minP}
            min={0}
            max={100}
            addonBefore={t('insight.minP')}
            addonAfter="%"
            onChange={(v) => setMinP(v)}
          />
          <a href={exportUrl} download data-testid="strategy-export">
            <Button>{t('insight.exportXlsx')}</Button>
          </a>
        </Space>
        {q.isLoading && <Typography.Text>{t('insight.scoring')}</Typography.Text>}
        {q.error && <Tag color="red">{q.error.message}</Tag>}
        {q.data && (
          <Typography.Paragraph data-testid="strategy-summary">
            {t('insight.strategySummary', {
              n: q.data.rows.filter((r) => r.chosen).length,
              cost: q.data.cost,
              gain: q.data.expected_incremental.toFixed(1),
            })}
          </Typography.Paragraph>
        )}
        <Table<Row>
          size="small"
          rowKey="customer_id"
          dataSource={rows}
          onRow={(r) => ({ onClick: () => setShapOf(r.customer_id), style: { cursor: 'pointer' } })}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('insight.customer'), dataIndex: 'customer_id' },
            {
              title: t('insight.pOutcome'),
              render: (_, r) => pct(r.p_outcome),
              sorter: (a, b) => a.p_outcome - b.p_outcome,
            },
            {
              title: t('insight.bestLever'),
              render: (_, r) => (r.best_lever ? t(`insight.levers.${r.best_lever}`) : '—'),
            },
            ...LEVER_KEYS.map((l) => ({
              title: `CATE ${t(`insight.levers.${l}`)}`,
              render: (_: unknown, r: Row) => pct(r[`cate_${l}`]),
              sorter: (a: Row, b: Row) => a[`cate_${l}`] - b[`cate_${l}`],
            })),
            { title: t('insight.chosen'), render: (_, r) => (r.chosen ? <Tag color="green">✓</Tag> : '') },
          ]}
        />
        {shapOf !== null && <ShapWaterfall id={id} customerId={shapOf} label={label} />}
        <SendForm
          id={id}
          onSent={() => void qc.invalidateQueries({ queryKey: ['insight', 'campaigns', id] })}
        />
      </Card>
      <CampaignsView id={id} />
    </Space>
  );
};
