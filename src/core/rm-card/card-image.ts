/**
 * The shareable image of a recommendation card: an SVG of phone width (750 px, the usual share-poster width) with
 * the title, the summary, the plan's level and horizon, the asset-class mix as one stacked bar, each product with
 * its code, risk level and weight, and every disclosure in full. Pure: the same card gives the same bytes. Text is
 * XML-escaped and wrapped by display width (a CJK character counts two Latin ones), so nothing is cut off.
 */

export type CardImageText = { zh: string; en: string };

export type CardImageInput = {
  asOf: string;
  title: CardImageText;
  summary: CardImageText;
  planLevel: string;
  horizonMonths: number;
  classWeights: Readonly<Record<string, number>>;
  products: readonly { code: string; name: string; risk: string; weight: number }[];
  disclosures: readonly CardImageText[];
};

export type CardImageLang = 'zh' | 'en';

const WIDTH = 750;
const MARGIN = 40;
const CLASS_COLOURS = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#8c8c8c'];
const CLASS_LABELS: Readonly<Record<string, CardImageText>> = {
  cash: { zh: '现金', en: 'Cash' },
  fixed_income: { zh: '固收', en: 'Fixed income' },
  bond: { zh: '债券', en: 'Bonds' },
  mixed: { zh: '混合', en: 'Mixed' },
  equity: { zh: '权益', en: 'Equity' },
  alternative: { zh: '另类', en: 'Alternatives' },
  qdii: { zh: 'QDII', en: 'QDII' },
};

export const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Display width: CJK and full-width characters count 2, others 1. */
const widthOf = (ch: string): number =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
    ? 2
    : 1;

/** Lines of at most `max` display units; Latin words are not split unless longer than a line. */
export const wrapText = (text: string, max: number): string[] => {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const tokens = text.match(/[A-Za-z0-9.,%()'’\-/+]+|\s+|./gsu) ?? [];
  for (const tok of tokens) {
    const w = [...tok].reduce((s, ch) => s + widthOf(ch), 0);
    if (/^\s+$/.test(tok)) {
      if (used > 0 && used + 1 <= max) {
        line += ' ';
        used += 1;
      }
      continue;
    }
    if (used + w > max && used > 0) {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    }
    if (w > max) {
      for (const ch of tok) {
        const cw = widthOf(ch);
        if (used + cw > max) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += ch;
        used += cw;
      }
    } else {
      line += tok;
      used += w;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
};

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

export const cardSvg = (card: CardImageInput, lang: CardImageLang = 'zh'): string => {
  const parts: string[] = [];
  let y = MARGIN;
  const text = (s: string, size: number, opts: { weight?: number; colour?: string; x?: number } = {}) => {
    y += size + 8;
    parts.push(
      `<text x="${opts.x ?? MARGIN}" y="${y}" font-size="${size}" font-weight="${opts.weight ?? 400}" fill="${opts.colour ?? '#1f1f1f'}">${escapeXml(s)}</text>`,
    );
  };
  const para = (s: string, size: number, colour?: string) => {
    const perLine = Math.floor((WIDTH - 2 * MARGIN) / (size / 2));
    for (const l of wrapText(s, perLine)) text(l, size, colour === undefined ? {} : { colour });
  };
  para(card.title[lang], 34, '#0958d9');
  para(card.summary[lang], 24);
  y += 8;
  text(
    lang === 'zh'
      ? `方案风险等级 ${card.planLevel} · 期限 ${card.horizonMonths} 个月 · 数据日期 ${card.asOf}`
      : `Plan level ${card.planLevel} · horizon ${card.horizonMonths} months · data as of ${card.asOf}`,
    22,
    { colour: '#595959' },
  );
  // The asset-class mix as one stacked bar with a legend.
  y += 20;
  const classes = Object.entries(card.classWeights).filter(([, w]) => w > 0);
  let x = MARGIN;
  const barWidth = WIDTH - 2 * MARGIN;
  classes.forEach(([, w], i) => {
    const wpx = Math.max(1, Math.round(w * barWidth));
    parts.push(
      `<rect x="${x}" y="${y}" width="${wpx}" height="28" fill="${CLASS_COLOURS[i % CLASS_COLOURS.length]}"/>`,
    );
    x += wpx;
  });
  y += 28;
  classes.forEach(([k, w], i) => {
    const label = CLASS_LABELS[k]?.[lang] ?? k;
    y += 4;
    parts.push(
      `<rect x="${MARGIN}" y="${y + 12}" width="16" height="16" fill="${CLASS_COLOURS[i % CLASS_COLOURS.length]}"/>`,
    );
    text(`${label} ${pct(w)}`, 22, { x: MARGIN + 26 });
  });
  y += 16;
  text(lang === 'zh' ? '配置产品' : 'Products', 26, { weight: 600 });
  for (const p of card.products) {
    para(`${p.name}（${p.code}）  ${p.risk}  ${pct(p.weight)}`, 22);
  }
  y += 16;
  text(lang === 'zh' ? '风险揭示' : 'Risk disclosures', 24, { weight: 600, colour: '#cf1322' });
  for (const d of card.disclosures) para(d[lang], 20, '#434343');
  const height = y + MARGIN;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `font-family="'WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`
  );
};
