import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatMoney, gainColor, signOf } from '../../format.js';

/**
 * A money figure from an API answer. `src` names where it came from (`<source>:<path>`, e.g.
 * `statement:monthly.2.pnl`) so the browser test can check every figure on screen against the API response.
 */
export const Money = ({ value, src, signed = false }: { value: string; src: string; signed?: boolean }) => (
  <span data-money={src} style={signed ? { color: gainColor(signOf(value)) } : undefined}>
    {formatMoney(value)}
  </span>
);

/** A labelled figure in a two-column grid. */
export const Figure = ({
  label,
  children,
  small = false,
}: {
  label: string;
  children: ReactNode;
  small?: boolean;
}) => (
  <div style={{ minWidth: 0 }}>
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {label}
    </Typography.Text>
    <div style={{ fontSize: small ? 14 : 18, fontWeight: 600, overflowWrap: 'anywhere' }}>{children}</div>
  </div>
);

export const FigureGrid = ({ children }: { children: ReactNode }) => (
  <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 12 }}>{children}</div>
);

/** A card of the app with small padding for a phone screen. */
export const Section = ({
  title,
  children,
  testId,
  extra,
}: {
  title?: ReactNode;
  children: ReactNode;
  testId?: string;
  extra?: ReactNode;
}) => (
  <Card
    size="small"
    title={title}
    extra={extra}
    style={{ marginBottom: 12 }}
    styles={{ body: { padding: 12 } }}
    data-testid={testId}
  >
    {children}
  </Card>
);

/** Disclosure text the advisory answers carry, shown once below their texts. */
export const Disclosure = ({ text }: { text: string }) => (
  <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 4px' }} data-testid="disclosure">
    {text}
  </Typography.Paragraph>
);

/** A Segmented option label tall enough to tap (44 px). */
export const TapLabel = ({ children }: { children: ReactNode }) => (
  <div style={{ minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
    {children}
  </div>
);
