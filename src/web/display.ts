import type { TFunction } from 'i18next';
import { fenToYuan } from '../contracts/money.js';
import { formatMoney, formatPercent } from './format.js';

/** A label for an internal key: its message when there is one, else the key in words (never snake_case). */
const labelOf = (t: TFunction, key: string, value: string): string =>
  t(key, { defaultValue: value.replace(/_/g, ' ') });

/** Value translations by the key they appear under (event payloads and audit details). */
const VALUE_MESSAGES: Record<string, string> = {
  page: 'display.pages',
  step: 'display.steps',
  fields: 'display.fields',
  via: 'display.via',
  purpose: 'analytics.purposes',
  liquidityNeed: 'analytics.liquidityLevels',
};

const scalar = (t: TFunction, key: string, v: string | number | boolean): string => {
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return String(v);
  const messages = VALUE_MESSAGES[key];
  return messages === undefined ? v : labelOf(t, `${messages}.${v}`, v);
};

/** A short readable hint from a behaviour event's payload (search words, page, product, amount, step). */
export const eventDetail = (t: TFunction, payload: Record<string, unknown>): string =>
  ['query', 'page', 'product_code', 'amount_fen', 'audience', 'step', 'turns']
    .filter((k) => typeof payload[k] === 'string' || typeof payload[k] === 'number')
    .map((k) => {
      const v = payload[k] as string | number;
      if (k === 'amount_fen' && typeof v === 'number') return `¥${formatMoney(fenToYuan(v))}`;
      if (k === 'audience') return `👥 ${v}`;
      if (k === 'turns') return t('display.turns', { count: Number(v) });
      return scalar(t, k, v);
    })
    .join(' · ');

/**
 * Audit details as "label: value" pairs in the UI language: known keys and values through the messages, lists
 * of records counted, weights as percentages — never the stored JSON.
 */
export const auditDetailText = (t: TFunction, details: unknown): string => {
  if (details === null || typeof details !== 'object') return '—';
  const parts = Object.entries(details as Record<string, unknown>).flatMap(([k, v]) => {
    const label = labelOf(t, `display.details.${k}`, k);
    if (v === null || v === undefined) return [];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return [`${label}: ${scalar(t, k, v)}`];
    if (Array.isArray(v)) {
      const plain = v.every((x) => typeof x === 'string' || typeof x === 'number');
      return [
        `${label}: ${
          plain ? v.map((x) => scalar(t, k, x)).join('、') : t('display.details.items', { count: v.length })
        }`,
      ];
    }
    if (k === 'classWeights')
      return [
        `${label}: ${Object.entries(v as Record<string, number>)
          .map(([c, w]) => `${labelOf(t, `analytics.classes.${c}`, c)} ${formatPercent(w, 0)}`)
          .join('、')}`,
      ];
    return [`${label}: ${auditDetailText(t, v)}`];
  });
  return parts.length === 0 ? '—' : parts.join(' · ');
};
