import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, apiFetch } from '../../api/client.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatDateTime } from '../../format.js';

type Summary = {
  reason?: string;
  intent?: string;
  slots?: Record<string, unknown>;
  flow?: string | null;
  last_turns?: { role: string; text: string }[];
  customer?: { id: number; level: string; assessed_at: string | null; tags: string[] };
};
type Handoff = {
  id: string;
  session_id: string;
  customer_id: number;
  reason: string;
  status: string;
  summary: Summary;
  created_at: string;
};
type Conversation = {
  handoff: { id: string; status: string } | null;
  messages: { seq: number; role: string; text: string; at: string }[];
};
type Finding = {
  kind: string;
  blocking: boolean;
  match?: string;
  message?: { zh: string; en: string };
  messages?: { zh: string; en: string }[];
  suggestion?: { zh: string; en: string };
};

const REFRESH_MS = 4000;

/** The guard's blocking findings of a refused RM text (400 with details.findings), in the UI language. */
const refusal = (e: unknown, en: boolean): string[] | null => {
  if (!(e instanceof ApiError) || e.status !== 400 || !Array.isArray(e.details.findings)) return null;
  return (e.details.findings as Finding[])
    .filter((f) => f.blocking)
    .map((f) => {
      const m = f.message ?? f.messages?.[0];
      const text = m === undefined ? f.kind : en ? m.en : m.zh;
      const hint = f.suggestion === undefined ? '' : ` — ${en ? f.suggestion.en : f.suggestion.zh}`;
      return `${f.match === undefined ? '' : `「${f.match}」 `}${text}${hint}`;
    });
};

const SummaryCard = ({ h }: { h: Handoff }) => {
  const { t } = useTranslation();
  const s = h.summary;
  const slots = Object.entries(s.slots ?? {});
  return (
    <Card size="small" title={t('handoffs.summary')} data-testid="handoff-summary">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">{t('handoffs.customer')}: </Typography.Text>
          <Link to={`/workbench/customers/${h.customer_id}`} data-testid="handoff-customer">
            {h.customer_id} · {t('handoffs.openCustomer')}
          </Link>{' '}
          {s.customer?.level !== undefined && <RiskTag level={s.customer.level} />}
          {s.customer?.assessed_at && (
            <Typography.Text type="secondary">
              {t('handoffs.assessedAt')} {s.customer.assessed_at}
            </Typography.Text>
          )}
        </div>
        <div data-testid="handoff-intent" data-intent={s.intent ?? ''}>
          <Typography.Text type="secondary">{t('handoffs.intent')}: </Typography.Text>
          {s.intent ?? '—'}
          {s.flow ? ` · ${t('handoffs.flow')}: ${s.flow}` : ''}
        </div>
        {slots.length > 0 && (
          <div data-testid="handoff-slots">
            <Typography.Text type="secondary">{t('handoffs.slots')}: </Typography.Text>
            {slots.map(([k, v]) => (
              <Tag key={k}>
                {k}: {String(v)}
              </Tag>
            ))}
          </div>
        )}
        {(s.customer?.tags ?? []).length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('handoffs.tags')}: </Typography.Text>
            {s.customer?.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </div>
        )}
        <div data-testid="handoff-last-turns">
          <Typography.Text type="secondary">{t('handoffs.lastTurns')}:</Typography.Text>
          {(s.last_turns ?? []).map((x, i) => (
            <div key={i} style={{ fontSize: 13 }}>
              <b>{t(`handoffs.roles.${x.role}`, { defaultValue: x.role })}</b>: {x.text}
            </div>
          ))}
        </div>
      </Space>
    </Card>
  );
};

const Thread = ({ h }: { h: Handoff }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const convo = useQuery({
    queryKey: ['handoff-convo', h.id],
    queryFn: () => apiFetch<Conversation>(`/api/workbench/handoffs/${h.id}/messages`),
    refetchInterval: REFRESH_MS,
  });
  const reply = useMutation({
    mutationFn: (body: string) =>
      apiFetch(`/api/workbench/handoffs/${h.id}/messages`, { method: 'POST', body: { text: body } }),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: ['handoff-convo', h.id] });
      void qc.invalidateQueries({ queryKey: ['handoffs'] });
    },
  });
  const close = useMutation({
    mutationFn: () => apiFetch(`/api/workbench/handoffs/${h.id}/close`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['handoffs'] }),
  });
  const refused = refusal(reply.error, en);
  return (
    <Card
      size="small"
      title={t('handoffs.conversation')}
      extra={
        <Button danger data-testid="handoff-close" loading={close.isPending} onClick={() => close.mutate()}>
          {t('handoffs.close')}
        </Button>
      }
    >
      <div data-testid="handoff-thread" style={{ maxHeight: 420, overflowY: 'auto', marginBottom: 8 }}>
        {(convo.data?.messages ?? []).map((m) => (
          <div key={m.seq} data-testid={`handoff-msg-${m.role}`} style={{ padding: '4px 0', fontSize: 13 }}>
            <Typography.Text type="secondary">
              {t(`handoffs.roles.${m.role}`, { defaultValue: m.role })} · {formatDateTime(m.at)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
          </div>
        ))}
      </div>
      {refused !== null && (
        <Alert
          type="error"
          data-testid="handoff-refused"
          message={t('handoffs.refused')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {refused.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {reply.error !== null && refused === null && (
        <Alert type="error" message={t('handoffs.failed')} style={{ marginBottom: 8 }} />
      )}
      <Input.TextArea
        data-testid="handoff-reply"
        value={text}
        maxLength={2000}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('handoffs.replyPlaceholder')}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        type="primary"
        data-testid="handoff-send"
        style={{ marginTop: 8 }}
        loading={reply.isPending}
        disabled={text.trim() === ''}
        onClick={() => reply.mutate(text)}
      >
        {t('handoffs.send')}
      </Button>
    </Card>
  );
};

/**
 * The RM's live hand-offs: the list (polled), and for the chosen one the advisor's summary (reason, intent,
 * collected slots, last turns, customer snapshot), the whole conversation, a reply box (the server passes the
 * text through the outbound guard; a refusal shows the guard's findings) and closing (the advisor resumes).
 */
export const HandoffsPage = () => {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['handoffs'],
    queryFn: () => apiFetch<Handoff[]>('/api/workbench/handoffs'),
    refetchInterval: REFRESH_MS,
  });
  const items = list.data ?? [];
  const current = items.find((h) => h.id === picked) ?? null;
  return (
    <div data-testid="handoffs-page">
      <Typography.Title level={4}>{t('handoffs.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" loading={list.isPending}>
            {items.length === 0 ? (
              <Empty description={t('handoffs.empty')} />
            ) : (
              <List
                dataSource={items}
                renderItem={(h) => (
                  <List.Item
                    data-testid="handoff-item"
                    data-id={h.id}
                    data-customer={h.customer_id}
                    onClick={() => setPicked(h.id)}
                    style={{
                      cursor: 'pointer',
                      background: h.id === picked ? '#fff7e6' : undefined,
                      paddingInline: 8,
                    }}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <span>{h.customer_id}</span>
                          <Tag color={h.status === 'open' ? 'red' : 'blue'}>
                            {t(`handoffs.status.${h.status}`, { defaultValue: h.status })}
                          </Tag>
                        </Space>
                      }
                      description={`${t(`handoffs.reason.${h.reason}`, { defaultValue: h.reason })} · ${formatDateTime(h.created_at)}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {current === null ? (
            <Empty description={t('handoffs.pick')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <SummaryCard h={current} />
              <Thread key={current.id} h={current} />
            </Space>
          )}
        </Col>
      </Row>
    </div>
  );
};
