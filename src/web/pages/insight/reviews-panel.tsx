import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Review } from '../../../contracts/insight-review.js';
import { apiFetch } from '../../api/client.js';

type ReviewList = { items: Review[]; schedules: Array<{ study_id: number; cron: string; enabled: boolean }> };

/** Open review alerts of the periodic review (shown on the insight page above the tabs): acknowledge to clear. */
export const ReviewAlerts = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const alerts = useQuery({
    queryKey: ['insight', 'reviews', 'alerts'],
    queryFn: () => apiFetch<ReviewList>('/api/insight/reviews?alerts=1'),
    refetchInterval: 60_000,
  });
  const ack = useMutation({
    mutationFn: (id: number) =>
      apiFetch<Review>(`/api/insight/reviews/${id}/acknowledge`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['insight', 'reviews'] }),
  });
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={<Tag color="red">{t('insightAipl.alerts')}</Tag>}>
      <Table<Review>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={items}
        columns={[
          { title: t('insightAipl.study'), dataIndex: 'study_id' },
          { title: t('insightAipl.asOf'), dataIndex: 'as_of' },
          {
            title: t('insightAipl.reasons'),
            dataIndex: 'alert_reasons',
            render: (r: string[]) => r.join('；'),
          },
          {
            title: '',
            key: 'ack',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => ack.mutate(r.id)}>
                {t('insightAipl.acknowledge')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
};

/** The periodic-review tab: the schedules, a schedule editor per study, and every review with its reasons. */
export const ReviewsPanel = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [study, setStudy] = useState('');
  const [cron, setCron] = useState('0 7 * * 1');
  const list = useQuery({
    queryKey: ['insight', 'reviews', 'all'],
    queryFn: () => apiFetch<ReviewList>('/api/insight/reviews'),
    // A review started here runs in the background: follow it until it is done or failed.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 1000 : false),
  });
  const now = useMutation({
    mutationFn: () =>
      apiFetch<Review>(`/api/insight/studies/${study.trim()}/review`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['insight', 'reviews'] }),
    onError: (e) => void message.error(e.message),
  });
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/insight/studies/${study.trim()}/review-schedule`, { method: 'PUT', body: { cron } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['insight', 'reviews'] }),
    onError: (e) => void message.error(e.message),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('insightAipl.setSchedule')}>
        <Space wrap>
          <Input
            placeholder={t('insightAipl.study')}
            value={study}
            onChange={(e) => setStudy(e.target.value)}
            style={{ width: 120 }}
          />
          <Input
            addonBefore={t('insightAipl.cron')}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
            style={{ width: 320 }}
          />
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('insightAipl.setSchedule')}
          </Button>
          <Button loading={now.isPending} onClick={() => now.mutate()} data-testid="review-now">
            {t('insightAipl.reviewNow')}
          </Button>
        </Space>
        <div style={{ marginTop: 8 }}>
          {(list.data?.schedules ?? []).map((s) => (
            <Tag key={s.study_id} color={s.enabled ? 'blue' : 'default'}>
              #{s.study_id} {s.cron}
            </Tag>
          ))}
        </div>
      </Card>
      <Card size="small" title={t('insightAipl.reviews')}>
        <Table<Review>
          size="small"
          rowKey="id"
          data-testid="reviews-table"
          dataSource={list.data?.items ?? []}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            { title: t('insightAipl.study'), dataIndex: 'study_id' },
            { title: t('insightAipl.asOf'), dataIndex: 'as_of' },
            { title: t('insightAipl.status'), dataIndex: 'status' },
            {
              title: t('insightAipl.reasons'),
              key: 'reasons',
              render: (_: unknown, r) =>
                r.alert ? <Tag color="red">{r.alert_reasons.join('；')}</Tag> : <Tag color="green">OK</Tag>,
            },
          ]}
        />
      </Card>
    </Space>
  );
};
