import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, InputNumber, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertsResponse, TargetsResponse } from '../../../contracts/advisory.js';
import type { Holding } from '../../../contracts/customers.js';
import { apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { formatPercent } from '../../format.js';
import { useCustomerApp } from './app-context.js';
import { useCustomerAssets } from './home-page.js';
import { Disclosure, Section } from './parts.js';

/** Percent in the input, fraction in the API (20 ↔ 0.2). */
const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 10000) / 100);

const TargetRow = ({ holding }: { holding: Holding }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { customerId, canSetTargets } = useCustomerApp();
  const url = `/api/customers/${customerId}/holdings/${encodeURIComponent(holding.productCode)}/targets`;
  const q = useQuery({
    queryKey: ['targets', url],
    queryFn: () => apiFetch<TargetsResponse>(url),
    retry: false,
  });
  const [tp, setTp] = useState<number | null | undefined>(undefined);
  const [sl, setSl] = useState<number | null | undefined>(undefined);
  const save = useMutation({
    mutationFn: (body: { take_profit: number | null; stop_loss: number | null }) =>
      apiFetch<TargetsResponse>(url, { method: 'PUT', body }),
    onSuccess: () => {
      void message.success(t('capp.alerts.saved'));
      void client.invalidateQueries({ queryKey: ['targets', url] });
      void client.invalidateQueries({ queryKey: ['alerts', customerId] });
    },
  });
  if (q.isPending || q.error) return <QueryState loading={q.isPending} error={q.error} />;
  const d = q.data;
  const tpValue = tp === undefined ? pct(d.take_profit) : tp;
  const slValue = sl === undefined ? pct(d.stop_loss) : sl;
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="target-row">
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {holding.productName}
      </Typography.Text>
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8, marginTop: 6 }}
      >
        <label>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('capp.alerts.takeProfit')}
            {d.suggested.take_profit !== null &&
              ` · ${t('capp.alerts.suggested', { value: formatPercent(d.suggested.take_profit, 0) })}`}
          </Typography.Text>
          <InputNumber<number>
            size="large"
            style={{ width: '100%' }}
            min={1}
            max={1000}
            addonAfter="%"
            value={tpValue}
            disabled={!canSetTargets}
            placeholder={t('capp.alerts.notSet')}
            onChange={(v) => setTp(v)}
          />
        </label>
        <label>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('capp.alerts.stopLoss')}
            {d.suggested.stop_loss !== null &&
              ` · ${t('capp.alerts.suggested', { value: formatPercent(d.suggested.stop_loss, 0) })}`}
          </Typography.Text>
          <InputNumber<number>
            size="large"
            style={{ width: '100%' }}
            min={-100}
            max={-1}
            addonAfter="%"
            value={slValue}
            disabled={!canSetTargets}
            placeholder={t('capp.alerts.notSet')}
            onChange={(v) => setSl(v)}
          />
        </label>
      </div>
      {canSetTargets && (
        <Button
          type="primary"
          size="large"
          style={{ marginTop: 8, minHeight: 44 }}
          loading={save.isPending}
          disabled={tpValue === null && slValue === null}
          onClick={() =>
            save.mutate({
              take_profit: tpValue === null ? null : tpValue / 100,
              stop_loss: slValue === null ? null : slValue / 100,
            })
          }
        >
          {t('capp.alerts.save')}
        </Button>
      )}
      {save.error && <QueryState loading={false} error={save.error} />}
    </div>
  );
};

/** 提醒: the alerts of the customer's holdings and assessment, and take-profit/stop-loss lines per holding. */
export const AlertsPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { customerId } = useCustomerApp();
  const alerts = useQuery({
    queryKey: ['alerts', customerId],
    queryFn: () => apiFetch<AlertsResponse>(`/api/customers/${customerId}/alerts`),
    retry: false,
  });
  const assets = useCustomerAssets(customerId);
  if (alerts.isPending || alerts.error)
    return (
      <QueryState loading={alerts.isPending} error={alerts.error} onRetry={() => void alerts.refetch()} />
    );
  const a = alerts.data;
  const holdings = (assets.data?.holdings ?? []).filter((h) => h.navDate !== null);
  return (
    <div data-testid="capp-alerts">
      <Section title={t('capp.alerts.title')} testId="alerts-list">
        {a.items.length === 0 && <Empty description={t('capp.alerts.none')} />}
        {a.items.map((x) => (
          <div
            key={x.id}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
            data-testid="alert-item"
          >
            <Tag color={x.type === 'stop_loss' || x.type === 'assessment_expired' ? 'red' : 'orange'}>
              {t(`capp.alerts.types.${x.type}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.occurred_at.slice(0, 10)}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              {en ? x.message_en : x.message}
            </Typography.Paragraph>
          </div>
        ))}
      </Section>
      <Section title={t('capp.alerts.targets')} testId="alerts-targets">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('capp.alerts.targetsHint')}
        </Typography.Paragraph>
        {holdings.map((h) => (
          <TargetRow key={h.productCode} holding={h} />
        ))}
      </Section>
      <Disclosure text={en ? a.disclosure_en : a.disclosure} />
    </div>
  );
};
