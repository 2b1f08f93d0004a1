import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Copy } from '../../../contracts/copy.js';
import { apiFetch } from '../../api/client.js';
import { FindingList, HighlightedText } from './highlighted.js';

/** The checker's queue (operations): submitted copy with its findings; approve, or reject with a note. */
export const ApprovalsPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const queue = useQuery({
    queryKey: ['copies', 'submitted'],
    queryFn: () => apiFetch<{ items: Copy[] }>('/api/copies?status=submitted'),
  });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'approve' | 'reject' }) =>
      apiFetch<Copy>(`/api/copies/${id}/${action}`, {
        method: 'POST',
        body: action === 'reject' ? { note: notes[id] ?? '' } : {},
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['copies'] }),
  });
  const items = queue.data?.items ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="approvals-page">
      <Card title={t('rmAssist.queueTitle')} loading={queue.isPending}>
        {decide.error && (
          <Alert type="error" showIcon message={decide.error.message} style={{ marginBottom: 12 }} />
        )}
        {items.length === 0 && <Empty description={t('rmAssist.queueEmpty')} />}
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {items.map((c) => (
            <Card
              key={c.id}
              size="small"
              type="inner"
              data-testid="approval-item"
              data-copy={c.id}
              title={`#${c.id} ${c.productName} · ${t(`rmAssist.channels.${c.channel}`)} · ${t(`rmAssist.segments.${c.segment}`)} · ${t('rmAssist.version')} ${c.current.version}`}
              extra={<Tag>{`${t('rmAssist.maker')} ${c.current.makerId}`}</Tag>}
            >
              <HighlightedText text={c.current.text} findings={c.current.findings} />
              <FindingList findings={c.current.findings} />
              <Space style={{ marginTop: 8 }}>
                <Button
                  type="primary"
                  onClick={() => decide.mutate({ id: c.id, action: 'approve' })}
                  data-testid="approve"
                >
                  {t('rmAssist.approve')}
                </Button>
                <Input
                  placeholder={t('rmAssist.rejectNote')}
                  value={notes[c.id] ?? ''}
                  onChange={(e) => setNotes({ ...notes, [c.id]: e.target.value })}
                  style={{ width: 240 }}
                />
                <Button
                  danger
                  disabled={(notes[c.id] ?? '').trim() === ''}
                  onClick={() => decide.mutate({ id: c.id, action: 'reject' })}
                >
                  {t('rmAssist.reject')}
                </Button>
              </Space>
            </Card>
          ))}
        </Space>
      </Card>
    </Space>
  );
};
