import { Alert, Badge, Button, Input, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';
import { ChatCardView, type ChatCard } from './chat-cards.js';
import { streamTurn, type TurnInput } from './chat-stream.js';

type Role = 'customer' | 'advisor' | 'rm' | 'system';
type Line = { key: string; role: Role; text: string; cards: ChatCard[]; streaming?: boolean };
type Handoff = { id: string; status: string } | null;
type SessionView = {
  handoff: Handoff;
  messages: { seq: number; role: string; text: string; cards: ChatCard[] }[];
};
type InboxItem = {
  id: string;
  kind: string;
  text: string;
  text_en: string;
  quick_replies: { label: string; label_en: string; value: string }[];
  read: boolean;
};

/** A stored tap is `[reply] value`: show the value. */
const shown = (role: string, text: string): string =>
  role === 'customer' ? text.replace(/^\[(reply|answer|resume|cancel|handoff)\] /, '') : text;

const toLine = (m: SessionView['messages'][number]): Line => ({
  key: `s${m.seq}`,
  role: (['customer', 'advisor', 'rm', 'system'].includes(m.role) ? m.role : 'system') as Role,
  text: shown(m.role, m.text),
  cards: m.cards,
});

const BUBBLE: Record<Role, { bg: string; align: 'flex-end' | 'flex-start' | 'center' }> = {
  customer: { bg: '#fde7dc', align: 'flex-end' },
  advisor: { bg: '#fff', align: 'flex-start' },
  rm: { bg: '#e6f4ff', align: 'flex-start' },
  system: { bg: 'transparent', align: 'center' },
};

const storeKey = (customerId: number | null | undefined) => `caiban.chat.${String(customerId ?? '')}`;

/**
 * The customer's chat with the AI advisor, phone first (390 px): replies stream in over SSE, cards carry small
 * charts (ECharts loaded with the first chart), quick replies are one tap, a hand-off shows its status and the
 * RM's messages arrive in the same thread (polled while the hand-off is open), and the proactive inbox (alerts)
 * sits on top with its one-tap follow-ups. The session survives a reload (sessionStorage).
 */
export const AdvisorChatPage = ({ embedded = false }: { embedded?: boolean }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { user } = useAuth();
  const isCustomer = user?.role === 'customer';
  const [session, setSession] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [handoff, setHandoff] = useState<Handoff>(null);
  const [inbox, setInbox] = useState<InboxItem[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const lastSeq = useRef(0);
  const end = useRef<HTMLDivElement>(null);

  /** Brings in what the server has beyond what is shown: the RM's and system messages, the hand-off state. */
  const sync = useCallback(async (id: string, all: boolean) => {
    const v = await apiFetch<SessionView>(`/api/advisor/sessions/${id}`);
    const fresh = v.messages.filter(
      (m) => m.seq > lastSeq.current && (all || m.role === 'rm' || m.role === 'system'),
    );
    lastSeq.current = Math.max(lastSeq.current, ...v.messages.map((m) => m.seq));
    if (fresh.length > 0) setLines((l) => [...l, ...fresh.map(toLine)]);
    setHandoff(v.handoff);
  }, []);

  useEffect(() => {
    if (!isCustomer || session !== null) return;
    const key = storeKey(user?.customerId);
    const saved = sessionStorage.getItem(key);
    const start = async () => {
      if (saved !== null) {
        try {
          await sync(saved, true);
          setSession(saved);
          return;
        } catch {
          sessionStorage.removeItem(key);
        }
      }
      const s = await apiFetch<{ id: string }>('/api/advisor/sessions', { method: 'POST', body: {} });
      sessionStorage.setItem(key, s.id);
      setSession(s.id);
    };
    void start().catch(() => setFailed(true));
  }, [isCustomer, session, sync, user?.customerId]);

  useEffect(() => {
    if (!isCustomer) return;
    void apiFetch<{ items: InboxItem[] }>('/api/advisor/inbox')
      .then((r) => setInbox(r.items.slice(0, 5)))
      .catch(() => setInbox([]));
  }, [isCustomer]);

  // While a hand-off is open or active, the RM's messages are polled (every 3 s).
  const live = handoff !== null && handoff.status !== 'closed';
  useEffect(() => {
    if (!live || session === null) return undefined;
    const timer = setInterval(() => void sync(session, false).catch(() => undefined), 3000);
    return () => clearInterval(timer);
  }, [live, session, sync]);

  // Braces: recent Chromium's scrollIntoView returns a Promise, which React would take for a cleanup.
  useEffect(() => {
    void end.current?.scrollIntoView?.({ block: 'end' });
  }, [lines]);

  const submit = async (input: TurnInput, label: string) => {
    if (session === null || busy) return;
    setFailed(false);
    setBusy(true);
    const k = `l${Date.now()}`;
    setLines((l) => [
      ...l,
      { key: `${k}c`, role: 'customer', text: label, cards: [] },
      { key: `${k}a`, role: 'advisor', text: '', cards: [], streaming: true },
    ]);
    const patch = (f: (x: Line) => Line) => setLines((l) => l.map((x) => (x.key === `${k}a` ? f(x) : x)));
    try {
      const r = await streamTurn(session, input, (d) => patch((x) => ({ ...x, text: x.text + d })));
      patch((x) => ({ ...x, text: r.reply.text, cards: r.reply.cards, streaming: false }));
      if (r.handoff !== null) setHandoff(r.handoff);
      await sync(session, false).catch(() => undefined);
    } catch {
      setLines((l) => l.filter((x) => x.key !== `${k}a`));
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const tapInbox = (item: InboxItem, q: InboxItem['quick_replies'][number]) => {
    if (!item.read) {
      setInbox((xs) => xs.map((x) => (x.id === item.id ? { ...x, read: true } : x)));
      void apiFetch(`/api/advisor/inbox/${encodeURIComponent(item.id)}/read`, {
        method: 'POST',
        body: {},
      }).catch(() => undefined);
    }
    void submit({ action: { type: 'reply', value: q.value } }, en ? q.label_en : q.label);
  };

  if (!isCustomer) return <Alert type="info" message={t('advisorChat.customerOnly')} />;
  const last = [...lines].reverse().find((l) => l.role === 'advisor' && !l.streaming);
  const taps = (last === lines[lines.length - 1] ? (last?.cards ?? []) : []).flatMap((c) =>
    c.type === 'quick_replies' || c.type === 'questionnaire'
      ? (c.options as { label: string; value: string }[]).map((o) => ({
          ...o,
          kind: c.type === 'questionnaire' ? 'answer' : 'reply',
        }))
      : [],
  );
  const unread = inbox.filter((i) => !i.read).length;
  const send = () => {
    if (text.trim() === '') return;
    void submit({ text }, text);
    setText('');
  };

  return (
    <div
      data-testid="advisor-chat"
      data-session={session ?? ''}
      data-busy={busy ? '1' : '0'}
      style={{
        maxWidth: 480,
        margin: '0 auto',
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
        minWidth: 0,
        minHeight: embedded ? '100vh' : undefined,
        padding: embedded ? 8 : 0,
        boxSizing: 'border-box',
      }}
    >
      {embedded && (
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('advisorChat.title')}
        </Typography.Title>
      )}
      {inbox.length > 0 && (
        <div data-testid="chat-inbox" style={{ background: '#fffbe6', borderRadius: 8, padding: 8 }}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {t('advisorChat.inbox')}{' '}
            <Badge count={unread} size="small" title={t('advisorChat.unread', { count: unread })} />
          </Typography.Text>
          {inbox.map((item) => (
            <div
              key={item.id}
              data-testid="chat-inbox-item"
              data-read={item.read ? '1' : '0'}
              data-kind={item.kind}
              style={{ marginTop: 6, opacity: item.read ? 0.7 : 1, fontSize: 13 }}
            >
              {!item.read && <Badge status="processing" />} {en ? item.text_en : item.text}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 4 }}>
                {item.quick_replies.map((q) => (
                  <Button
                    key={q.value}
                    size="small"
                    data-testid="chat-inbox-reply"
                    style={{ minHeight: 32 }}
                    disabled={busy || session === null}
                    onClick={() => tapInbox(item, q)}
                  >
                    {en ? q.label_en : q.label}
                  </Button>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
      {lines.map((l) => (
        <div
          key={l.key}
          data-testid={`chat-msg-${l.role}`}
          data-streaming={l.streaming ? '1' : '0'}
          style={{
            alignSelf: BUBBLE[l.role].align,
            maxWidth: l.role === 'customer' ? '85%' : '100%',
            minWidth: 0,
          }}
        >
          {l.role === 'rm' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('advisorChat.rm')}
            </Typography.Text>
          )}
          <div
            style={{
              background: BUBBLE[l.role].bg,
              borderRadius: 10,
              padding: l.role === 'system' ? 0 : '8px 10px',
              fontSize: l.role === 'system' ? 12 : 14,
              color: l.role === 'system' ? '#8c8c8c' : undefined,
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              boxShadow: l.role === 'advisor' ? '0 1px 2px rgba(0,0,0,0.06)' : undefined,
            }}
          >
            <span data-testid="chat-msg-text">
              {l.text === '' && l.streaming ? t('advisorChat.typing') : l.text}
            </span>
            {l.cards
              .filter((c) => c.type !== 'quick_replies')
              .map((c, j) => (
                <ChatCardView key={j} card={c} />
              ))}
          </div>
        </div>
      ))}
      {failed && <Alert type="error" message={t('advisorChat.failed')} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {taps.map((o) => (
          <Button
            key={`${o.kind}${o.value}`}
            data-testid="chat-quick-reply"
            style={{ minHeight: 36 }}
            disabled={busy}
            onClick={() => void submit({ action: { type: o.kind, value: o.value } }, o.label)}
          >
            {o.label}
          </Button>
        ))}
      </div>
      {handoff !== null && (
        <div data-testid="chat-handoff-status" data-status={handoff.status}>
          <Tag color={handoff.status === 'closed' ? 'default' : 'orange'} style={{ whiteSpace: 'normal' }}>
            {t(`advisorChat.handoffStatus.${handoff.status}`, { defaultValue: handoff.status })}
          </Tag>
        </div>
      )}
      <div
        style={{
          display: 'flex',
          gap: 6,
          position: 'sticky',
          bottom: embedded ? 0 : 64,
          background: '#f5f5f5',
          paddingTop: 4,
          paddingBottom: 4,
        }}
      >
        <Input
          data-testid="chat-input"
          value={text}
          maxLength={2000}
          placeholder={t('advisorChat.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={send}
          style={{ minHeight: 44, minWidth: 0 }}
        />
        <Button
          type="primary"
          data-testid="chat-send"
          loading={busy}
          disabled={session === null || text.trim() === ''}
          onClick={send}
          style={{ minHeight: 44 }}
        >
          {t('advisorChat.send')}
        </Button>
      </div>
      <div ref={end} />
    </div>
  );
};
