import { badInput } from '../../errors.js';
import { completeText } from '../../guard/complete.js';
import type { AssetClass } from '../../portfolio/allocation/types.js';
import type { ProductType } from '../../product-types.js';
import type { ProductRiskLevel } from '../../suitability/types.js';
import { addDays } from '../days.js';
import { assetClassOf } from '../shelf.js';
import { pct, render, type Bilingual } from '../text.js';
import { COMMENTARY_TEXT as T, GROUP_LABEL, SESSION_LABEL } from './messages.js';

export type IndexMove = {
  readonly code: string;
  readonly name: Bilingual;
  /** Change of the session as a fraction (−0.012 = −1.2%). */
  readonly change: number;
};

export type SectorMove = { readonly name: Bilingual; readonly change: number };

/** A holding of the customer and, when known, its day's NAV change; else it is estimated from its index. */
export type CommentaryHolding = {
  readonly code: string;
  readonly type: ProductType;
  readonly risk: ProductRiskLevel;
  readonly change?: number | null;
  readonly benchmarkIndex?: string | null;
  /** Sensitivity to the benchmark index (default 1 for funds tracking equity, else the index move counts 1:1). */
  readonly beta?: number;
};

export type CommentaryInput = {
  readonly date: string;
  readonly session: 'midday' | 'close';
  readonly indices: readonly IndexMove[];
  readonly sectors?: readonly SectorMove[];
  readonly holdings?: readonly CommentaryHolding[];
  /** Sectors named on each side (default 3). */
  readonly topSectors?: number;
  readonly aiGenerated?: boolean;
};

export type HoldingGroupEffect = {
  readonly group: keyof typeof GROUP_LABEL;
  readonly codes: readonly string[];
  readonly average_change: number;
  /** At least one change in the group was estimated from its benchmark index. */
  readonly estimated: boolean;
};

export type Commentary = {
  readonly date: string;
  readonly session: 'midday' | 'close';
  readonly text: Bilingual;
  readonly holdings_effect: readonly HoldingGroupEffect[];
  /** Product types the text talks about (for the outbound guard). */
  readonly product_types: readonly ProductType[];
};

const dir = (x: number) =>
  x < 0 ? { zh: '下跌', en: 'fell' } : x > 0 ? { zh: '上升', en: 'rose' } : { zh: '持平', en: 'was flat at' };

/** An index name that says it is an index (so its move never reads as a product's performance). */
const indexName = (n: Bilingual): Bilingual => ({
  zh: n.zh.includes('指数') ? n.zh : `${n.zh}指数`,
  en: n.en,
});

const groupOf = (h: CommentaryHolding): keyof typeof GROUP_LABEL | null => {
  if (h.type === 'bank_wm') return 'bank_wm';
  if (h.type === 'insurance' || h.type === 'advisory') return null;
  return (assetClassOf(h.type, h.risk) ?? null) satisfies AssetClass | null;
};

/** The day's change of each held product: its own when known (close), else β × its benchmark index's move. */
const holdingEffects = (input: CommentaryInput): HoldingGroupEffect[] => {
  const moves = new Map(input.indices.map((i) => [i.code, i.change]));
  const groups = new Map<keyof typeof GROUP_LABEL, { codes: string[]; sum: number; estimated: boolean }>();
  for (const h of input.holdings ?? []) {
    const g = groupOf(h);
    if (g === null) continue;
    let change = h.change ?? null;
    let estimated = false;
    if (change === null || change === undefined) {
      const m = h.benchmarkIndex ? moves.get(h.benchmarkIndex) : undefined;
      if (m === undefined) continue;
      change = (h.beta ?? 1) * m;
      estimated = true;
    }
    const e = groups.get(g) ?? { codes: [], sum: 0, estimated: false };
    e.codes.push(h.code);
    e.sum += change;
    e.estimated ||= estimated;
    groups.set(g, e);
  }
  return [...groups.entries()].map(([group, e]) => ({
    group,
    codes: e.codes,
    average_change: e.sum / e.codes.length,
    estimated: e.estimated,
  }));
};

const sectorLine = (sectors: readonly SectorMove[], top: number): Bilingual[] => {
  const sorted = [...sectors].sort((a, b) => b.change - a.change);
  const up = sorted.filter((s) => s.change > 0).slice(0, top);
  const down = sorted
    .filter((s) => s.change < 0)
    .reverse()
    .slice(0, top);
  const list = (xs: readonly SectorMove[]) => {
    const items = xs.map((s) =>
      render(T.sector_item, { change: pct(s.change, 1, true), name: s.name.en }, { name: s.name.zh }),
    );
    return { zh: items.map((i) => i.zh).join('、'), en: items.map((i) => i.en).join(', ') };
  };
  const out: Bilingual[] = [];
  if (up.length > 0) out.push(render(T.sectors_up, { list: list(up).en }, { list: list(up).zh }));
  if (down.length > 0) out.push(render(T.sectors_down, { list: list(down).en }, { list: list(down).zh }));
  return out;
};

const sentence = (parts: readonly Bilingual[]): Bilingual => ({
  zh: `${parts.map((p) => p.zh).join('，')}。`,
  en: `${parts.map((p) => p.en).join('; ')}.`,
});

/**
 * Market commentary for a session (午间/收盘): the indices' moves, the sectors that moved most, and what it
 * meant for the customer's holdings by group ("您持有的3只权益基金今日平均变动-2.10%"; estimated from each
 * fund's benchmark index when its NAV is not out yet, and said so). Dated and factual, completed with the
 * disclosures of the product types it names, so it passes the outbound guard.
 */
export const marketCommentary = (input: CommentaryInput): Commentary => {
  addDays(input.date, 0, 'date');
  if (input.session !== 'midday' && input.session !== 'close')
    throw badInput('session', 'expected midday|close');
  if (input.indices.length === 0) throw badInput('indices', 'at least one index move is needed');
  input.indices.forEach((i, k) => {
    if (!Number.isFinite(i.change) || i.change <= -1)
      throw badInput(`indices[${k}].change`, 'expected a fraction above −1');
  });
  const s = SESSION_LABEL[input.session];
  const head = render(T.head, { date: input.date, session_en: s.en }, { session: s.zh });
  const idx = input.indices.map((i) => {
    const d = dir(i.change);
    const n = indexName(i.name);
    return render(
      T.index,
      { name: n.en, dir_en: d.en, change: pct(Math.abs(i.change), 2) },
      { name: n.zh, dir: d.zh },
    );
  });
  const effects = holdingEffects(input);
  const held = effects.map((e) =>
    render(
      T.holdings,
      {
        count: e.codes.length,
        change: pct(e.average_change, 2, true),
        group_en: GROUP_LABEL[e.group].en,
        estimated_en: e.estimated ? T.estimated.en : '',
      },
      { group: GROUP_LABEL[e.group].zh, estimated: e.estimated ? T.estimated.zh : '' },
    ),
  );
  const body = [
    sentence(idx),
    ...(input.sectors?.length ? [sentence(sectorLine(input.sectors, input.topSectors ?? 3))] : []),
    ...(held.length > 0 ? [sentence(held)] : []),
    T.close,
  ];
  const raw = { zh: head.zh + body.map((b) => b.zh).join(''), en: head.en + body.map((b) => b.en).join(' ') };
  const types = [
    ...new Set(
      (input.holdings ?? []).filter((h) => effects.some((e) => e.codes.includes(h.code))).map((h) => h.type),
    ),
  ];
  const done = completeText(raw, { productTypes: types, aiGenerated: input.aiGenerated === true });
  return {
    date: input.date,
    session: input.session,
    text: done.text,
    holdings_effect: effects,
    product_types: types,
  };
};
