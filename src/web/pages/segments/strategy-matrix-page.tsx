import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StrategyCell, StrategyMatrix } from '../../../contracts/cdp.js';
import { apiFetch, ApiError } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';
import { CdpPolicyCard } from './cdp-policy-card.js';

/** AARRR stage × lifecycle: customers per cell and the strategy operations write for each cell. */
export const StrategyMatrixPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  const canEdit = user?.role === 'ops' || user?.role === 'admin';
  const matrix = useQuery({
    queryKey: ['strategy-matrix'],
    queryFn: () => apiFetch<StrategyMatrix>('/api/cdp/strategy-matrix'),
  });
  const [editing, setEditing] = useState<StrategyCell | null>(null);
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: (c: StrategyCell) =>
      apiFetch(`/api/cdp/strategy-matrix/${c.stage}/${c.lifecycle}`, { method: 'PUT', body: { text } }),
    onSuccess: async () => {
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['strategy-matrix'] });
    },
  });
  const m = matrix.data;
  const cell = (stage: string, lifecycle: string) =>
    m?.cells.find((c) => c.stage === stage && c.lifecycle === lifecycle);
  return (
    <>
      <Card title={t('seg.matrix')} data-testid="strategy-matrix">
        <p>{t('seg.matrixHint')}</p>
        {matrix.error instanceof ApiError && <Alert type="error" message={matrix.error.message} />}
        <Table
          rowKey="stage"
          size="small"
          pagination={false}
          loading={matrix.isLoading}
          dataSource={(m?.stages ?? []).map((s) => ({ stage: s }))}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('seg.stage'),
              dataIndex: 'stage',
              fixed: 'left',
              width: 120,
              render: (s: string) => <b>{t(`seg.stages.${s}`)}</b>,
            },
            ...(m?.lifecycles ?? []).map((l) => ({
              title: t(`seg.lifecycles.${l}`),
              key: l,
              render: (_: unknown, r: { stage: string }) => {
                const c = cell(r.stage, l);
                if (c === undefined) return null;
                return (
                  <Space direction="vertical" size={2} data-testid={`cell-${r.stage}-${l}`}>
                    <Tag color="blue" data-testid={`cell-count-${r.stage}-${l}`}>
                      {c.count}
                    </Tag>
                    <span data-testid={`cell-text-${r.stage}-${l}`} style={{ whiteSpace: 'pre-wrap' }}>
                      {c.text === '' ? '—' : c.text}
                    </span>
                    {canEdit && (
                      <Button
                        size="small"
                        type="link"
                        data-testid={`cell-edit-${r.stage}-${l}`}
                        onClick={() => {
                          setText(c.text);
                          setEditing(c);
                        }}
                      >
                        {t('seg.editStrategy')}
                      </Button>
                    )}
                  </Space>
                );
              },
            })),
          ]}
        />
        <div style={{ marginTop: 8 }} data-testid="matrix-total" data-total={m?.total ?? 0}>
          {t('seg.matrixTotal')}: {m?.total ?? '—'}
        </div>
        <Modal
          open={editing !== null}
          title={
            editing === null
              ? ''
              : `${t(`seg.stages.${editing.stage}`)} × ${t(`seg.lifecycles.${editing.lifecycle}`)}`
          }
          onCancel={() => setEditing(null)}
          onOk={() => editing && save.mutate(editing)}
          okButtonProps={{ loading: save.isPending, 'data-testid': 'cell-save' }}
        >
          <Input.TextArea
            data-testid="cell-input"
            rows={5}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {save.error instanceof ApiError && <Alert type="error" message={save.error.message} />}
        </Modal>
      </Card>
      <CdpPolicyCard canEdit={canEdit} />
    </>
  );
};
