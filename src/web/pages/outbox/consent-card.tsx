import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';

const PURPOSES = ['marketing', 'profiling', 'ai_advice', 'data_sharing'] as const;
const CHANNELS = ['sms', 'app_push', 'wechat', 'phone_call', 'email'] as const;

type Consent = { purpose: string; channel: string; granted: boolean; at: string; text_shown: string };
type View = {
  current: Consent[];
  ledger: (Consent & { id: number; by: string })[];
  preferences: { do_not_contact: boolean; non_personalised: boolean };
};

/** The purpose × channel grid of the current consents. */
const ConsentGrid = ({ view }: { view: View }) => {
  const { t } = useTranslation();
  const rows = PURPOSES.map((p) => ({ purpose: p }));
  return (
    <Table
      size="small"
      rowKey="purpose"
      pagination={false}
      dataSource={rows}
      data-testid="consent-grid"
      columns={[
        { title: '', dataIndex: 'purpose', render: (p: string) => t(`outbox.consent.purpose.${p}`) },
        ...CHANNELS.map((ch) => ({
          title: t(`outbox.consent.channel.${ch}`),
          key: ch,
          render: (_: unknown, r: { purpose: string }) => {
            const c = view.current.find((x) => x.purpose === r.purpose && x.channel === ch);
            if (c === undefined) return <Tag>{t('outbox.consent.none')}</Tag>;
            return c.granted ? (
              <Tag color="green">{t('outbox.consent.granted')}</Tag>
            ) : (
              <Tag color="red">{t('outbox.consent.withdrawn')}</Tag>
            );
          },
        })),
      ]}
    />
  );
};

/** Records one grant or withdrawal with the text shown to the customer (the evidence). */
const RecordForm = ({ customerId, onDone }: { customerId: number; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<string>('marketing');
  const [channel, setChannel] = useState<string>('sms');
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: (granted: boolean) =>
      apiFetch(`/api/customers/${customerId}/consents`, {
        method: 'PUT',
        body: { purpose, channel, granted, text_shown: text },
      }),
    onSuccess: () => {
      void message.success(t('outbox.consent.saved'));
      setText('');
      onDone();
    },
    onError: (e) => void message.error(e.message),
  });
  const go = (granted: boolean) =>
    text.trim() === '' ? void message.warning(t('outbox.consent.needText')) : save.mutate(granted);
  return (
    <Space wrap>
      <Select
        style={{ width: 120 }}
        value={purpose}
        onChange={setPurpose}
        options={PURPOSES.map((p) => ({ value: p, label: t(`outbox.consent.purpose.${p}`) }))}
      />
      <Select
        style={{ width: 120 }}
        value={channel}
        onChange={setChannel}
        options={CHANNELS.map((c) => ({ value: c, label: t(`outbox.consent.channel.${c}`) }))}
      />
      <Input
        style={{ width: 320 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('outbox.consent.textPlaceholder')}
        data-testid="consent-text"
      />
      <Button type="primary" loading={save.isPending} onClick={() => go(true)} data-testid="consent-grant">
        {t('outbox.consent.grant')}
      </Button>
      <Button danger loading={save.isPending} onClick={() => go(false)} data-testid="consent-withdraw">
        {t('outbox.consent.withdraw')}
      </Button>
    </Space>
  );
};

/**
 * Consent per purpose × channel, the ledger with its evidence, and the do-not-contact / non-personalised
 * switches, on the customer 360 (regulation §3). Editing needs `consents:write` (the RM, operations).
 */
export const ConsentCard = ({ customerId, canEdit }: { customerId: number; canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['outbox', 'consents', customerId];
  const q = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<View>(`/api/customers/${customerId}/consents`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const prefs = useMutation({
    mutationFn: (body: { do_not_contact?: boolean; non_personalised?: boolean }) =>
      apiFetch(`/api/customers/${customerId}/contact-preferences`, { method: 'PUT', body }),
    onSuccess: refresh,
    onError: (e) => void message.error(e.message),
  });
  const view = q.data;
  return (
    <Card title={t('outbox.consent.title')} data-testid="consent-card">
      {view === undefined ? (
        <QueryState loading={q.isLoading} error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap size="large">
            <span>
              <Switch
                checked={view.preferences.do_not_contact}
                disabled={!canEdit}
                loading={prefs.isPending}
                onChange={(v) => prefs.mutate({ do_not_contact: v })}
                data-testid="pref-dnc"
              />{' '}
              {t('outbox.consent.doNotContact')}
            </span>
            <span>
              <Switch
                checked={view.preferences.non_personalised}
                disabled={!canEdit}
                loading={prefs.isPending}
                onChange={(v) => prefs.mutate({ non_personalised: v })}
              />{' '}
              {t('outbox.consent.nonPersonalised')}
            </span>
          </Space>
          <ConsentGrid view={view} />
          {canEdit && <RecordForm customerId={customerId} onDone={refresh} />}
          <Typography.Text strong>{t('outbox.consent.ledger')}</Typography.Text>
          <Table
            size="small"
            rowKey="id"
            dataSource={view.ledger}
            pagination={{ pageSize: 5 }}
            columns={[
              {
                title: t('outbox.consent.at'),
                dataIndex: 'at',
                render: (s: string) => new Date(s).toLocaleString(),
              },
              {
                title: '',
                key: 'what',
                render: (_: unknown, e: Consent) =>
                  `${t(`outbox.consent.purpose.${e.purpose}`)} · ${t(`outbox.consent.channel.${e.channel}`)}`,
              },
              {
                title: '',
                dataIndex: 'granted',
                render: (g: boolean) =>
                  g ? (
                    <Tag color="green">{t('outbox.consent.granted')}</Tag>
                  ) : (
                    <Tag color="red">{t('outbox.consent.withdrawn')}</Tag>
                  ),
              },
              { title: t('outbox.consent.textShown'), dataIndex: 'text_shown' },
              { title: t('outbox.consent.by'), dataIndex: 'by' },
            ]}
          />
        </Space>
      )}
    </Card>
  );
};
