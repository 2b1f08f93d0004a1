import { useMutation } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { opsApi } from './ops-api.js';

type Line = { who: 'customer' | 'advisor'; text: string; meta?: string };

const CUSTOMERS = ['c1', 'c2', 'c3', 'c4', 'c5', 'expired'];

/** Test chat against the draft on a fixture customer: the dialogue state stays in this component. */
export const FlowPreview = ({ unit }: { unit: string }) => {
  const { t } = useTranslation();
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<Record<string, unknown> | null>(null);
  const [input, setInput] = useState('');
  const [customer, setCustomer] = useState('c3');
  const send = useMutation({
    mutationFn: (text: string) => opsApi.preview(unit, { text, state, customer }),
    onSuccess: (r, text) => {
      setState(r.state);
      setLines((l) => [
        ...l,
        { who: 'customer', text },
        {
          who: 'advisor',
          text: r.reply.text,
          meta: `${r.intent} ${r.confidence.toFixed(2)}${r.flow ? ` · ${r.flow.name}/${r.flow.step}` : ''} · ${r.reply.cards.map((c) => String(c.type)).join(', ')}`,
        },
      ]);
    },
  });
  const submit = () => {
    if (input.trim() === '') return;
    send.mutate(input.trim());
    setInput('');
  };
  return (
    <Card
      size="small"
      title={t('advOps.preview')}
      extra={
        <Space>
          <span>{t('advOps.previewCustomer')}</span>
          <Select
            value={customer}
            onChange={setCustomer}
            options={CUSTOMERS.map((c) => ({ value: c, label: c }))}
          />
          <Button
            onClick={() => {
              setLines([]);
              setState(null);
            }}
          >
            {t('advOps.reset')}
          </Button>
        </Space>
      }
    >
      <div data-testid="preview-log" style={{ maxHeight: 280, overflowY: 'auto', marginBottom: 8 }}>
        {lines.map((l, k) => (
          <div key={k} style={{ textAlign: l.who === 'customer' ? 'right' : 'left', margin: '4px 0' }}>
            <Tag color={l.who === 'customer' ? 'blue' : 'green'}>{l.text}</Tag>
            {l.meta ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {l.meta}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="preview-input"
          value={input}
          placeholder={t('advOps.placeholder')}
          onChange={(e) => setInput(e.target.value)}
          onPressEnter={submit}
        />
        <Button type="primary" data-testid="preview-send" loading={send.isPending} onClick={submit}>
          {t('advOps.send')}
        </Button>
      </Space.Compact>
      {send.error ? <Typography.Text type="danger">{send.error.message}</Typography.Text> : null}
    </Card>
  );
};
