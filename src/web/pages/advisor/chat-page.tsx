import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';

type ChatCard = { type: string } & Record<string, unknown>;
type Reply = {
  reply: { text: string; cards: ChatCard[] };
  handoff: { id: string; status: string } | null;
};
type Line = { role: 'customer' | 'advisor'; text: string; cards: ChatCard[] };
type Input_ = { text: string } | { action: { type: string; value: string } };

/** The fields of a card worth one line on a phone (the contract's fields). */
const cardLine = (c: ChatCard): string => {
  switch (c.type) {
    case 'product':
      return `${String(c.name)} ${String(c.product_code)} · ${String(c.risk_level)}`;
    case 'allocation':
      return (c.picks as { name: string; weight: number }[])
        .map((p) => `${p.name} ${Math.round(p.weight * 100)}%`)
        .join(' / ');
    case 'checkup':
      return `${String(c.score)} / 100`;
    case 'comparison':
      return (c.product_codes as string[]).join(' vs ');
    case 'statement':
      return `TWR ${c.twr === null ? '—' : `${(Number(c.twr) * 100).toFixed(2)}%`}`;
    case 'attribution':
      return `${String(c.product_code)}: ${(Number(c.market) * 100).toFixed(2)}% / ${(Number(c.specific) * 100).toFixed(2)}%`;
    case 'kb_answer':
      return String(c.question);
    case 'questionnaire':
      return `${String(c.index)}/${String(c.total)}`;
    case 'handoff':
      return String(c.status);
    default:
      return '';
  }
};

/** A minimal mobile chat with the AI advisor (390 px first): messages, cards, quick replies, questionnaire taps. */
export const AdvisorChatPage = () => {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [session, setSession] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const isCustomer = user?.role === 'customer';

  useEffect(() => {
    if (!isCustomer || session !== null) return;
    void apiFetch<{ id: string }>('/api/advisor/sessions', { method: 'POST', body: {} }).then((s) =>
      setSession(s.id),
    );
  }, [isCustomer, session]);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [lines]);

  const send = useMutation({
    mutationFn: (input: Input_) =>
      apiFetch<Reply>(`/api/advisor/sessions/${session ?? ''}/messages`, { method: 'POST', body: input }),
    onSuccess: (r) => setLines((l) => [...l, { role: 'advisor', text: r.reply.text, cards: r.reply.cards }]),
  });
  const submit = (input: Input_, shown: string) => {
    setLines((l) => [...l, { role: 'customer', text: shown, cards: [] }]);
    send.mutate(input);
  };

  if (!isCustomer) return <Alert type="info" message={t('advisorChat.customerOnly')} />;
  const last = lines[lines.length - 1];
  const taps = (last?.cards ?? []).flatMap((c) =>
    c.type === 'quick_replies' || c.type === 'questionnaire'
      ? (c.options as { label: string; value: string }[]).map((o) => ({
          ...o,
          kind: c.type === 'questionnaire' ? 'answer' : 'reply',
        }))
      : [],
  );
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Typography.Title level={4}>{t('advisorChat.title')}</Typography.Title>
      {lines.map((l, k) => (
        <div
          key={k}
          style={{ alignSelf: l.role === 'customer' ? 'flex-end' : 'flex-start', maxWidth: '88%' }}
        >
          <Card size="small" style={{ background: l.role === 'customer' ? '#e6f4ff' : undefined }}>
            <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
              {l.text}
            </Typography.Paragraph>
            {l.cards
              .filter((c) => c.type !== 'quick_replies')
              .map((c, j) => (
                <div key={j}>
                  <Tag color={c.type === 'handoff' ? 'orange' : 'blue'}>
                    {c.type === 'handoff' ? t('advisorChat.handoff') : c.type}
                  </Tag>
                  <Typography.Text type="secondary">{cardLine(c)}</Typography.Text>
                </div>
              ))}
          </Card>
        </div>
      ))}
      {send.isError && <Alert type="error" message={t('advisorChat.failed')} />}
      <Space wrap>
        {taps.map((o) => (
          <Button
            key={o.value}
            size="small"
            onClick={() => submit({ action: { type: o.kind, value: o.value } }, o.label)}
          >
            {o.label}
          </Button>
        ))}
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          maxLength={2000}
          placeholder={t('advisorChat.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => {
            if (text.trim() === '' || session === null) return;
            submit({ text }, text);
            setText('');
          }}
        />
        <Button
          type="primary"
          loading={send.isPending}
          disabled={session === null || text.trim() === ''}
          onClick={() => {
            submit({ text }, text);
            setText('');
          }}
        >
          {t('advisorChat.send')}
        </Button>
      </Space.Compact>
      <div ref={end} />
    </div>
  );
};
