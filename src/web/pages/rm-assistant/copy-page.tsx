import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Copy } from '../../../contracts/copy.js';
import { apiFetch } from '../../api/client.js';
import { FindingList, HighlightedText } from './highlighted.js';

const SEGMENTS = ['mass', 'affluent', 'wealth', 'private'] as const;
const CHANNELS = ['sms', 'wechat', 'app_push'] as const;

export const statusColor = (s: string): string =>
  s === 'approved' ? 'green' : s === 'rejected' ? 'red' : s === 'submitted' ? 'gold' : 'default';

/**
 * The maker's copy generator: template (or, with the optional LLM, an AI draft) per segment × product × channel,
 * findings highlighted, submit.
 */
export const CopyPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [segment, setSegment] = useState<(typeof SEGMENTS)[number]>('mass');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('wechat');
  const [product, setProduct] = useState('');
  const [source, setSource] = useState<'template' | 'llm'>('template');
  const [current, setCurrent] = useState<Copy | null>(null);
  const [draft, setDraft] = useState('');
  const list = useQuery({ queryKey: ['copies'], queryFn: () => apiFetch<{ items: Copy[] }>('/api/copies') });
  const show = (c: Copy) => {
    setCurrent(c);
    setDraft(c.current.text);
    void qc.invalidateQueries({ queryKey: ['copies'] });
  };
  const create = useMutation({
    mutationFn: () =>
      apiFetch<Copy>('/api/copies', {
        method: 'POST',
        body: { segment, productCode: product.trim(), channel, source },
      }),
    onSuccess: show,
  });
  const edit = useMutation({
    mutationFn: (text: string) =>
      apiFetch<Copy>(`/api/copies/${current!.id}`, { method: 'PATCH', body: { text } }),
    onSuccess: show,
  });
  const submit = useMutation({
    mutationFn: () => apiFetch<Copy>(`/api/copies/${current!.id}/submit`, { method: 'POST' }),
    onSuccess: show,
  });
  const error = create.error ?? edit.error ?? submit.error;
  const v = current?.current;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="copy-page">
      <Card title={t('rmAssist.copyTitle')}>
        <Space wrap>
          <span>{t('rmAssist.segment')}</span>
          <Select
            value={segment}
            onChange={setSegment}
            style={{ width: 140 }}
            options={SEGMENTS.map((s) => ({ value: s, label: t(`rmAssist.segments.${s}`) }))}
          />
          <span>{t('rmAssist.product')}</span>
          <Input
            value={product}
            onChange={(e) => setProduct(e.target.value)}
            style={{ width: 140 }}
            data-testid="copy-product"
          />
          <span>{t('rmAssist.channel')}</span>
          <Select
            value={channel}
            onChange={setChannel}
            style={{ width: 140 }}
            options={CHANNELS.map((c) => ({ value: c, label: t(`rmAssist.channels.${c}`) }))}
          />
          <span>{t('rmAssist.source')}</span>
          <Select
            value={source}
            onChange={setSource}
            style={{ width: 180 }}
            data-testid="copy-source"
            options={(['template', 'llm'] as const).map((s) => ({
              value: s,
              label: t(`rmAssist.sources.${s}`),
            }))}
          />
          <Button
            type="primary"
            onClick={() => create.mutate()}
            loading={create.isPending}
            disabled={product.trim() === ''}
            data-testid="copy-generate"
          >
            {t('rmAssist.generate')}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 12 }} />}
      </Card>
      {current && v && (
        <Card
          title={`${current.productName} · ${t('rmAssist.version')} ${v.version}`}
          extra={
            <>
              {current.aiGenerated && (
                <Tag color="purple" data-testid="copy-ai">
                  {t('rmAssist.aiGenerated')}
                </Tag>
              )}
              <Tag color={statusColor(v.status)} data-testid="copy-status">
                {t(`rmAssist.copyStatuses.${v.status}`)}
              </Tag>
            </>
          }
          data-testid="copy-editor"
        >
          <HighlightedText text={v.text} findings={v.findings} />
          <Typography.Title level={5}>{t('rmAssist.findings')}</Typography.Title>
          <FindingList findings={v.findings} />
          {v.suggestedText !== null && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              message={t('rmAssist.suggested')}
              description={v.suggestedText}
              action={
                <Button size="small" onClick={() => setDraft(v.suggestedText ?? '')}>
                  {t('rmAssist.useSuggested')}
                </Button>
              }
            />
          )}
          <Input.TextArea
            rows={4}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            style={{ marginTop: 12 }}
            data-testid="copy-text"
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              onClick={() => edit.mutate(draft)}
              disabled={v.status === 'submitted' || draft === v.text}
              data-testid="copy-save"
            >
              {t('rmAssist.save')}
            </Button>
            <Button
              type="primary"
              onClick={() => submit.mutate()}
              disabled={v.status !== 'draft'}
              data-testid="copy-submit"
            >
              {t('rmAssist.submit')}
            </Button>
          </Space>
        </Card>
      )}
      <Card title={t('rmAssist.myCopies')}>
        <Table<Copy>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          onRow={(r) => ({ onClick: () => show(r) })}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            { title: t('rmAssist.product'), dataIndex: 'productName' },
            {
              title: t('rmAssist.segment'),
              dataIndex: 'segment',
              render: (s: string) => t(`rmAssist.segments.${s}`),
            },
            {
              title: t('rmAssist.channel'),
              dataIndex: 'channel',
              render: (s: string) => t(`rmAssist.channels.${s}`),
            },
            { title: t('rmAssist.version'), render: (_: unknown, r: Copy) => r.current.version },
            {
              title: t('rmAssist.status'),
              render: (_: unknown, r: Copy) => (
                <Tag color={statusColor(r.current.status)}>
                  {t(`rmAssist.copyStatuses.${r.current.status}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
};
