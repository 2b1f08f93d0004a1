import { z } from 'zod';
import { badInput } from '../errors.js';
import type { Conversation, LabelledConversation, Message, Speaker } from './types.js';
import { LIQUIDITIES, SENTIMENTS } from './types.js';
import { PURPOSES, RISK_APPETITES } from '../nlu/types.js';

/**
 * Transcripts in: JSONL (one conversation a line, the CLI contract) and message rows of a WeCom chat-archive
 * export (conversation id, message id, time, sender, text). Every bad line or row is refused with its number
 * and the field that is wrong; nothing is half-read.
 */

const CUSTOMER_WORDS = new Set(['customer', 'client', 'c', 'cust', 'external', '客户', '顾客', '用户']);
const RM_WORDS = new Set([
  'rm',
  'r',
  'staff',
  'advisor',
  'adviser',
  'agent',
  'employee',
  '理财经理',
  '客户经理',
  '员工',
  '经理',
]);

/**
 * The speaker of a sender value: role words (customer/rm, 客户/理财经理), a WeCom external contact id (wm…, wo…)
 * as the customer, or a member of `rmIds` as the RM; null when it cannot be told.
 */
export const speakerOf = (sender: string, rmIds: ReadonlySet<string> = new Set()): Speaker | null => {
  const v = sender.trim();
  const lower = v.toLowerCase();
  if (CUSTOMER_WORDS.has(lower)) return 'customer';
  if (RM_WORDS.has(lower) || rmIds.has(v)) return 'rm';
  if (/^w[mo][\w-]{6,}$/.test(v)) return 'customer';
  return null;
};

const MessageSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  time: z.string().optional(),
  sender: z.string().min(1),
  text: z.string(),
});

const ConversationSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  messages: z.array(MessageSchema).min(1, 'needs at least one message'),
});

const LabelsSchema = z.object({
  tags: z.array(z.string()),
  sentiment: z.enum(SENTIMENTS),
  intents: z.array(
    z.object({
      purpose: z.enum(PURPOSES),
      amount: z.number().positive(),
      horizon_months: z.number().nonnegative().nullable(),
      liquidity: z.enum(LIQUIDITIES).nullable(),
      risk_appetite: z.enum(RISK_APPETITES).nullable(),
    }),
  ),
  products: z.array(z.string()).optional(),
  managers: z.array(z.string()).optional(),
});

const pathOf = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');

const lineError = (source: string, line: number, message: string) =>
  badInput(`${source} line ${line}`, message);

const toConversation = (
  doc: z.infer<typeof ConversationSchema>,
  source: string,
  line: number,
): Conversation => ({
  id: String(doc.id),
  messages: doc.messages.map((m, i): Message => {
    const sender = speakerOf(m.sender);
    if (sender === null) {
      throw lineError(source, line, `messages[${i}].sender: "${m.sender}" is neither "customer" nor "rm"`);
    }
    const msg: Message = { sender, text: m.text };
    if (m.id !== undefined) msg.id = String(m.id);
    if (m.time !== undefined) msg.time = m.time;
    return msg;
  }),
});

const parseLines = <T>(text: string, source: string, read: (doc: unknown, line: number) => T): T[] => {
  const out: T[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch (e) {
      throw lineError(source, i + 1, `not JSON (${(e as Error).message}); one conversation object per line`);
    }
    out.push(read(doc, i + 1));
  });
  if (out.length === 0) throw badInput(source, 'no conversation found; expected one JSON object per line');
  return out;
};

/** Conversations from JSONL: `{ "id", "messages": [{ "time", "sender": "customer"|"rm", "text" }] }` a line. */
export const parseConversationsJsonl = (text: string, source = 'file'): Conversation[] =>
  parseLines(text, source, (doc, line) => {
    const r = ConversationSchema.safeParse(doc);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw lineError(source, line, `${pathOf(issue.path) || '(line)'}: ${issue.message}`);
    }
    return toConversation(r.data, source, line);
  });

/** Labelled conversations from JSONL: a conversation plus `"labels": { tags, sentiment, intents, … }`. */
export const parseLabelledJsonl = (text: string, source = 'file'): LabelledConversation[] =>
  parseLines(text, source, (doc, line) => {
    const r = ConversationSchema.extend({ labels: LabelsSchema }).safeParse(doc);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw lineError(source, line, `${pathOf(issue.path) || '(line)'}: ${issue.message}`);
    }
    const labels = { ...r.data.labels } as LabelledConversation['labels'];
    return { ...toConversation(r.data, source, line), labels };
  });

export type ArchiveColumns = {
  conversation: string;
  sender: string;
  text: string;
  time?: string;
  id?: string;
};

/**
 * Conversations from the message rows of a chat-archive export (header + rows of strings). Rows are grouped
 * by conversation id in file order and ordered by time within a conversation when every row has one.
 */
export const conversationsFromRows = (
  columns: readonly string[],
  rows: readonly string[][],
  cols: ArchiveColumns,
  rmIds: ReadonlySet<string> = new Set(),
  source = 'file',
): Conversation[] => {
  const index = (name: string | undefined, flag: string): number | null => {
    if (name === undefined) return null;
    const i = columns.indexOf(name);
    if (i < 0) throw badInput(flag, `column "${name}" not found; the file has ${columns.join(', ')}`);
    return i;
  };
  const conv = index(cols.conversation, '--conversation-col')!;
  const sender = index(cols.sender, '--sender-col')!;
  const text = index(cols.text, '--text-col')!;
  const time = index(cols.time, '--time-col');
  const id = index(cols.id, '--id-col');
  const groups = new Map<string, Message[]>();
  rows.forEach((r, i) => {
    const row = i + 2; // 1-based, after the header
    const cid = (r[conv] ?? '').trim();
    if (cid === '') throw badInput(`${source} row ${row}`, `column "${cols.conversation}" is empty`);
    const who = speakerOf(r[sender] ?? '', rmIds);
    if (who === null) {
      throw badInput(
        `${source} row ${row}`,
        `sender "${r[sender] ?? ''}" is not customer/rm, a WeCom external id (wm…/wo…) or one of --rm-ids`,
      );
    }
    const m: Message = { sender: who, text: r[text] ?? '' };
    if (time !== null && (r[time] ?? '').trim() !== '') m.time = r[time]!.trim();
    if (id !== null && (r[id] ?? '').trim() !== '') m.id = r[id]!.trim();
    groups.set(cid, [...(groups.get(cid) ?? []), m]);
  });
  return [...groups.entries()].map(([cid, messages]) => ({ id: cid, messages: byTime(messages) }));
};

/** Stable order by time when every message has a parseable one (archives are not always sorted). */
const byTime = (messages: Message[]): Message[] => {
  const keys = messages.map((m) => (m.time === undefined ? NaN : timeKey(m.time)));
  if (keys.some((k) => Number.isNaN(k))) return messages;
  return messages
    .map((m, i) => ({ m, k: keys[i]!, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.m);
};

/** Milliseconds of an ISO-8601 time or epoch seconds/milliseconds (pure: parses the string only). */
const timeKey = (t: string): number => {
  const s = t.trim();
  if (/^\d{10}$/.test(s)) return Number(s) * 1000;
  if (/^\d{13}$/.test(s)) return Number(s);
  return Date.parse(s.replace(' ', 'T'));
};
