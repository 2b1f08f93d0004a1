import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { opsApi, type Review } from './ops-api.js';

type Item = Review['items'][number];

/** One row's labelling controls: an intent, or a knowledge-base item id; or dismiss. */
const LabelCell = ({ item, intents }: { item: Item; intents: string[] }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [intent, setIntent] = useState<string | undefined>(item.suggested ?? undefined);
  const [kb, setKb] = useState('');
  const label = useMutation({
    mutationFn: (body: { kind: 'intent' | 'kb'; value: string } | { kind: 'dismiss' }) =>
      opsApi.label(item.id, body),
    onSuccess: () => {
      void message.success(t('advOps.labelled'));
      void qc.invalidateQueries({ queryKey: ['advOps', 'review'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Space wrap data-testid={`label-${item.id}`}>
      <Select
        showSearch
        style={{ width: 190 }}
        placeholder={t('advOps.labelAs')}
        value={intent}
        onChange={setIntent}
        options={intents.map((i) => ({ value: i, label: i }))}
        data-testid="label-intent"
      />
      <Input
        style={{ width: 140 }}
        placeholder={t('advOps.labelKb')}
        value={kb}
        onChange={(e) => setKb(e.target.value)}
      />
      <Button
        type="primary"
        size="small"
        data-testid="label-save"
        loading={label.isPending}
        disabled={intent === undefined && kb.trim() === ''}
        onClick={() =>
          label.mutate(
            kb.trim() !== '' ? { kind: 'kb', value: kb.trim() } : { kind: 'intent', value: intent! },
          )
        }
      >
        {t('advOps.label')}
      </Button>
      <Button size="small" onClick={() => label.mutate({ kind: 'dismiss' })}>
        {t('advOps.dismiss')}
      </Button>
    </Space>
  );
};

/** The learning loop's review queue and the intent model (retrain swaps the new version in on every server). */
export const ReviewQueuePage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const review = useQuery({ queryKey: ['advOps', 'review'], queryFn: opsApi.review });
  const model = useQuery({ queryKey: ['advOps', 'model'], queryFn: opsApi.model });
  const retrain = useMutation({
    mutationFn: opsApi.retrain,
    onSuccess: (m) => {
      void message.success(t('advOps.retrained', { version: m.version }));
      void qc.invalidateQueries({ queryKey: ['advOps', 'model'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('advOps.model')}>
        <Space>
          <Typography.Text data-testid="model-version">
            {model.data ? t('advOps.modelVersion', model.data) : '…'}
          </Typography.Text>
          <Button
            type="primary"
            data-testid="retrain"
            loading={retrain.isPending}
            onClick={() => retrain.mutate()}
          >
            {t('advOps.retrain')}
          </Button>
        </Space>
      </Card>
      <Card size="small" title={t('advOps.queue')}>
        {review.error ? (
          <QueryState loading={false} error={review.error} />
        ) : (
          <Table<Item>
            rowKey="id"
            size="small"
            data-testid="review-queue"
            loading={review.isPending}
            dataSource={review.data?.items ?? []}
            pagination={{ pageSize: 20, size: 'small' }}
            columns={[
              { title: t('advOps.text'), dataIndex: 'text' },
              {
                title: t('advOps.reason'),
                dataIndex: 'reason',
                width: 120,
                render: (r: Item['reason']) => <Tag>{t(`advOps.reasons.${r}`)}</Tag>,
              },
              {
                title: t('advOps.intent'),
                dataIndex: 'intent',
                width: 170,
                render: (i: string | null, r) =>
                  i === null ? '—' : `${i} (${r.confidence === null ? '—' : r.confidence.toFixed(2)})`,
              },
              {
                title: '',
                width: 460,
                render: (_: unknown, r) => <LabelCell item={r} intents={review.data?.intents ?? []} />,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
};
