import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCdpPolicyEdit } from '../../../core/cdp/policy-edit.js';
import { apiFetch, ApiError } from '../../api/client.js';

type Stored = { policy: unknown; version: number; updatedAt: string | null; updatedBy: string | null };

/** Operations edit the CDP policy (tier bands, grade bands, value-score weights) as checked JSON. */
export const CdpPolicyCard = ({ canEdit }: { canEdit: boolean }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stored = useQuery({ queryKey: ['cdp-policy'], queryFn: () => apiFetch<Stored>('/api/cdp/policy') });
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (stored.data && text === null) setText(JSON.stringify(stored.data.policy, null, 2));
  }, [stored.data, text]);
  let problem: string | null = null;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text ?? '{}');
    parseCdpPolicyEdit(parsed);
  } catch (e) {
    problem = (e as Error).message;
  }
  const save = useMutation({
    mutationFn: () => apiFetch<Stored>('/api/cdp/policy', { method: 'PUT', body: { policy: parsed } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cdp-policy'] }),
  });
  const d = stored.data;
  return (
    <Card title={t('seg.policy')} style={{ marginTop: 16 }} data-testid="cdp-policy">
      <p>
        {t('seg.policyHint')} {d ? `v${d.version}` : ''}{' '}
        {d?.updatedBy ? `· ${d.updatedBy} · ${d.updatedAt}` : ''}
      </p>
      <Input.TextArea
        data-testid="cdp-policy-json"
        rows={14}
        style={{ fontFamily: 'monospace' }}
        value={text ?? ''}
        disabled={!canEdit}
        onChange={(e) => setText(e.target.value)}
      />
      {text !== null && problem !== null && (
        <Alert type="error" data-testid="cdp-policy-error" message={t('seg.invalid')} description={problem} />
      )}
      {save.error instanceof ApiError && <Alert type="error" message={save.error.message} />}
      {canEdit && (
        <Space style={{ marginTop: 8 }}>
          <Button
            type="primary"
            data-testid="cdp-policy-save"
            disabled={problem !== null}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('seg.policySave')}
          </Button>
        </Space>
      )}
    </Card>
  );
};
