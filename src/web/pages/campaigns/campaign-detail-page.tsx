import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Campaign, CampaignResultsBody, LaunchReport } from '../../../contracts/campaigns.js';
import type { Segment } from '../../../contracts/segments.js';
import { apiFetch, ApiError } from '../../api/client.js';
import { CampaignResultsView } from './campaign-charts.js';

type Arm = { key: string; weight: number; message: { channel: string; body: string; products: string[] } };
type ArmRow = CampaignResultsBody['arms'][number];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A saved segment's name (or its id while the list loads); an inline rule as its JSON. */
const targetText = (c: Campaign, segments: readonly Segment[], listLabel: string): string => {
  const target = c.definition.target as
    { segmentId?: number; rule?: unknown; customerIds?: number[] } | undefined;
  if (target?.customerIds !== undefined) return `${listLabel} (${target.customerIds.length})`;
  if (target?.segmentId === undefined) return JSON.stringify(target?.rule ?? null);
  return segments.find((s) => s.id === target.segmentId)?.name ?? `#${target.segmentId}`;
};

const ResultsTable = ({ r }: { r: CampaignResultsBody }) => {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="arm"
      size="small"
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={r.arms}
      columns={[
        { title: t('camp.arm'), dataIndex: 'arm' },
        { title: t('camp.assigned'), dataIndex: 'assigned' },
        { title: t('camp.exposures'), dataIndex: 'exposures' },
        { title: t('camp.suppressed'), dataIndex: 'suppressed' },
        { title: t('camp.converted'), dataIndex: 'conversions' },
        { title: t('camp.rate'), render: (_: unknown, a: ArmRow) => pct(a.rate) },
        {
          title: t('camp.lift'),
          render: (_: unknown, a: ArmRow) =>
            a.vsHoldout?.relativeLift == null ? '—' : `${(a.vsHoldout.relativeLift * 100).toFixed(1)}%`,
        },
        {
          title: t('camp.chance'),
          render: (_: unknown, a: ArmRow) =>
            a.vsHoldout === null ? '—' : pct(a.vsHoldout.chanceToBeatHoldout),
        },
        {
          title: t('camp.cuped'),
          render: (_: unknown, a: ArmRow) =>
            a.vsHoldout === null ? '—' : `${(a.vsHoldout.cuped.lift * 100).toFixed(1)} pt`,
        },
      ]}
    />
  );
};

/** One campaign: its definition, launch and end, and the experiment's results once it runs. */
export const CampaignDetailPage = () => {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [report, setReport] = useState<LaunchReport | null>(null);
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => apiFetch<Campaign>(`/api/campaigns/${id}`),
  });
  const c = campaign.data;
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => apiFetch<{ items: Segment[] }>('/api/segments'),
  });
  const results = useQuery({
    queryKey: ['campaign-results', id],
    enabled: c !== undefined && c.status !== 'draft',
    queryFn: () => apiFetch<CampaignResultsBody>(`/api/campaigns/${id}/results`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['campaign', id] });
  const launch = useMutation({
    mutationFn: () => apiFetch<LaunchReport>(`/api/campaigns/${id}/launch`, { method: 'POST', body: {} }),
    onSuccess: async (r) => {
      setReport(r);
      await refresh();
    },
  });
  const end = useMutation({
    mutationFn: () => apiFetch<Campaign>(`/api/campaigns/${id}/end`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
  if (campaign.error instanceof ApiError) return <Alert type="error" message={campaign.error.message} />;
  if (c === undefined) return <Card loading />;
  const arms = (c.definition.arms ?? []) as Arm[];
  const err = [launch.error, end.error, results.error].find((e) => e instanceof ApiError);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={c.name}
        data-testid="campaign-detail"
        extra={
          <Space>
            <Tag>{t(`camp.statuses.${c.status}`)}</Tag>
            {c.status !== 'ended' && (
              <Button
                type="primary"
                loading={launch.isPending}
                data-testid="campaign-launch"
                onClick={() =>
                  Modal.confirm({ content: t('camp.launchConfirm'), onOk: () => launch.mutate() })
                }
              >
                {t('camp.launch')}
              </Button>
            )}
            {c.status === 'running' && <Button onClick={() => end.mutate()}>{t('camp.end')}</Button>}
          </Space>
        }
      >
        {err instanceof ApiError && <Alert type="error" showIcon message={err.message} />}
        {report !== null && (
          <Alert
            type="info"
            showIcon
            data-testid="campaign-launch-report"
            message={t('camp.launched', { assigned: report.assigned, ...report.messages })}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2 }} title={t('camp.definition')}>
          <Descriptions.Item label={t('camp.key')}>{c.key}</Descriptions.Item>
          <Descriptions.Item label={t('camp.holdout')}>
            {pct(Number(c.definition.holdout ?? 0))}
          </Descriptions.Item>
          <Descriptions.Item label={t('camp.windowDays')}>
            {Number(c.definition.windowDays ?? 0)}
          </Descriptions.Item>
          <Descriptions.Item label={t('camp.target')}>
            {targetText(c, segments.data?.items ?? [], t('camp.targetList'))}
          </Descriptions.Item>
          {arms.map((a) => (
            <Descriptions.Item key={a.key} label={`${t('camp.arm')} ${a.key} (${a.weight})`}>
              [{t(`camp.channels.${a.message.channel}`)}] {a.message.body}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card
        title={t('camp.results')}
        extra={
          c.status !== 'draft' && (
            <Button onClick={() => void results.refetch()} loading={results.isFetching}>
              {t('camp.refresh')}
            </Button>
          )
        }
      >
        {c.status === 'draft' && <p>{t('camp.noResults')}</p>}
        {results.data !== undefined && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <ResultsTable r={results.data} />
            <CampaignResultsView r={results.data} />
            {results.data.suppressionReasons.length > 0 && (
              <Descriptions size="small" column={1} title={t('camp.suppressionReasons')}>
                {results.data.suppressionReasons.map((s) => (
                  <Descriptions.Item key={`${s.arm}-${s.reason}`} label={`${s.arm} · ${s.reason}`}>
                    {s.count}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
};
