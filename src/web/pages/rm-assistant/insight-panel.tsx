import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyzeResponse, CardResponse, Intent } from '../../../contracts/rm-assistant.js';
import { apiFetch } from '../../api/client.js';
import { CardPreview } from './card-preview.js';

/**
 * The RM assistant on the customer 360: paste a transcript → tags, objections with tips, money intents; the
 * intent list with confirm/edit; a recommendation card per intent.
 */
export const InsightPanel = ({ customerId }: { customerId: string }) => {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [insight, setInsight] = useState<AnalyzeResponse | null>(null);
  const [card, setCard] = useState<CardResponse | null>(null);
  const [editing, setEditing] = useState<Intent | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [horizon, setHorizon] = useState<number | null>(null);
  const base = `/api/customers/${encodeURIComponent(customerId)}`;
  const intents = useQuery({
    queryKey: ['intents', customerId],
    queryFn: () => apiFetch<{ items: Intent[] }>(`${base}/intents`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['intents', customerId] });
  const analyze = useMutation({
    mutationFn: () =>
      apiFetch<AnalyzeResponse>(`${base}/conversations/analyze`, {
        method: 'POST',
        body: { transcript: text },
      }),
    onSuccess: (r) => {
      setInsight(r);
      refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: (i: Intent) => apiFetch<Intent>(`${base}/intents/${i.id}/confirm`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const save = useMutation({
    mutationFn: (i: Intent) =>
      apiFetch<Intent>(`${base}/intents/${i.id}`, {
        method: 'PATCH',
        body: {
          ...(amount === null ? {} : { amount }),
          ...(horizon === null ? {} : { horizonMonths: horizon }),
        },
      }),
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
  });
  const makeCard = useMutation({
    mutationFn: (i: Intent) => apiFetch<CardResponse>(`${base}/intents/${i.id}/card`, { method: 'POST' }),
    onSuccess: setCard,
  });
  const en = i18n.language === 'en';
  const error = analyze.error ?? confirm.error ?? save.error ?? makeCard.error;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="rm-assistant">
      <Card title={t('rmAssist.insightTitle')}>
        <Typography.Paragraph type="secondary">{t('rmAssist.insightHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="transcript-input"
        />
        <Button
          type="primary"
          style={{ marginTop: 8 }}
          disabled={text.trim() === ''}
          loading={analyze.isPending}
          onClick={() => analyze.mutate()}
          data-testid="analyze"
        >
          {t('rmAssist.analyze')}
        </Button>
        {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 8 }} />}
        {insight && (
          <div data-testid="insight-result" style={{ marginTop: 12 }}>
            <div>
              {t('rmAssist.tags')}:{' '}
              {insight.tags.length === 0
                ? t('rmAssist.noTags')
                : insight.details.map((d) => (
                    <Tag
                      key={d.key}
                      color={insight.objections.includes(d.key) ? 'orange' : 'blue'}
                      data-testid="insight-tag"
                    >
                      {en ? d.label.en : d.label.zh}
                    </Tag>
                  ))}
              · {t('rmAssist.sentiment')}: {t(`rmAssist.sentiments.${insight.sentiment}`)} ·{' '}
              <span data-testid="insight-engine">
                {t('rmAssist.engine')}:{' '}
                {t(
                  insight.engine === 'classical+llm'
                    ? 'rmAssist.engines.classicalLlm'
                    : 'rmAssist.engines.classical',
                )}
              </span>
              {insight.llmFallback !== null && (
                <Tag color="default" style={{ marginLeft: 8 }}>
                  {t('rmAssist.llmFallback', { reason: insight.llmFallback })}
                </Tag>
              )}
            </div>
            <ul>
              {insight.details
                .filter((d) => insight.objections.includes(d.key))
                .map((d) => (
                  <li key={d.key}>
                    <b>{en ? d.label.en : d.label.zh}</b>：“{d.evidence.join('” “')}” {d.tip && `→ ${d.tip}`}
                  </li>
                ))}
            </ul>
          </div>
        )}
      </Card>
      <Card title={t('rmAssist.intentsTitle')}>
        <Table<Intent>
          rowKey="id"
          size="small"
          pagination={false}
          loading={intents.isPending}
          dataSource={intents.data?.items ?? []}
          locale={{ emptyText: t('rmAssist.noIntents') }}
          data-testid="intent-table"
          onRow={(r) => ({ 'data-intent': r.purpose }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('rmAssist.purpose'),
              dataIndex: 'purpose',
              render: (v: string) => t(`rmAssist.purposes.${v}`),
            },
            { title: t('rmAssist.amount'), dataIndex: 'amount' },
            {
              title: t('rmAssist.horizon'),
              dataIndex: 'horizonMonths',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('rmAssist.liquidity'),
              dataIndex: 'liquidity',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('rmAssist.appetite'),
              dataIndex: 'riskAppetite',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('rmAssist.evidence'),
              dataIndex: 'evidence',
              render: (v: string[]) => <Typography.Text type="secondary">{v.join(' ')}</Typography.Text>,
            },
            {
              title: t('rmAssist.status'),
              dataIndex: 'status',
              render: (v: string) => (
                <Tag color={v === 'proposed' ? 'gold' : 'green'} data-testid="intent-status">
                  {t(`rmAssist.statuses.${v}`)}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, r: Intent) => (
                <Space>
                  {r.status === 'proposed' && (
                    <Button size="small" onClick={() => confirm.mutate(r)} data-testid="intent-confirm">
                      {t('rmAssist.confirm')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(r);
                      setAmount(Number(r.amount));
                      setHorizon(r.horizonMonths);
                    }}
                  >
                    {t('rmAssist.edit')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    loading={makeCard.isPending && makeCard.variables?.id === r.id}
                    onClick={() => makeCard.mutate(r)}
                    data-testid="intent-card"
                  >
                    {t('rmAssist.makeCard')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {card && <CardPreview card={card} />}
      <Modal
        open={editing !== null}
        title={t('rmAssist.edit')}
        okText={t('rmAssist.save')}
        cancelText={t('rmAssist.cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => editing && save.mutate(editing)}
      >
        <Space direction="vertical">
          <span>{t('rmAssist.amount')}</span>
          <InputNumber min={1} value={amount} onChange={(v) => setAmount(v)} style={{ width: 200 }} />
          <span>{t('rmAssist.horizon')}</span>
          <InputNumber
            min={1}
            max={600}
            value={horizon}
            onChange={(v) => setHorizon(v)}
            style={{ width: 200 }}
          />
        </Space>
      </Modal>
    </Space>
  );
};
