import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { THUOCL_CAIJING_TSV } from './lexicon/thuocl-caijing.js';

/**
 * Word segmentation of normalised text: Chinese runs through jieba (its default dictionary plus the THUOCL
 * finance lexicon as a user dictionary, so 货币基金 / 七日年化 / 业绩比较基准 stay whole), Latin words and
 * numbers by a regular expression. Numbers become shape tokens so that 50万 and 80万 look alike to a model.
 */

let jieba: Jieba | null = null;

/** Extra finance terms that jieba and THUOCL both lack but investors type (product jargon of this domain). */
const DOMAIN_TERMS = [
  '七日年化',
  '万份收益',
  '业绩比较基准',
  '破净',
  '定投',
  '止盈',
  '止损',
  '赎回',
  '申购',
  '认购',
  '净值型',
  '风险测评',
  '风险等级',
  '个人养老金',
  '基金经理',
  '回撤',
  '夏普比率',
  '最大回撤',
  '转换费',
  '管理费',
  '托管费',
  '销售服务费',
  '分红',
  '红利再投',
  '理财经理',
  '人工客服',
];

/**
 * THUOCL frequencies are document counts (up to ~2M); jieba expects corpus counts of a different scale, so
 * they are compressed (square root) to let finance compounds win over splits without swamping common words.
 */
export const lexiconUserDict = (): string => {
  const lines: string[] = [];
  for (const line of THUOCL_CAIJING_TSV.split('\n')) {
    const [word, freq] = line.split('\t');
    const w = word?.trim();
    if (!w || w.length < 2) continue;
    const f = Math.max(300, Math.round(Math.sqrt(Number(freq?.trim() ?? '1')) * 3));
    lines.push(`${w} ${f}`);
  }
  for (const t of DOMAIN_TERMS) lines.push(`${t} 3000`);
  return lines.join('\n') + '\n';
};

const getJieba = (): Jieba => {
  if (jieba === null) {
    const j = Jieba.withDict(dict);
    j.loadDict(new TextEncoder().encode(lexiconUserDict()));
    jieba = j;
  }
  return jieba;
};

/** A maximal run of CJK characters, of Latin letters/digits, or anything else (punctuation, space). */
const SEGMENT = /([\u3400-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:['.][a-z0-9]+)*)|(\s+|.)/gu;

export type Segment = { kind: 'cjk' | 'latin'; text: string };

/** Splits normalised text into CJK runs and Latin tokens; punctuation and spaces are dropped. */
export const segments = (text: string): Segment[] => {
  const out: Segment[] = [];
  for (const m of text.matchAll(SEGMENT)) {
    if (m[1] !== undefined) out.push({ kind: 'cjk', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'latin', text: m[2] });
  }
  return out;
};

/** Shape token for numbers: 6-digit product codes, percentages and other numbers are kept apart. */
export const numberShape = (tok: string): string | null => {
  if (!/^\d+(?:\.\d+)?$/.test(tok)) return null;
  if (/^\d{6}$/.test(tok)) return '<code>';
  return '<num>';
};

/**
 * Cuts of the most recent CJK runs: retrieval and the intent model segment the same message one after the
 * other, so the second cut of each run is a lookup (a message has several runs when Latin words or digits
 * separate them: QDII基金2号怎么买). The returned arrays are shared: callers only read them.
 */
const RECENT_CUTS = 32;
const recentCuts = new Map<string, readonly string[]>();
const cut = (run: string): readonly string[] => {
  let ws = recentCuts.get(run);
  if (ws === undefined) {
    ws = getJieba().cut(run, true);
    if (recentCuts.size >= RECENT_CUTS) recentCuts.delete(recentCuts.keys().next().value!);
    recentCuts.set(run, ws);
  }
  return ws;
};

/**
 * Words of normalised text in order: jieba words for CJK runs, Latin words as they are, numbers as shapes
 * (<num>, <code>) unless `literalNumbers` (retrieval wants 12378 to match only 12378).
 */
export const words = (text: string, literalNumbers = false): string[] => {
  const out: string[] = [];
  for (const seg of segments(text)) {
    if (seg.kind === 'latin') {
      out.push(literalNumbers ? seg.text : (numberShape(seg.text) ?? seg.text));
      continue;
    }
    for (const w of cut(seg.text)) out.push(w);
  }
  return out;
};
