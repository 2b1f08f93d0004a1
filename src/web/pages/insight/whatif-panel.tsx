import { useMutation } from '@tanstack/react-query';
import { App, Card, Input, Radio, Slider, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { DriverChart } from './driver-chart.js';

type WhatIf = {
  intervention: string;
  baseline: number;
  intervened: number;
  effect: number;
  ci_low: number;
  ci_high: number;
  n_affected: number;
};

type Scenario = 'audience' | 'sessions' | 'discount' | 'coupon' | 'custom';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** The expression a scenario and its control value stand for (core/insight/intervention.ts grammar). */
const expressionOf = (s: Scenario, v: Record<Scenario, number>, custom: string): string => {
  switch (s) {
    case 'audience':
      return 'livestream_audience_2000=1';
    case 'sessions':
      return `sessions_per_month+=${v.sessions}`;
    case 'discount':
      return `renewal_discount=${(v.discount / 100).toFixed(2)}`;
    case 'coupon':
      return `coupon=1 for price >= ${v.coupon}`;
    case 'custom':
      return custom;
  }
};

/**
 * The what-if panel of a study: a scenario (live-stream audience ≥ 2000, more sessions a month, a renewal
 * discount, coupons above a price, or a free expression), its control, and the simulated change with its CI.
 * Moving a control re-simulates after a short pause (each run is a worker thread on the server).
 */
export const WhatIfPanel = ({ id }: { id: number }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [scenario, setScenario] = useState<Scenario>('audience');
  const [values, setValues] = useState<Record<Scenario, number>>({
    audience: 1,
    sessions: 1,
    discount: 20,
    coupon: 5,
    custom: 0,
  });
  const [custom, setCustom] = useState('livestream_audience_2000=1');
  const expr = expressionOf(scenario, values, custom);
  const sim = useMutation({
    mutationFn: (intervene: string) =>
      apiFetch<WhatIf>(`/api/insight/studies/${id}/whatif`, { method: 'POST', body: { intervene } }),
    onError: (e) => void message.error(e.message),
  });
  const { mutate } = sim;
  useEffect(() => {
    if (expr.trim() === '') return;
    const h = setTimeout(() => mutate(expr), 500);
    return () => clearTimeout(h);
  }, [expr, mutate]);
  const set = (k: Scenario, v: number) => setValues((o) => ({ ...o, [k]: v }));
  return (
    <Card size="small" title={t('insight.whatIf')} data-testid="whatif-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div data-testid="whatif-scenario">
          <Radio.Group
            value={scenario}
            onChange={(e) => setScenario(e.target.value as Scenario)}
            options={(['audience', 'sessions', 'discount', 'coupon', 'custom'] as const).map((s) => ({
              value: s,
              label: <span data-testid={`whatif-scenario-${s}`}>{t(`insight.scenario.${s}`)}</span>,
            }))}
          />
        </div>
        {scenario === 'sessions' && (
          <div data-testid="whatif-sessions">
            <Slider
              min={1}
              max={4}
              step={1}
              value={values.sessions}
              onChange={(v) => set('sessions', v)}
              marks={{ 1: '+1', 2: '+2', 3: '+3', 4: '+4' }}
            />
          </div>
        )}
        {scenario === 'discount' && (
          <div data-testid="whatif-discount">
            <Slider
              min={0}
              max={50}
              step={5}
              value={values.discount}
              onChange={(v) => set('discount', v)}
              marks={{ 0: '0%', 20: '20%', 50: '50%' }}
            />
          </div>
        )}
        {scenario === 'coupon' && (
          <div data-testid="whatif-coupon-price">
            <Slider
              min={1}
              max={10}
              step={1}
              value={values.coupon}
              onChange={(v) => set('coupon', v)}
              marks={{ 1: '≥100元', 5: '≥500元', 10: '≥1000元' }}
            />
          </div>
        )}
        {scenario === 'custom' && (
          <Input
            data-testid="whatif-expression"
            value={custom}
            placeholder={t('insight.whatIfHint')}
            onChange={(e) => setCustom(e.target.value)}
          />
        )}
        <Typography.Text type="secondary" data-testid="whatif-expr">
          {expr}
        </Typography.Text>
        {sim.isPending && <Typography.Text>{t('insight.simulating')}</Typography.Text>}
        {sim.data && !sim.isPending && (
          <>
            <div data-testid="whatif-result" data-intervention={sim.data.intervention}>
              {t('insight.baseline')} {pct(sim.data.baseline)} → {t('insight.intervened')}{' '}
              {pct(sim.data.intervened)} · {t('insight.effect')} {pct(sim.data.effect)} [
              {pct(sim.data.ci_low)}, {pct(sim.data.ci_high)}] · {t('insight.affected')} {sim.data.n_affected}
            </div>
            <DriverChart
              bars={[
                {
                  label: t('insight.effect'),
                  value: sim.data.effect,
                  low: sim.data.ci_low,
                  high: sim.data.ci_high,
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
};
