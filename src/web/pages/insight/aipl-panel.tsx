import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Row, Select, Space, Table, Tag } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiplReport } from '../../../contracts/insight-review.js';
import { apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const FUNNEL = ['awareness', 'interest', 'purchase', 'loyalty'] as const;

const isoDaysBefore = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Funnel of the cumulative reach at the end date (a stage's customers and every later stage's). */
export const funnelOption = (r: AiplReport, label: (s: string) => string): EChartsCoreOption => {
  const at = (s: string) => r.stages.find((x) => x.stage === s)?.count_to ?? 0;
  const reach = FUNNEL.map((s, i) => ({
    name: label(s),
    value: FUNNEL.slice(i).reduce((a, k) => a + at(k), 0),
  }));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        label: { formatter: '{b} {c}' },
        data: reach,
      },
    ],
  };
};

/** Sankey of the flows: stage on the start date (left) → stage on the end date (right); empty links dropped. */
export const sankeyOption = (r: AiplReport, label: (s: string) => string): EChartsCoreOption => {
  const left = (s: string) => `${label(s)} · ${r.from}`;
  const right = (s: string) => `${label(s)} · ${r.to}`;
  const links = r.flows.matrix.flatMap((row, i) =>
    row.flatMap((v, j) =>
      v > 0 ? [{ source: left(r.flows.stages[i]!), target: right(r.flows.stages[j]!), value: v }] : [],
    ),
  );
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        nodeAlign: 'justify',
        emphasis: { focus: 'adjacency' },
        data: [
          ...r.flows.stages.map((s) => ({ name: left(s) })),
          ...r.flows.stages.map((s) => ({ name: right(s) })),
        ],
        links,
        lineStyle: { color: 'source', opacity: 0.4 },
      },
    ],
  };
};

/** The AIPL tab: two dates (default: the last 60 days), an optional channel or segment; funnel, Sankey, tables. */
export const AiplPanel = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [from, setFrom] = useState(isoDaysBefore(today, 60));
  const [to, setTo] = useState(today);
  const [channel, setChannel] = useState('');
  const [segment, setSegment] = useState('');
  const label = (s: string) => t(`insightAipl.stages.${s}`);
  const run = useMutation({
    mutationFn: () => {
      const q = new URLSearchParams({ from, to });
      if (channel) q.set('channel', channel);
      if (segment.trim()) q.set('segment', segment.trim());
      return apiFetch<AiplReport>(`/api/insight/aipl?${q.toString()}`);
    },
    onError: (e) => void message.error(e.message),
  });
  const r = run.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Input
            addonBefore={t('insightAipl.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            style={{ width: 200 }}
          />
          <Input
            addonBefore={t('insightAipl.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ width: 200 }}
          />
          <Select
            value={channel}
            style={{ width: 160 }}
            onChange={setChannel}
            options={[
              { value: '', label: t('insightAipl.anyChannel') },
              ...['app', 'wechat', 'web', 'counter', 'none'].map((c) => ({ value: c, label: c })),
            ]}
          />
          <Input
            placeholder={t('insightAipl.segment')}
            value={segment}
            onChange={(e) => setSegment(e.target.value)}
            style={{ width: 160 }}
          />
          <Button type="primary" loading={run.isPending} onClick={() => run.mutate()} data-testid="aipl-run">
            {t('insightAipl.run')}
          </Button>
        </Space>
      </Card>
      {r && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card
                size="small"
                title={`${t('insightAipl.funnel')} (${t('insightAipl.population')} ${r.population})`}
              >
                <EChart option={funnelOption(r, label)} height={300} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('insightAipl.flows')}>
                <div data-testid="aipl-sankey" data-links={r.flows.matrix.flat().filter((v) => v > 0).length}>
                  <EChart option={sankeyOption(r, label)} height={300} />
                </div>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('insightAipl.stageCounts')}>
            <Table
              size="small"
              pagination={false}
              rowKey="stage"
              data-testid="aipl-stages"
              dataSource={r.stages}
              columns={[
                { title: t('insightAipl.stage'), dataIndex: 'stage', render: (s: string) => label(s) },
                { title: `${t('insightAipl.from')} ${r.from}`, dataIndex: 'count_from' },
                { title: `${t('insightAipl.to')} ${r.to}`, dataIndex: 'count_to' },
              ]}
            />
          </Card>
          <Card size="small" title={t('insightAipl.conversion')}>
            <Table
              size="small"
              pagination={false}
              rowKey="step"
              dataSource={r.conversion}
              columns={[
                {
                  title: t('insightAipl.conversion'),
                  dataIndex: 'step',
                  render: (s: string) => (
                    <Space>
                      {t(`insightAipl.steps.${s}`)}
                      {s === r.weakest_step && <Tag color="red">{t('insightAipl.weakest')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('insightAipl.funnelRate'), dataIndex: 'funnel_rate', render: pct },
                { title: t('insightAipl.atStart'), dataIndex: 'at_from_start' },
                { title: t('insightAipl.periodRate'), dataIndex: 'period_rate', render: pct },
              ]}
            />
          </Card>
          <Card size="small" title={t('insightAipl.breakPoints')}>
            <Table
              size="small"
              pagination={{ pageSize: 12 }}
              rowKey={(b) => `${b.dimension}:${b.group}`}
              dataSource={r.break_points}
              columns={[
                { title: t('insightAipl.dimension'), dataIndex: 'dimension' },
                { title: t('insightAipl.group'), dataIndex: 'group' },
                { title: t('insightAipl.population'), dataIndex: 'population' },
                ...r.conversion.map((c, k) => ({
                  title: t(`insightAipl.steps.${c.step}`),
                  key: c.step,
                  render: (_: unknown, b: AiplReport['break_points'][number]) => {
                    const s = b.steps[k]!;
                    const text = `${pct(s.period_rate)} (${s.advanced}/${s.at_from_start})`;
                    return b.weakest === c.step ? <Tag color="red">{text}</Tag> : text;
                  },
                })),
              ]}
            />
          </Card>
          <Card size="small" title={t('insightAipl.drivers')}>
            <Alert type="info" showIcon message={t('insightAipl.driversNote')} style={{ marginBottom: 8 }} />
            {r.drivers.status === 'insufficient_evidence' ? (
              <Tag color="orange">
                {t('insightAipl.insufficient')}: {r.drivers.reason}
              </Tag>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="factor"
                dataSource={r.drivers.importance}
                columns={[
                  { title: t('insightAipl.feature'), dataIndex: 'factor' },
                  {
                    title: t('insightAipl.importance'),
                    dataIndex: 'mean_abs_shap',
                    render: (v: number) => v.toFixed(4),
                  },
                  {
                    title: t('insightAipl.meanAdvanced'),
                    dataIndex: 'mean_advanced',
                    render: (v: number) => v.toFixed(2),
                  },
                  {
                    title: t('insightAipl.meanStayed'),
                    dataIndex: 'mean_stayed',
                    render: (v: number) => v.toFixed(2),
                  },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </Space>
  );
};
