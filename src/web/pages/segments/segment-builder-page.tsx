import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Statistic,
  Table,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Segment, SegmentPreview } from '../../../contracts/segments.js';
import { ATTRIBUTES } from '../../../core/segment/attributes.js';
import type { Attribute, Op } from '../../../core/segment/attributes.js';
import { opsOf } from '../../../core/segment/attributes.js';
import { PRODUCT_TYPES } from '../../../core/product-types.js';
import type { Rule } from '../../../core/segment/rule.js';
import { ruleIssues } from '../../../core/segment/rule.js';
import { apiFetch, ApiError } from '../../api/client.js';
import { LookalikePanel, SegmentProfileCharts } from './segment-insights.js';
import { RefreshSelect, SegmentRefreshHistory, SegmentScheduleCell } from './segment-schedule.js';

/** One condition row of the builder (the builder edits a flat all/any list; the JSON box edits any tree). */
type Cond =
  | { kind: 'attr'; attr: Attribute; op: Op; value: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'event'; event: string; minCount: number; days: number }
  | { kind: 'holds' | 'notHolds'; productType: string | null };

const valueOf = (attr: Attribute, op: Op, text: string): unknown => {
  const spec = ATTRIBUTES[attr];
  const one = (s: string): unknown =>
    spec.kind === 'number' ? Number(s) : spec.kind === 'boolean' ? s === 'true' : s.trim();
  if (op === 'in' || op === 'between') return text.split(',').map(one);
  return one(text);
};

const ruleOf = (mode: 'all' | 'any', conds: Cond[]): Rule => {
  const leaves = conds.map((c): unknown => {
    switch (c.kind) {
      case 'attr':
        return { attr: c.attr, op: c.op, value: valueOf(c.attr, c.op, c.value) };
      case 'tag':
        return { tag: c.tag };
      case 'event':
        return { event: c.event, min_count: c.minCount, days: c.days };
      case 'holds':
        return { holds: c.productType === null ? {} : { product_type: c.productType } };
      case 'notHolds':
        return { not: { holds: c.productType === null ? {} : { product_type: c.productType } } };
    }
  });
  return (mode === 'all' ? { all: leaves } : { any: leaves }) as Rule;
};

const useDebounced = <T,>(value: T, ms: number): T => {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
};

export const SegmentBuilderPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'all' | 'any'>('all');
  const [conds, setConds] = useState<Cond[]>([{ kind: 'attr', attr: 'aum', op: 'gte', value: '50000' }]);
  const [json, setJson] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [refreshCron, setRefreshCron] = useState<string | null>(null);
  const built = useMemo(() => ruleOf(mode, conds), [mode, conds]);
  const ruleText = json ?? JSON.stringify(built, null, 2);
  let rule: unknown = null;
  let parseError: string | null = null;
  try {
    rule = JSON.parse(ruleText);
    const issues = ruleIssues(rule);
    if (issues.length > 0) parseError = `${issues[0]!.path}: ${issues[0]!.message}`;
  } catch (e) {
    parseError = (e as Error).message;
  }
  const debounced = useDebounced(parseError === null ? JSON.stringify(rule) : null, 300);
  const preview = useQuery({
    queryKey: ['segment-preview', debounced],
    enabled: debounced !== null,
    queryFn: () =>
      apiFetch<SegmentPreview>('/api/segments/preview', {
        method: 'POST',
        body: { rule: JSON.parse(debounced!) as unknown },
      }),
  });
  const saved = useQuery({
    queryKey: ['segments'],
    queryFn: () => apiFetch<{ items: Segment[] }>('/api/segments'),
  });
  const save = useMutation({
    mutationFn: () =>
      apiFetch<Segment>('/api/segments', { method: 'POST', body: { name, rule, refreshCron } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['segments'] }),
  });
  const update = (i: number, c: Cond) => {
    setJson(null);
    setConds(conds.map((x, k) => (k === i ? c : x)));
  };
  const attrOptions = Object.keys(ATTRIBUTES).map((a) => ({ value: a, label: t(`seg.attrs.${a}`) }));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={t('seg.builder')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              {t('seg.match')}
              <Select
                data-testid="segment-mode"
                value={mode}
                onChange={(v) => {
                  setJson(null);
                  setMode(v);
                }}
                options={[
                  { value: 'all', label: t('seg.all') },
                  { value: 'any', label: t('seg.any') },
                ]}
              />
            </Space>
            {conds.map((c, i) => (
              <Space key={i} wrap data-testid={`segment-cond-${i}`}>
                <Select
                  data-testid={`cond-kind-${i}`}
                  style={{ width: 130 }}
                  value={c.kind}
                  onChange={(k: Cond['kind']) =>
                    update(
                      i,
                      k === 'attr'
                        ? { kind: 'attr', attr: 'age', op: 'gte', value: '60' }
                        : k === 'tag'
                          ? { kind: 'tag', tag: 'vip_care' }
                          : k === 'event'
                            ? { kind: 'event', event: 'login', minCount: 1, days: 30 }
                            : { kind: k, productType: 'equity' },
                    )
                  }
                  options={(['attr', 'tag', 'event', 'holds', 'notHolds'] as const).map((k) => ({
                    value: k,
                    label: t(`seg.kind.${k}`),
                  }))}
                />
                {c.kind === 'attr' && (
                  <>
                    <Select
                      data-testid={`cond-attr-${i}`}
                      style={{ width: 140 }}
                      value={c.attr}
                      options={attrOptions}
                      onChange={(a: Attribute) => update(i, { ...c, attr: a, op: opsOf(ATTRIBUTES[a])[0]! })}
                    />
                    <Select
                      data-testid={`cond-op-${i}`}
                      style={{ width: 90 }}
                      value={c.op}
                      options={opsOf(ATTRIBUTES[c.attr]).map((o) => ({ value: o, label: o }))}
                      onChange={(o: Op) => update(i, { ...c, op: o })}
                    />
                    <Input
                      data-testid={`cond-value-${i}`}
                      style={{ width: 160 }}
                      value={c.value}
                      onChange={(e) => update(i, { ...c, value: e.target.value })}
                    />
                  </>
                )}
                {c.kind === 'tag' && (
                  <Input value={c.tag} onChange={(e) => update(i, { ...c, tag: e.target.value })} />
                )}
                {c.kind === 'event' && (
                  <>
                    <Input
                      style={{ width: 140 }}
                      value={c.event}
                      onChange={(e) => update(i, { ...c, event: e.target.value })}
                    />
                    {t('seg.minCount')}
                    <InputNumber
                      min={0}
                      value={c.minCount}
                      onChange={(v) => update(i, { ...c, minCount: v ?? 0 })}
                    />
                    {t('seg.days')}
                    <InputNumber min={1} value={c.days} onChange={(v) => update(i, { ...c, days: v ?? 1 })} />
                  </>
                )}
                {(c.kind === 'holds' || c.kind === 'notHolds') && (
                  <Select
                    data-testid={`cond-product-${i}`}
                    style={{ width: 160 }}
                    value={c.productType ?? ''}
                    onChange={(v: string) => update(i, { ...c, productType: v === '' ? null : v })}
                    options={[
                      { value: '', label: t('seg.anyType') },
                      ...PRODUCT_TYPES.map((p) => ({ value: p, label: p })),
                    ]}
                  />
                )}
                <Button onClick={() => setConds(conds.filter((_, k) => k !== i))}>{t('seg.remove')}</Button>
              </Space>
            ))}
            <Button
              data-testid="segment-add"
              onClick={() => {
                setJson(null);
                setConds([...conds, { kind: 'attr', attr: 'age', op: 'gte', value: '60' }]);
              }}
            >
              {t('seg.addCondition')}
            </Button>
            <div>{t('seg.json')}</div>
            <Input.TextArea
              data-testid="segment-json"
              rows={8}
              value={ruleText}
              onChange={(e) => setJson(e.target.value)}
              style={{ fontFamily: 'monospace' }}
            />
            {parseError !== null && (
              <Alert type="error" message={t('seg.invalid')} description={parseError} />
            )}
            {preview.error instanceof ApiError && (
              <Alert type="error" message={t('seg.invalid')} description={preview.error.message} />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card>
          <Statistic
            title={t('seg.count')}
            value={preview.data?.count ?? '—'}
            loading={preview.isFetching}
            valueRender={(node) => <span data-testid="segment-count">{node}</span>}
          />
          <Space style={{ marginTop: 12 }}>
            <Input
              data-testid="segment-name"
              placeholder={t('seg.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <RefreshSelect testId="segment-refresh" value={refreshCron} onChange={setRefreshCron} />
            <Button
              type="primary"
              data-testid="segment-save"
              disabled={name.trim() === '' || parseError !== null}
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              {t('seg.save')}
            </Button>
          </Space>
          {save.data && (
            <Space style={{ marginTop: 12 }}>
              <a
                data-testid="segment-export-xlsx"
                href={`/api/segments/${save.data.id}/export?format=xlsx`}
                download
              >
                {t('seg.export')}
              </a>
              <a href={`/api/segments/${save.data.id}/export?format=csv`} download>
                {t('seg.exportCsv')}
              </a>
            </Space>
          )}
        </Card>
        <SegmentProfileCharts rule={debounced} />
        <LookalikePanel segmentId={save.data?.id ?? null} sample={preview.data?.sample ?? []} />
        <Card title={t('seg.sample')} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={preview.data?.sample ?? []}
            renderItem={(id) => (
              <List.Item>
                <Link to={`/workbench/customers/${id}`}>{id}</Link>
              </List.Item>
            )}
          />
        </Card>
        <Card title={t('seg.saved')} style={{ marginTop: 16 }}>
          <Table<Segment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={saved.data?.items ?? []}
            expandable={{
              rowExpandable: (s) => s.refreshCron !== null,
              expandedRowRender: (s) => <SegmentRefreshHistory segmentId={s.id} />,
            }}
            columns={[
              { title: t('seg.name'), dataIndex: 'name' },
              {
                title: t('jobs.refresh.label'),
                key: 'refresh',
                render: (_, s) => <SegmentScheduleCell segment={s} />,
              },
              {
                title: '',
                key: 'export',
                render: (_, s) => (
                  <a href={`/api/segments/${s.id}/export?format=xlsx`} download>
                    {t('seg.export')}
                  </a>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
};
