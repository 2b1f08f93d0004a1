import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Progress, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACTORS } from '../../../core/insight/factors.js';
import { apiFetch } from '../../api/client.js';
import { SurveyTab } from './survey-tab.js';
import { AiplPanel } from './aipl-panel.js';
import { ReviewAlerts, ReviewsPanel } from './reviews-panel.js';
import { EChart } from '../../components/echart.js';
import { DriverChart } from './driver-chart.js';
import { StrategyCard } from './strategy-card.js';
import { WhatIfPanel } from './whatif-panel.js';

type Effect = {
  factor: string;
  status: 'estimated' | 'insufficient_evidence';
  ate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  unit: string;
  naive: { estimate: number };
};
type Result = { effects: Effect[]; importance: Array<{ factor: string; mean_abs_shap: number }> };
type Study = {
  id: number;
  outcome: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  stage?: string | null;
  created_at: string;
  result?: Result | null;
  error?: { message: string } | null;
};

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Factor label in the current language (the catalogue carries zh and en). */
const useLabel = () => {
  const { i18n } = useTranslation();
  return (key: string) => {
    const f = FACTORS.find((x) => x.key === key);
    return f ? (i18n.language.startsWith('zh') ? f.zh : f.en) : key;
  };
};

/** A finished study: effects with CIs beside the naive differences, importance (not causal), what-if. */
const StudyResultView = ({ study }: { study: Study }) => {
  const { t } = useTranslation();
  const label = useLabel();
  const r = study.result;
  if (!r) return null;
  const estimated = r.effects.filter((e) => e.status === 'estimated' && e.ate !== null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('insight.effects')}>
        <div data-testid="driver-chart">
          <DriverChart
            bars={estimated.map((e) => ({
              label: label(e.factor),
              value: e.ate!,
              low: e.ci_low ?? e.ate!,
              high: e.ci_high ?? e.ate!,
            }))}
            naive={estimated.map((e) => e.naive.estimate)}
          />
        </div>
        <Table<Effect>
          size="small"
          rowKey="factor"
          pagination={false}
          dataSource={r.effects}
          columns={[
            { title: t('insight.factor'), render: (_, e) => label(e.factor) },
            {
              title: t('insight.ate'),
              render: (_, e) =>
                e.status === 'estimated' ? pct(e.ate) : <Tag color="orange">{t('insight.insufficient')}</Tag>,
            },
            { title: t('insight.ci'), render: (_, e) => `[${pct(e.ci_low)}, ${pct(e.ci_high)}]` },
            { title: t('insight.naive'), render: (_, e) => pct(e.naive.estimate) },
            { title: t('insight.unit'), dataIndex: 'unit' },
          ]}
        />
      </Card>
      <Card size="small" title={t('insight.importance')}>
        <EChart
          height={Math.max(160, 24 * Math.min(10, r.importance.length) + 40)}
          option={{
            grid: { left: 150, right: 30, top: 10, bottom: 20 },
            xAxis: { type: 'value' },
            yAxis: {
              type: 'category',
              inverse: true,
              data: r.importance.slice(0, 10).map((i) => label(i.factor)),
            },
            series: [
              {
                type: 'bar',
                data: r.importance.slice(0, 10).map((i) => +i.mean_abs_shap.toFixed(4)),
                itemStyle: { color: '#8c8c8c' },
              },
            ],
          }}
        />
      </Card>
      <WhatIfPanel id={study.id} />
      <StrategyCard id={study.id} label={label} />
    </Space>
  );
};

type StudiesTableProps = {
  items: Study[];
  onSelect: (id: number) => void;
  onAct: (id: number, path: '' | '/rerun') => Promise<void>;
};

/** The stored studies with status, progress and cancel / re-run. */
const StudiesTable = ({ items, onSelect, onAct }: StudiesTableProps) => {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('insight.studies')}>
      <Table<Study>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        onRow={(s) => ({ onClick: () => onSelect(s.id) })}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('insight.outcome'), render: (_, s) => t(`insight.outcomes.${s.outcome}`) },
          { title: t('insight.status.done'), render: (_, s) => t(`insight.status.${s.status}`) },
          {
            title: t('insight.progress'),
            render: (_, s) => <Progress percent={Math.round(s.progress * 100)} size="small" />,
          },
          { title: t('insight.createdAt'), dataIndex: 'created_at' },
          {
            title: '',
            render: (_, s) =>
              s.status === 'queued' || s.status === 'running' ? (
                <Button size="small" onClick={() => void onAct(s.id, '')}>
                  {t('insight.cancel')}
                </Button>
              ) : (
                <Button size="small" onClick={() => void onAct(s.id, '/rerun')}>
                  {t('insight.rerun')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
};

/**
 * The insight console: review alerts on top, then studies (drivers, what-if), the AIPL funnel, the 调研 / Survey
 * tab (X-data fusion) and the periodic reviews.
 */
export const InsightPage = () => {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ReviewAlerts />
      <Tabs
        items={[
          { key: 'studies', label: t('insightAipl.tabStudies'), children: <StudiesPane /> },
          { key: 'aipl', label: t('insightAipl.tabAipl'), children: <AiplPanel /> },
          { key: 'survey', label: t('insightSurvey.tab'), children: <SurveyTab /> },
          { key: 'reviews', label: t('insightAipl.tabReviews'), children: <ReviewsPanel /> },
        ]}
      />
    </Space>
  );
};

/** Start a study, follow its progress, read drivers and simulate what-ifs. */
const StudiesPane = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState('renewal');
  const [asOf, setAsOf] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['insight', 'studies'],
    queryFn: () => apiFetch<{ items: Study[] }>('/api/insight/studies'),
    refetchInterval: (q) =>
      q.state.data?.items.some((s) => s.status === 'queued' || s.status === 'running') ? 1000 : false,
  });
  const detail = useQuery({
    queryKey: ['insight', 'study', selected],
    queryFn: () => apiFetch<Study>(`/api/insight/studies/${selected ?? 0}`),
    enabled: selected !== null,
    refetchInterval: (q) =>
      q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['insight'] });
  const start = useMutation({
    mutationFn: () =>
      apiFetch<Study>('/api/insight/studies', {
        method: 'POST',
        body: { outcome, ...(asOf ? { as_of: asOf } : {}) },
      }),
    onSuccess: (s) => {
      setSelected(s.id);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const act = (id: number, path: '' | '/rerun') =>
    apiFetch<Study>(`/api/insight/studies/${id}${path}`, {
      method: path ? 'POST' : 'DELETE',
      body: path ? {} : undefined,
    })
      .then((s) => {
        if (path) setSelected(s.id);
        refresh();
      })
      .catch((e: Error) => void message.error(e.message));
  const studies = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('insight.title')}>
        <Space wrap>
          <Select
            value={outcome}
            style={{ width: 160 }}
            onChange={setOutcome}
            options={['renewal', 'unsubscribe'].map((o) => ({ value: o, label: t(`insight.outcomes.${o}`) }))}
          />
          <Input placeholder={t('insight.asOf')} value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>
            {t('insight.start')}
          </Button>
        </Space>
      </Card>
      <StudiesTable items={list.data?.items ?? []} onSelect={setSelected} onAct={act} />
      {detail.data && ['queued', 'running'].includes(detail.data.status) && (
        <Card size="small" data-testid="study-progress">
          {t(`insight.status.${detail.data.status}`)} · {detail.data.stage ?? ''}
          <Progress percent={Math.round(detail.data.progress * 100)} status="active" />
        </Card>
      )}
      {detail.data?.error && <Tag color="red">{detail.data.error.message}</Tag>}
      {detail.data && <StudyResultView study={detail.data} />}
    </Space>
  );
  return studies;
};
