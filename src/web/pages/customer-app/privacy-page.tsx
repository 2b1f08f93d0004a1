import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Segmented, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { formatDateTime } from '../../format.js';
import { useCustomerApp } from './app-context.js';
import { Section, TapLabel } from './parts.js';

type Consent = { purpose: string; channel: string; granted: boolean; at: string; text_shown: string };
type View = {
  current: Consent[];
  ledger: (Consent & { id: number; by: string })[];
  preferences: { do_not_contact: boolean; non_personalised: boolean };
};

/** Marketing by channel, then the other purposes on the app (the ones the bank asks for in the app). */
const MARKETING_CHANNELS = ['sms', 'app_push', 'wechat', 'phone_call', 'email'] as const;
const OTHER = [
  ['profiling', 'app_push'],
  ['ai_advice', 'app_push'],
] as const;

/** One permission: its name, an on/off choice tall enough to tap, and the statement it records as evidence. */
const SwitchRow = ({
  label,
  statement,
  checked,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  statement: ReactNode;
  checked: boolean;
  disabled: boolean;
  onChange: (v: boolean) => void;
  testId: string;
}) => {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ fontWeight: 500, minWidth: 0 }}>{label}</span>
        <Segmented<'on' | 'off'>
          value={checked ? 'on' : 'off'}
          disabled={disabled}
          onChange={(v) => onChange(v === 'on')}
          data-testid={testId}
          data-state={checked ? 'on' : 'off'}
          options={[
            { value: 'on', label: <TapLabel>{t('capp.privacy.turnOn')}</TapLabel> },
            { value: 'off', label: <TapLabel>{t('capp.privacy.turnOff')}</TapLabel> },
          ]}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {statement}
      </Typography.Text>
    </div>
  );
};

/**
 * 隐私与消息: the customer's own consents (marketing per channel, profiling, the AI advisor), do-not-contact and
 * the non-personalised option, and the record of every change. Each switch records the statement shown beside it
 * as the evidence (regulation §3: consent per purpose and channel, withdrawable as easily as given). An RM's
 * preview is read-only.
 */
export const PrivacyPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { customerId, staff } = useCustomerApp();
  const qc = useQueryClient();
  const key = ['outbox', 'consents', customerId];
  const q = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<View>(`/api/customers/${customerId}/consents`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const consent = useMutation({
    mutationFn: (b: { purpose: string; channel: string; granted: boolean; text_shown: string }) =>
      apiFetch(`/api/customers/${customerId}/consents`, { method: 'PUT', body: b }),
    onSuccess: () => {
      void message.success(t('capp.privacy.saved'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const prefs = useMutation({
    mutationFn: (b: { do_not_contact?: boolean; non_personalised?: boolean }) =>
      apiFetch(`/api/customers/${customerId}/contact-preferences`, { method: 'PUT', body: b }),
    onSuccess: () => {
      void message.success(t('capp.privacy.saved'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  if (q.data === undefined)
    return <QueryState loading={q.isLoading} error={q.error} onRetry={() => void q.refetch()} />;
  const view = q.data;
  const granted = (purpose: string, channel: string) =>
    view.current.find((c) => c.purpose === purpose && c.channel === channel)?.granted ?? false;
  const channelName = (ch: string) => t(`capp.privacy.channel.${ch}`);
  /** The statement shown beside a switch: what the customer agrees to (or withdraws) by turning it on (off). */
  const statement = (purpose: string, channel: string) =>
    t(`capp.privacy.statement.${purpose}`, { channel: channelName(channel) });
  const set = (purpose: string, channel: string, v: boolean) =>
    consent.mutate({ purpose, channel, granted: v, text_shown: statement(purpose, channel) });
  const busy = consent.isPending || prefs.isPending;
  return (
    <div data-testid="capp-privacy">
      <Section title={t('capp.privacy.marketing')} testId="privacy-marketing">
        {MARKETING_CHANNELS.map((ch) => (
          <SwitchRow
            key={ch}
            label={channelName(ch)}
            statement={statement('marketing', ch)}
            checked={granted('marketing', ch)}
            disabled={staff || busy}
            onChange={(v) => set('marketing', ch, v)}
            testId={`privacy-marketing-${ch}`}
          />
        ))}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('capp.privacy.serviceNote')}
        </Typography.Paragraph>
      </Section>
      <Section title={t('capp.privacy.other')} testId="privacy-other">
        {OTHER.map(([purpose, ch]) => (
          <SwitchRow
            key={purpose}
            label={t(`capp.privacy.purpose.${purpose}`)}
            statement={statement(purpose, ch)}
            checked={granted(purpose, ch)}
            disabled={staff || busy}
            onChange={(v) => set(purpose, ch, v)}
            testId={`privacy-${purpose}`}
          />
        ))}
        <SwitchRow
          label={t('capp.privacy.nonPersonalised')}
          statement={t('capp.privacy.nonPersonalisedNote')}
          checked={view.preferences.non_personalised}
          disabled={staff || busy}
          onChange={(v) => prefs.mutate({ non_personalised: v })}
          testId="privacy-non-personalised"
        />
        <SwitchRow
          label={t('capp.privacy.doNotContact')}
          statement={t('capp.privacy.doNotContactNote')}
          checked={view.preferences.do_not_contact}
          disabled={staff || busy}
          onChange={(v) => prefs.mutate({ do_not_contact: v })}
          testId="privacy-dnc"
        />
      </Section>
      <Section title={t('capp.privacy.history')} testId="privacy-history">
        {view.ledger.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        {view.ledger.slice(0, 20).map((e) => (
          <div
            key={e.id}
            style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}
            data-testid="privacy-ledger-row"
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <span>
                {t(`capp.privacy.purpose.${e.purpose}`)} · {channelName(e.channel)}
              </span>
              <Tag color={e.granted ? 'green' : 'default'}>
                {e.granted ? t('capp.privacy.on') : t('capp.privacy.off')}
              </Tag>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)} · {t(`capp.privacy.by.${e.by === 'customer' ? 'customer' : 'bank'}`)}
            </Typography.Text>
          </div>
        ))}
      </Section>
    </div>
  );
};
