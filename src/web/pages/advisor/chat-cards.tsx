import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent, gainColor } from '../../format.js';

/** A card of the advisor's reply (CLI.md "Advisor chat" card types; the fields the engine sends). */
export type ChatCard = { type: string } & Record<string, unknown>;

// ECharts arrives with the first chart, not with the chat page.
const AllocationPie = lazy(async () => ({ default: (await import('./mini-charts.js')).AllocationPie }));
const Bars = lazy(async () => ({ default: (await import('./mini-charts.js')).Bars }));
const Sparkline = lazy(async () => ({ default: (await import('./mini-charts.js')).Sparkline }));

const Chart = ({ children, h }: { children: ReactNode; h: number }) => (
  <Suspense fallback={<div style={{ height: h }} />}>
    <div data-testid="chat-chart">{children}</div>
  </Suspense>
);

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const fen = (v: unknown): string => formatMoney((num(v) / 100).toFixed(2));

const Frame = ({ card, title, children }: { card: ChatCard; title: string; children: ReactNode }) => (
  <div
    data-testid={`chat-card-${card.type}`}
    data-card={card.type}
    style={{
      border: '1px solid #f0f0f0',
      borderRadius: 8,
      padding: 8,
      marginTop: 6,
      background: '#fff',
      minWidth: 0,
    }}
  >
    <Typography.Text strong style={{ fontSize: 13 }}>
      {title}
    </Typography.Text>
    <div style={{ marginTop: 4 }}>{children}</div>
  </div>
);

/** The last ~60 adjusted NAVs of a product (the product analytics route any signed-in user may read). */
const NavSpark = ({ code }: { code: string }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['chat-nav', code],
    queryFn: () => apiFetch<{ chart: { nav: (number | null)[] } }>(`/api/products/${code}/analytics`),
    retry: false,
    staleTime: 600_000,
  });
  const navs = (q.data?.chart.nav ?? []).filter((x): x is number => x !== null).slice(-60);
  if (q.isPending) return <Skeleton.Input active size="small" />;
  if (navs.length < 2) return null;
  return (
    <div data-testid="chat-nav-sparkline">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('advisorChat.cards.nav')}
      </Typography.Text>
      <Chart h={56}>
        <Sparkline values={navs} />
      </Chart>
    </div>
  );
};

type Pick = { product_code: string; name: string; weight: number; risk_level: string; amount_yuan?: number };

const Allocation = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const picks = (card.picks as Pick[] | undefined) ?? [];
  return (
    <Frame card={card} title={t('advisorChat.cards.allocation')}>
      <div
        data-testid="chat-allocation"
        data-levels={picks.map((p) => p.risk_level).join(',')}
        data-effective-level={str(card.effective_level)}
      >
        <Chart h={150}>
          <AllocationPie picks={picks} />
        </Chart>
        {picks.map((p) => (
          <div
            key={p.product_code}
            data-testid="chat-allocation-pick"
            style={{ display: 'flex', justifyContent: 'space-between', gap: 6, fontSize: 13 }}
          >
            <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {p.name} <RiskTag level={p.risk_level} />
            </span>
            <span style={{ whiteSpace: 'nowrap' }}>{Math.round(p.weight * 1000) / 10}%</span>
          </div>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('advisorChat.cards.effectiveLevel', { level: str(card.effective_level) })}
          {card.expected_return === null || card.expected_return === undefined
            ? ''
            : ` · ${t('advisorChat.cards.expected', { value: formatPercent(num(card.expected_return)) })}`}
        </Typography.Text>
      </div>
    </Frame>
  );
};

const SEVERITIES = ['high', 'medium', 'low', 'info'];

const Checkup = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const findings = (card.findings as { code: string; severity: string; message: string }[] | undefined) ?? [];
  const sev = SEVERITIES.filter((s) => findings.some((f) => f.severity === s));
  return (
    <Frame card={card} title={t('advisorChat.cards.checkup')}>
      <div data-testid="chat-checkup-score" data-score={num(card.score)}>
        <Chart h={90}>
          <Bars
            labels={[t('advisorChat.cards.score'), ...sev.map((s) => t(`advisorChat.cards.severity.${s}`))]}
            values={[num(card.score), ...sev.map((s) => findings.filter((f) => f.severity === s).length)]}
          />
        </Chart>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('advisorChat.cards.findings', { count: findings.length })}
      </Typography.Text>
      {findings.slice(0, 4).map((f) => (
        <div key={f.code} data-testid="chat-checkup-finding" style={{ fontSize: 13 }}>
          <Tag color={f.severity === 'high' ? 'red' : f.severity === 'medium' ? 'orange' : 'default'}>
            {t(`advisorChat.cards.severity.${f.severity}`, { defaultValue: f.severity })}
          </Tag>
          {f.message}
        </div>
      ))}
    </Frame>
  );
};

const Attribution = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const win = card.window as { start: string; end: string } | undefined;
  return (
    <Frame card={card} title={t('advisorChat.cards.attribution')}>
      <div data-testid="chat-attribution" data-product={String(card.product_code)} style={{ fontSize: 13 }}>
        {String(card.product_code)} <RiskTag level={String(card.risk_level)} />
        {card.held === true && <Tag>{t('advisorChat.cards.holding')}</Tag>}
        <Chart h={140}>
          <Bars
            percent
            labels={['market', 'style', 'specific', 'total'].map((k) => t(`advisorChat.cards.${k}`))}
            values={[num(card.market), num(card.style), num(card.specific), num(card.total)]}
          />
        </Chart>
        {win && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('advisorChat.cards.window', win)}
          </Typography.Text>
        )}
        <NavSpark code={String(card.product_code)} />
      </div>
    </Frame>
  );
};

const Statement = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('advisorChat.cards.twr'), card.twr === null ? '—' : formatPercent(num(card.twr))],
    [t('advisorChat.cards.irr'), card.irr === null ? '—' : formatPercent(num(card.irr))],
    [
      t('advisorChat.cards.pnl'),
      <span style={{ color: gainColor(num(card.pnl_fen)) }}>{fen(card.pnl_fen)}</span>,
    ],
  ];
  return (
    <Frame card={card} title={t('advisorChat.cards.statement')}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
          <span>{k}</span>
          <span>{v}</span>
        </div>
      ))}
    </Frame>
  );
};

const Product = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const facts = (card.facts as Record<string, string | number | null> | undefined) ?? {};
  return (
    <Frame card={card} title={t('advisorChat.cards.product')}>
      <div style={{ fontSize: 13 }}>
        {String(card.name)} {String(card.product_code)} <RiskTag level={String(card.risk_level)} />
      </div>
      {Object.entries(facts)
        .slice(0, 4)
        .map(([k, v]) => (
          <div key={k} style={{ fontSize: 12, color: '#595959' }}>
            {k}: {v ?? '—'}
          </div>
        ))}
      <NavSpark code={String(card.product_code)} />
    </Frame>
  );
};

const Comparison = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  const products = (card.products as { product_code: string; name: string; risk_level: string }[]) ?? [];
  const rows = (card.rows as { metric: string; values: (number | null)[] }[]) ?? [];
  return (
    <Frame card={card} title={t('advisorChat.cards.comparison')}>
      <div style={{ overflowX: 'auto', fontSize: 12 }}>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th />
              {products.map((p) => (
                <th key={p.product_code} style={{ textAlign: 'right', fontWeight: 500 }}>
                  {p.product_code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.metric}>
                <td>{r.metric}</td>
                {r.values.map((v, i) => (
                  <td key={i} style={{ textAlign: 'right' }}>
                    {v === null ? '—' : Math.abs(v) < 5 ? formatPercent(v) : v.toFixed(2)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Frame>
  );
};

/** One card of a reply; quick replies are drawn as buttons by the page, not here. */
export const ChatCardView = ({ card }: { card: ChatCard }) => {
  const { t } = useTranslation();
  switch (card.type) {
    case 'allocation':
      return <Allocation card={card} />;
    case 'checkup':
      return <Checkup card={card} />;
    case 'attribution':
      return <Attribution card={card} />;
    case 'statement':
      return <Statement card={card} />;
    case 'product':
      return <Product card={card} />;
    case 'comparison':
      return <Comparison card={card} />;
    case 'kb_answer':
      return (
        <Frame card={card} title={t('advisorChat.cards.kb_answer')}>
          <Typography.Text style={{ fontSize: 13 }}>{String(card.question)}</Typography.Text>
        </Frame>
      );
    case 'questionnaire':
      return (
        <Frame
          card={card}
          title={`${t('advisorChat.cards.questionnaire')} ${String(card.index)}/${String(card.total)}`}
        >
          <Typography.Text style={{ fontSize: 13 }}>{str(card.text)}</Typography.Text>
        </Frame>
      );
    case 'handoff':
      return (
        <div data-testid="chat-card-handoff" data-status={String(card.status)} style={{ marginTop: 6 }}>
          <Tag color="orange">{t('advisorChat.handoff')}</Tag>
        </div>
      );
    default:
      return null;
  }
};
