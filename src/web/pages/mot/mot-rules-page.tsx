import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DryRunResponse, RuleView, StatsResponse } from '../../../contracts/mot.js';
import { useAuth } from '../../auth/auth-context.js';
import { ApiError, apiFetch } from '../../api/client.js';
import { EChart } from '../../components/echart.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The JSON editor of one rule: save as a new version (errors name the JSON path), dry run over last week. */
const RuleEditor = ({ rule, canWrite }: { rule: RuleView; canWrite: boolean }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { builtin: _b, updatedAt: _u, updatedBy: _w, switches: _s, ...definition } = rule;
  const [text, setText] = useState(JSON.stringify(definition, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const parsed = (): unknown => {
    try {
      setParseError(null);
      return JSON.parse(text) as unknown;
    } catch (e) {
      setParseError(`${t('mot.invalidJson')}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const save = useMutation({
    mutationFn: (body: unknown) => apiFetch<RuleView>(`/api/mot/rules/${rule.key}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mot-rules'] }),
  });
  const now = new Date();
  const dry = useMutation({
    mutationFn: (body: unknown) =>
      apiFetch<DryRunResponse>(`/api/mot/rules/${rule.key}/dry-run`, {
        method: 'POST',
        body: { from: day(new Date(now.getTime() - 7 * 86_400_000)), to: day(now), rule: body },
      }),
  });
  const err = save.error ?? dry.error;
  const field = err instanceof ApiError ? (err.details.field as string | undefined) : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rule-editor">
      <Typography.Text type="secondary">{t('mot.json')}</Typography.Text>
      <Input.TextArea rows={14} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      {parseError !== null && <Alert type="error" showIcon message={parseError} />}
      {err && <Alert type="error" showIcon message={err.message} description={field} />}
      {save.isSuccess && (
        <Alert type="success" showIcon message={`${t('mot.saved')} v${save.data.version}`} />
      )}
      <Space>
        {canWrite && (
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => {
              const b = parsed();
              if (b !== undefined) save.mutate(b);
            }}
          >
            {t('mot.save')}
          </Button>
        )}
        {canWrite && (
          <Button
            loading={dry.isPending}
            onClick={() => {
              const b = parsed();
              if (b !== undefined) dry.mutate(b);
            }}
          >
            {t('mot.dryRun')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('mot.dryRunHint')}</Typography.Text>
      </Space>
      {dry.data && (
        <Card size="small" title={`${t('mot.hits')}: ${dry.data.count}`}>
          {dry.data.hits.slice(0, 50).map((h) => (
            <Tag key={`${h.customer_id}|${h.dedupe_key}`}>{h.customer_id}</Tag>
          ))}
        </Card>
      )}
    </Space>
  );
};

/** A per-unit switch (a branch manager: own branch and outlets). */
const UnitSwitch = ({ rule }: { rule: RuleView }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [unit, setUnit] = useState('');
  const set = useMutation({
    mutationFn: (enabled: boolean) =>
      apiFetch(`/api/mot/rules/${rule.key}/switch`, { method: 'PUT', body: { org_unit_id: unit, enabled } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mot-rules'] }),
  });
  return (
    <Space wrap>
      {rule.switches.map((s) => (
        <Tag key={s.org_unit_id} color={s.enabled ? 'green' : 'red'}>
          {s.org_unit_id}
        </Tag>
      ))}
      <Input
        size="small"
        placeholder={t('mot.switchUnit')}
        value={unit}
        onChange={(e) => setUnit(e.target.value)}
        style={{ width: 120 }}
      />
      <Button size="small" danger disabled={unit === ''} onClick={() => set.mutate(false)}>
        {t('mot.switchOff')}
      </Button>
      <Button size="small" disabled={unit === ''} onClick={() => set.mutate(true)}>
        {t('mot.switchOn')}
      </Button>
      {set.error && <Typography.Text type="danger">{set.error.message}</Typography.Text>}
    </Space>
  );
};

/** Per-rule daily triggers, leads, messages and conversions. */
const StatsChart = ({ stats }: { stats: StatsResponse }) => {
  const { t } = useTranslation();
  const dates = [...new Set(stats.rules.flatMap((r) => r.days.map((d) => d.date)))].sort();
  const series = (k: 'fired' | 'leads' | 'won' | 'messages') => ({
    name: t(`mot.${k}`),
    type: 'bar',
    data: dates.map((d) => stats.rules.reduce((s, r) => s + (r.days.find((x) => x.date === d)?.[k] ?? 0), 0)),
  });
  return (
    <EChart
      option={{
        tooltip: { trigger: 'axis' },
        legend: {},
        xAxis: { type: 'category', data: dates },
        yAxis: { type: 'value' },
        series: [series('fired'), series('leads'), series('messages'), series('won')],
      }}
    />
  );
};

/** MOT 规则 / MOT rules: on/off, JSON editor with validation, dry run, switches per unit, statistics. */
export const MotRulesPage = () => {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const canWrite = user?.role === 'ops';
  const rules = useQuery({ queryKey: ['mot-rules'], queryFn: () => apiFetch<RuleView[]>('/api/mot/rules') });
  const stats = useQuery({
    queryKey: ['mot-stats'],
    queryFn: () => apiFetch<StatsResponse>('/api/mot/stats'),
  });
  const en = i18n.language.startsWith('en');
  const byRule = new Map((stats.data?.rules ?? []).map((r) => [r.rule, r]));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="mot-rules-page">
      <Card title={t('mot.rulesTitle')} loading={rules.isPending}>
        {rules.error && <Alert type="error" showIcon message={rules.error.message} />}
        <Table<RuleView>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rules.data ?? []}
          expandable={{
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <UnitSwitch rule={r} />
                <RuleEditor rule={r} canWrite={canWrite} />
              </Space>
            ),
          }}
          columns={[
            { title: t('mot.rule'), render: (_, r) => `${en ? r.name.en : r.name.zh} (${r.key})` },
            {
              title: t('mot.enabled'),
              render: (_, r) => <Switch size="small" checked={r.enabled} disabled />,
            },
            { title: t('mot.version'), dataIndex: 'version' },
            { title: t('mot.priority'), dataIndex: 'priority' },
            { title: t('mot.fired'), render: (_, r) => byRule.get(r.key)?.fired ?? 0 },
            { title: t('mot.leads'), render: (_, r) => byRule.get(r.key)?.leads ?? 0 },
            { title: t('mot.won'), render: (_, r) => byRule.get(r.key)?.won ?? 0 },
          ]}
        />
      </Card>
      <Card title={t('mot.stats')} loading={stats.isPending}>
        {stats.data && <StatsChart stats={stats.data} />}
      </Card>
    </Space>
  );
};
