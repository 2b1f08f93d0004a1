import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { FlowPreview } from './flow-preview.js';
import { readText, toText, type DocFormat, type DocIssue } from './flow-text.js';
import { FlowTestResults } from './flow-test-results.js';
import { opsApi, type Versions } from './ops-api.js';

type Problems = { parse: string | null; issues: DocIssue[] } | null;

/** One unit's draft: the JSON/YAML editor with validation, tests, publish, version history and a test chat. */
export const FlowUnitEditor = ({ unit }: { unit: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ['advOps', 'unit', unit], queryFn: () => opsApi.unit(unit) });
  const versions = useQuery({ queryKey: ['advOps', 'versions', unit], queryFn: () => opsApi.versions(unit) });
  const [format, setFormat] = useState<DocFormat>('json');
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>(null);
  useEffect(() => {
    if (view.data && text === null) setText(toText(view.data.editable, format));
  }, [view.data, text, format]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['advOps'] });
  const onError = (e: unknown) => {
    if (e instanceof ApiError && Array.isArray(e.details.issues))
      setProblems({ parse: null, issues: e.details.issues as DocIssue[] });
    else if (e instanceof ApiError && typeof e.details.field === 'string')
      setProblems({ parse: null, issues: [{ path: e.details.field, message: e.message }] });
    else void message.error(e instanceof Error ? e.message : String(e));
  };
  const save = useMutation({
    mutationFn: (doc: unknown) => opsApi.saveDraft(unit, doc),
    onSuccess: () => {
      setProblems(null);
      void message.success(t('advOps.saved'));
      void refresh();
    },
    onError,
  });
  const tests = useMutation({ mutationFn: () => opsApi.runTests(unit), onError });
  const publish = useMutation({
    mutationFn: () => opsApi.publish(unit),
    onSuccess: (r) => {
      void message.success(t('advOps.published', { version: r.version }));
      setText(null);
      void refresh();
    },
    onError,
  });
  const rollback = useMutation({
    mutationFn: (v: number) => opsApi.rollback(unit, v),
    onSuccess: (r) => {
      void message.success(t('advOps.rolledBack', { version: r.version }));
      setText(null);
      void refresh();
    },
    onError,
  });
  if (view.error || view.isPending) return <QueryState loading={view.isPending} error={view.error} />;
  const current = text ?? '';
  const check = (): unknown => {
    const r = readText(current, format);
    if (!r.ok) {
      setProblems({ parse: r.parse, issues: r.issues });
      return null;
    }
    setProblems(null);
    return r.doc;
  };
  const switchFormat = (f: DocFormat) => {
    const r = readText(current, format);
    if (r.ok) setText(toText(r.doc, f));
    setFormat(f);
  };
  const override = (name: string) => {
    const r = readText(current, format);
    const flow = view.data.effective.find((e) => e.name === name)?.document;
    if (!r.ok || flow === undefined) return;
    const doc = r.doc as { flows: { name: string }[]; tests?: unknown[] };
    const flows = [...doc.flows.filter((f) => f.name !== name), flow];
    setText(toText({ ...doc, flows }, format));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title={`${t('advOps.editor')} · ${unit}`}
        extra={
          <Space wrap>
            <Segmented<DocFormat>
              value={format}
              options={[
                { label: 'JSON', value: 'json' },
                { label: 'YAML', value: 'yaml' },
              ]}
              onChange={switchFormat}
            />
            <Select
              showSearch
              style={{ width: 220 }}
              placeholder={t('advOps.effective')}
              data-testid="flow-override"
              value={null}
              onChange={override}
              options={view.data.effective.map((e) => ({
                value: e.name,
                label: `${e.title} (${e.name}) · ${e.source === 'builtin' ? t('advOps.builtin') : e.source}`,
              }))}
            />
          </Space>
        }
      >
        <Input.TextArea
          data-testid="flow-editor"
          value={current}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 16, maxRows: 32 }}
          spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
        {problems ? (
          <Alert
            data-testid="flow-issues"
            type="error"
            style={{ marginTop: 8 }}
            message={problems.parse === null ? t('advOps.issues') : t('advOps.parseError')}
            description={
              problems.parse ?? (
                <ul style={{ margin: 0 }}>
                  {problems.issues.map((i) => (
                    <li key={`${i.path}:${i.message}`}>
                      <code>{i.path || '(root)'}</code> {i.message}
                    </li>
                  ))}
                </ul>
              )
            }
          />
        ) : null}
        <Space style={{ marginTop: 8 }} wrap>
          <Button
            type="primary"
            data-testid="save-draft"
            loading={save.isPending}
            onClick={() => {
              const doc = check();
              if (doc !== null) save.mutate(doc);
            }}
          >
            {t('advOps.saveDraft')}
          </Button>
          <Button
            data-testid="run-tests"
            loading={tests.isPending}
            disabled={!view.data.draft}
            onClick={() => tests.mutate()}
          >
            {t('advOps.runTests')}
          </Button>
          <Popconfirm title={t('advOps.publishConfirm')} onConfirm={() => publish.mutate()}>
            <Button danger data-testid="publish" disabled={!view.data.draft} loading={publish.isPending}>
              {t('advOps.publish')}
            </Button>
          </Popconfirm>
        </Space>
        {tests.data ? <FlowTestResults run={tests.data} /> : null}
      </Card>
      <FlowPreview unit={unit} />
      <Card size="small" title={t('advOps.history')}>
        <Table<Versions['items'][number]>
          rowKey="version"
          size="small"
          data-testid="version-history"
          loading={versions.isPending}
          dataSource={versions.data?.items ?? []}
          pagination={false}
          columns={[
            { title: 'v', dataIndex: 'version', width: 60 },
            {
              title: t('advOps.action'),
              dataIndex: 'action',
              render: (a: 'publish' | 'rollback', v) => (
                <Tag color={a === 'publish' ? 'green' : 'orange'}>
                  {t(`advOps.actions.${a}`)}
                  {v.source_version === null ? '' : ` ← v${v.source_version}`}
                </Tag>
              ),
            },
            { title: t('advOps.flows'), dataIndex: 'flows', render: (f: string[]) => f.join(', ') },
            { title: t('advOps.by'), dataIndex: 'published_by' },
            {
              title: t('advOps.at'),
              dataIndex: 'published_at',
              render: (s: string) => new Date(s).toLocaleString(),
            },
            {
              title: '',
              render: (_: unknown, v, k) =>
                k === 0 ? null : (
                  <Popconfirm
                    title={t('advOps.rollbackConfirm')}
                    onConfirm={() => rollback.mutate(v.version)}
                  >
                    <Button size="small">{t('advOps.rollback')}</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
};
