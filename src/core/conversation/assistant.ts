import { searchKb, type KbIndex } from '../nlu/kb.js';
import { analyzeConversation } from './analyze.js';
import { speakerOf } from './ingest.js';
import type { CompiledTaxonomy } from './taxonomy.js';
import type { Conversation, Message, MoneyIntent } from './types.js';

/**
 * The RM assistant behind WeCom: an RM sends a question or pastes what a customer said, and gets back either
 * a knowledge-base answer or the insight on that text — objections with how to handle them, purchase
 * signals, complaint risk and the per-money intents. Staff-facing text (never sent to a customer).
 */
export type AssistantReply = { kind: 'insight' | 'kb' | 'help'; text: string };

export type AssistantContext = { taxonomy: CompiledTaxonomy; kb?: KbIndex };

/** WeCom text messages are limited to 2048 bytes; stay well inside it. */
const MAX_CHARS = 600;

const PURPOSE_ZH: Readonly<Record<string, string>> = {
  retirement: '养老',
  education: '教育',
  house: '购房',
  emergency: '应急',
  growth: '增值',
  travel: '旅行',
  medical: '医疗',
  other: '其他',
};
const LIQ_ZH: Readonly<Record<string, string>> = { high: '高', medium: '中', low: '低' };
const RISK_ZH: Readonly<Record<string, string>> = {
  conservative: '保守',
  moderate: '稳健',
  aggressive: '进取',
};

const yuan = (v: number): string => (v >= 1e4 && v % 100 === 0 ? `${v / 1e4}万元` : `${v}元`);

const intentLine = (i: MoneyIntent): string =>
  [
    `${PURPOSE_ZH[i.purpose] ?? i.purpose} ${yuan(i.amount)}`,
    i.horizon_months === null ? null : `${i.horizon_months}个月`,
    i.liquidity === null ? null : `流动性${LIQ_ZH[i.liquidity]}`,
    i.risk_appetite === null ? null : RISK_ZH[i.risk_appetite],
  ]
    .filter((x): x is string => x !== null)
    .join('，');

/**
 * What the RM pasted: lines labelled 客户：/我：/理财经理： become a transcript; anything else is read as the
 * customer's words (an RM asking "客户说怕亏怎么办" is asking about the customer's objection).
 */
export const pastedConversation = (text: string): Conversation => {
  const messages: Message[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^:：\s]{1,6})\s*[:：]\s*(.+)$/u.exec(line);
    const who = m ? (speakerOf(m[1]!) ?? (/^(?:我|经理)$/u.test(m[1]!) ? 'rm' : null)) : null;
    if (m && who !== null) messages.push({ sender: who, text: m[2]!.trim() });
    else if (line.trim() !== '') messages.push({ sender: 'customer', text: line.trim() });
  }
  return { id: 'wecom', messages };
};

const insightText = (conv: Conversation, ctx: AssistantContext): string | null => {
  const r = analyzeConversation(conv, { taxonomy: ctx.taxonomy });
  const lines: string[] = [];
  for (const d of r.details) {
    const def = ctx.taxonomy.tags.find((t) => t.def.key === d.key)?.def;
    if (!def) continue;
    lines.push(
      `【${def.name.zh}】${d.resolved ? '（已缓解）' : ''}${def.rm_tip ? def.rm_tip.zh : def.description.zh}`,
    );
  }
  if (r.intents.length > 0) lines.push(`资金意图：${r.intents.map(intentLine).join('；')}`);
  if (lines.length === 0) return null;
  if (r.sentiment === 'negative') lines.push('客户情绪偏负面，先安抚再沟通产品。');
  return lines.join('\n');
};

const HELP =
  '您好，我是财伴助手。可以直接问产品和业务问题（如“赎回几天到账”），或粘贴客户的话（如“客户：我怕亏，再等等”），我来识别异议、购买信号和资金意图，并给出沟通建议。';

const clip = (s: string): string => (s.length <= MAX_CHARS ? s : `${s.slice(0, MAX_CHARS - 1)}…`);

/** A knowledge question gets the KB answer; pasted customer words get the insight; otherwise help. */
export const assistantReply = (text: string, ctx: AssistantContext): AssistantReply => {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help', text: HELP };
  const conv = pastedConversation(trimmed);
  const transcript = conv.messages.length > 1 || /^(?:客户|顾客)(?:说|讲|问|表示)?[:：]?/u.test(trimmed);
  if (!transcript && ctx.kb) {
    const hit = searchKb(ctx.kb, trimmed, 3).match;
    if (hit) return { kind: 'kb', text: clip(`${hit.question}\n${hit.answer}`) };
  }
  const insight = insightText(conv, ctx);
  if (insight !== null) return { kind: 'insight', text: clip(insight) };
  return { kind: 'help', text: HELP };
};
