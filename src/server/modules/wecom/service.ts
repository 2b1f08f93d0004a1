import { assistantReply } from '../../../core/conversation/assistant.js';
import { defaultCompiledTaxonomy } from '../../../core/conversation/taxonomy.js';
import { lintText } from '../../../core/compliance/index.js';
import { AppError, badInput } from '../../../core/errors.js';
import { starterKbIndex } from '../../../runtime/kb-index.js';
import type { WecomConfig } from '../../config.js';
import type { AppDeps } from '../../http/deps.js';
import {
  msgSignature,
  openEnvelope,
  sealMessage,
  signatureMatches,
  refusal,
  wecomKeys,
  type WecomKeys,
} from './crypto.js';
import { claimNonce, releaseNonce, saveReply, staffByWecomId } from './repo.js';
import { parseWecomXml, toWecomXml } from './xml.js';

/**
 * The WeCom callback: URL verification (echo the decrypted echostr) and messages (verify, refuse replays,
 * decrypt, route, reply encrypted). A staff member's text goes to the RM assistant (knowledge base and
 * conversation insight); a customer's (an external contact, wm…/wo…) to the customer advisor the chat issue
 * provides. Without an advisor the customer's message is acknowledged with no reply.
 */
export type CustomerAdvisor = {
  reply(input: { externalUserId: string; text: string; now: Date }): Promise<{ text: string } | null>;
};

export type WecomOptions = { config?: WecomConfig | null; advisor?: CustomerAdvisor | null };

export type WecomRuntime = { keys: WecomKeys; advisor: CustomerAdvisor | null };

export type CallbackQuery = { msg_signature: string; timestamp: string; nonce: string };

/** Seconds a callback's timestamp may differ from our clock (WeCom retries within ~15 s). */
export const TIMESTAMP_WINDOW_SECONDS = 300;

export const wecomRuntime = (config: WecomConfig, advisor: CustomerAdvisor | null): WecomRuntime => ({
  keys: wecomKeys(config.token, config.encodingAesKey, config.corpId, 'WECOM_AES_KEY'),
  advisor,
});

const checkWindow = (timestamp: string, now: Date): number => {
  if (!/^\d{1,12}$/.test(timestamp)) throw badInput('timestamp', 'must be Unix seconds');
  const ts = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > TIMESTAMP_WINDOW_SECONDS) {
    throw new AppError(
      'FORBIDDEN',
      `timestamp_out_of_window: the callback is older or newer than ${TIMESTAMP_WINDOW_SECONDS} s`,
      {
        reason: 'timestamp_out_of_window',
      },
    );
  }
  return ts;
};

/** GET: the decrypted echostr, after the signature, window and receive-id checks. */
export const verifyUrl = (rt: WecomRuntime, q: CallbackQuery & { echostr: string }, now: Date): string => {
  const expected = msgSignature(rt.keys.token, q.timestamp, q.nonce, q.echostr);
  if (!signatureMatches(expected, q.msg_signature))
    throw refusal('signature_mismatch', 'URL verification refused');
  checkWindow(q.timestamp, now);
  return openEnvelope(rt.keys, {
    signature: q.msg_signature,
    timestamp: q.timestamp,
    nonce: q.nonce,
    encrypt: q.echostr,
  });
};

/** The plain reply text for one inbound text message, or null for no reply. */
export const replyText = async (
  deps: AppDeps,
  rt: WecomRuntime,
  from: string,
  content: string,
): Promise<string | null> => {
  const staff = await staffByWecomId(deps.db, from);
  if (staff !== null)
    return assistantReply(content, { taxonomy: defaultCompiledTaxonomy(), kb: starterKbIndex() }).text;
  if (/^w[mo][\w-]{6,}$/.test(from)) {
    if (rt.advisor === null) return null;
    const answer = await rt.advisor.reply({ externalUserId: from, text: content, now: deps.now() });
    if (answer === null) return null;
    // Until the one outbound guard (src/core/guard) lands, a customer text at least passes the linter here.
    return lintText(answer.text).ok ? answer.text : null;
  }
  return `你的企业微信账号（${from}）尚未关联财伴员工账号，请联系管理员。`;
};

const replyXml = (
  rt: WecomRuntime,
  inbound: Record<string, string>,
  text: string,
  q: CallbackQuery,
  now: Date,
): string => {
  const plain = toWecomXml({
    ToUserName: inbound.FromUserName ?? '',
    FromUserName: inbound.ToUserName ?? rt.keys.receiveId,
    CreateTime: Math.floor(now.getTime() / 1000),
    MsgType: 'text',
    Content: text,
  });
  const sealed = sealMessage(rt.keys, plain, q.timestamp, q.nonce);
  return toWecomXml({
    Encrypt: sealed.encrypt,
    MsgSignature: sealed.signature,
    TimeStamp: Number(q.timestamp),
    Nonce: q.nonce,
  });
};

const handle = async (
  deps: AppDeps,
  rt: WecomRuntime,
  q: CallbackQuery,
  encrypt: string,
): Promise<string> => {
  const now = deps.now();
  const inbound = parseWecomXml(
    openEnvelope(rt.keys, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt }),
    'Encrypt',
  );
  if (inbound.MsgType !== 'text' || inbound.FromUserName === undefined) return '';
  const text = await replyText(deps, rt, inbound.FromUserName, inbound.Content ?? '');
  return text === null ? '' : replyXml(rt, inbound, text, q, now);
};

/**
 * POST: verify before anything is stored, refuse stale timestamps and replayed nonces, and answer WeCom's
 * own retries of one callback with the reply already given (the message is handled exactly once).
 */
export const handleCallback = async (
  deps: AppDeps,
  rt: WecomRuntime,
  q: CallbackQuery,
  body: string,
): Promise<string> => {
  const encrypt = parseWecomXml(body).Encrypt;
  if (encrypt === undefined || encrypt === '')
    throw badInput('body.Encrypt', 'the callback XML has no <Encrypt> element');
  const expected = msgSignature(rt.keys.token, q.timestamp, q.nonce, encrypt);
  if (!signatureMatches(expected, q.msg_signature)) throw refusal('signature_mismatch', 'callback refused');
  const ts = checkWindow(q.timestamp, deps.now());
  const claim = await claimNonce(deps.db, {
    nonce: q.nonce,
    timestamp: ts,
    signature: expected,
    now: deps.now(),
  });
  if (claim.kind === 'seen') {
    if (!claim.sameSignature) {
      throw new AppError('FORBIDDEN', 'replayed_nonce: this nonce was already used with another message', {
        reason: 'replayed_nonce',
      });
    }
    if (claim.reply === null)
      throw new AppError('CONFLICT', 'in_progress: this callback is being handled; retry later', {
        reason: 'in_progress',
      });
    return claim.reply;
  }
  try {
    const reply = await handle(deps, rt, q, encrypt);
    await saveReply(deps.db, q.nonce, ts, reply);
    return reply;
  } catch (e) {
    await releaseNonce(deps.db, q.nonce, ts);
    throw e;
  }
};
