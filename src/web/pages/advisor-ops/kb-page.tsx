import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch, ApiError } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';

type KbItem = { id: string; question: string; similar: string[]; answer: string; category: string };
type SheetError = { row: number; column: string; message: string };

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** The advisor's knowledge base: edit an item, export to .xlsx, import an edited .xlsx (all rows or none). */
export const KbPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const kb = useQuery({
    queryKey: ['advOps', 'kb'],
    queryFn: () => apiFetch<{ version: number; items: KbItem[] }>('/api/ops/advisor/kb'),
  });
  const [editing, setEditing] = useState<KbItem | null>(null);
  const [errors, setErrors] = useState<SheetError[] | null>(null);
  const [form] = Form.useForm<KbItem & { similarText: string }>();
  const done = (r: { version: number }) => {
    void message.success(t('advOps.kbSaved', { version: r.version }));
    void qc.invalidateQueries({ queryKey: ['advOps', 'kb'] });
  };
  const save = useMutation({
    mutationFn: (v: KbItem & { similarText: string }) =>
      apiFetch<{ version: number }>(`/api/ops/advisor/kb/items/${encodeURIComponent(v.id)}`, {
        method: 'PUT',
        body: {
          question: v.question,
          answer: v.answer,
          category: v.category || 'general',
          similar: (v.similarText ?? '')
            .split('|')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        },
      }),
    onSuccess: (r) => {
      setEditing(null);
      done(r);
    },
    onError: (e) => void message.error(e.message),
  });
  const upload = useMutation({
    mutationFn: async (file: File) =>
      apiFetch<{ version: number }>('/api/ops/advisor/kb/import', {
        method: 'POST',
        body: { file: await toBase64(file) },
      }),
    onSuccess: (r) => {
      setErrors(null);
      done(r);
    },
    onError: (e) =>
      e instanceof ApiError && Array.isArray(e.details.errors)
        ? setErrors(e.details.errors as SheetError[])
        : setErrors([{ row: 0, column: 'file', message: e.message }]),
  });
  const open = (item: KbItem | null) => {
    const it = item ?? { id: '', question: '', similar: [], answer: '', category: 'general' };
    form.setFieldsValue({ ...it, similarText: it.similar.join('|') });
    setEditing(it);
  };
  return (
    <Card
      size="small"
      title={`${t('advOps.kb')} · v${kb.data?.version ?? '…'}`}
      extra={
        <Space>
          <Button onClick={() => open(null)}>{t('advOps.kbNew')}</Button>
          <Button href="/api/ops/advisor/kb/export" data-testid="kb-export">
            {t('advOps.kbExport')}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              upload.mutate(f);
              return false;
            }}
          >
            <Button type="primary" loading={upload.isPending} data-testid="kb-import">
              {t('advOps.kbImport')}
            </Button>
          </Upload>
        </Space>
      }
    >
      {errors ? (
        <Alert
          type="error"
          data-testid="kb-errors"
          style={{ marginBottom: 8 }}
          message={t('advOps.kbRejected')}
          description={
            <ul style={{ margin: 0 }}>
              {errors.map((e) => (
                <li key={`${e.row}:${e.column}`}>
                  {t('advOps.kbCell', { row: e.row, column: e.column })} {e.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {kb.error ? (
        <QueryState loading={false} error={kb.error} />
      ) : (
        <Table<KbItem>
          rowKey="id"
          size="small"
          loading={kb.isPending}
          dataSource={kb.data?.items ?? []}
          pagination={{ pageSize: 15, size: 'small' }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: 'id', dataIndex: 'id', width: 90 },
            { title: t('advOps.kbQuestion'), dataIndex: 'question', width: 220 },
            { title: t('advOps.kbAnswer'), dataIndex: 'answer', ellipsis: true },
            { title: t('advOps.kbCategory'), dataIndex: 'category', width: 120 },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing?.id || t('advOps.kbNew')}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        width={720}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="id" label="id" rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ }]}>
            <Input disabled={editing !== null && editing.id !== ''} />
          </Form.Item>
          <Form.Item name="question" label={t('advOps.kbQuestion')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="similarText" label={t('advOps.kbSimilar')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="answer" label={t('advOps.kbAnswer')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.Item name="category" label={t('advOps.kbCategory')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
