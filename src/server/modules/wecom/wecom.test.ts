import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../../../test/support/app.js';
import { createTestDb, testDbKinds, type TestDb } from '../../../../test/support/db.js';
import { buildApp } from '../../app.js';
import type { WecomConfig } from '../../config.js';
import { decryptMessage, msgSignature, sealMessage, wecomKeys } from './crypto.js';
import type { CustomerAdvisor } from './service.js';
import { parseWecomXml, toWecomXml } from './xml.js';

/** The official WeCom sample (token, EncodingAESKey, corp id and the URL-verification vector). */
const SAMPLE: WecomConfig = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};
const VERIFY = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const NOW = new Date(1409659600 * 1000);
const keys = wecomKeys(SAMPLE.token, SAMPLE.encodingAesKey, SAMPLE.corpId);

const query = (q: Record<string, string>): string => new URLSearchParams(q).toString();

/** A callback as WeCom would send it: the inner message XML encrypted into the outer XML, signed. */
const callback = (from: string, content: string, nonce: string, timestamp = '1409659600') => {
  const inner = toWecomXml({
    ToUserName: SAMPLE.corpId,
    FromUserName: from,
    CreateTime: Number(timestamp),
    MsgType: 'text',
    Content: content,
    MsgId: `${nonce}01`,
    AgentID: '1000002',
  });
  const { encrypt, signature } = sealMessage(keys, inner, timestamp, nonce);
  return {
    url: `/api/wecom/callback?${query({ msg_signature: signature, timestamp, nonce })}`,
    body: toWecomXml({ ToUserName: SAMPLE.corpId, AgentID: '1000002', Encrypt: encrypt }),
  };
};

const post = (app: FastifyInstance, c: { url: string; body: string }) =>
  app.inject({ method: 'POST', url: c.url, payload: c.body, headers: { 'content-type': 'text/xml' } });

/** Checks the reply's signature and decrypts it into the reply message fields. */
const openReply = (xml: string): Record<string, string> => {
  const outer = parseWecomXml(xml);
  expect(outer.MsgSignature).toBe(msgSignature(SAMPLE.token, outer.TimeStamp!, outer.Nonce!, outer.Encrypt!));
  const { message, receiveId } = decryptMessage(keys, outer.Encrypt!);
  expect(receiveId).toBe(SAMPLE.corpId);
  return parseWecomXml(message);
};

const echoAdvisor: CustomerAdvisor = {
  reply: ({ text }) =>
    Promise.resolve(
      text.includes('保本') ? { text: '这款产品保本保收益，稳赚不赔' } : { text: `收到：${text}` },
    ),
};

describe.each(testDbKinds())('WeCom callback on %s', (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  const build = (config: WecomConfig | null, now = NOW) =>
    buildApp({
      db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      now: () => now,
      wecom: { config, advisor: echoAdvisor },
    });
  beforeAll(async () => {
    db = await createTestDb(kind);
    await db.exec(`INSERT INTO org_units (id, level, name) VALUES ('hq', 'hq', '总行');
      INSERT INTO staff (id, username, password_hash, display_name, role, org_unit_id, created_at)
      VALUES (1, 'rm001', 'x', '王经理', 'rm', 'hq', now())`);
    app = await build(SAMPLE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers the official URL-verification sample with the decrypted echostr', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/wecom/callback?${query(VERIFY)}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('1616140317555161061');
  });

  it('refuses a tampered signature (401) and a missing one (401)', async () => {
    const tampered = { ...VERIFY, msg_signature: VERIFY.msg_signature.replace(/^5/, '6') };
    const r = await app.inject({ method: 'GET', url: `/api/wecom/callback?${query(tampered)}` });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', details: { reason: 'signature_mismatch' } },
    });
    const { msg_signature: _s, ...unsigned } = VERIFY;
    expect(
      (await app.inject({ method: 'GET', url: `/api/wecom/callback?${query(unsigned)}` })).statusCode,
    ).toBe(401);
  });

  it('refuses a message encrypted for another corp id (403)', async () => {
    const other = await build({ ...SAMPLE, corpId: 'ww0000000000000000' });
    try {
      const r = await other.inject({ method: 'GET', url: `/api/wecom/callback?${query(VERIFY)}` });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: { details: { reason: 'receive_id_mismatch' } } });
    } finally {
      await other.close();
    }
  });

  it('refuses a timestamp outside the window (403)', async () => {
    const later = await build(SAMPLE, new Date(NOW.getTime() + 3600 * 1000));
    try {
      const r = await later.inject({ method: 'GET', url: `/api/wecom/callback?${query(VERIFY)}` });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: { details: { reason: 'timestamp_out_of_window' } } });
    } finally {
      await later.close();
    }
  });

  it('replies to an RM with an encrypted insight from the assistant', async () => {
    const r = await post(app, callback('rm001', '客户：我有50万，10年后退休用，就是怕亏', 'n-rm-1'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/xml/);
    const reply = openReply(r.body);
    expect(reply).toMatchObject({ ToUserName: 'rm001', FromUserName: SAMPLE.corpId, MsgType: 'text' });
    expect(reply.Content).toContain('【怕亏损】');
    expect(reply.Content).toContain('养老 50万元');
  });

  it('answers WeCom’s retry of one callback with the same reply, handled once, and refuses a replayed nonce', async () => {
    const c = callback('rm001', '赎回一般几天到账？', 'n-retry');
    const first = await post(app, c);
    const second = await post(app, c);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM wecom_callback_nonces WHERE nonce = 'n-retry'`,
    );
    expect(rows[0]!.n).toBe(1);
    const replay = await post(app, callback('rm001', '另一条消息', 'n-retry'));
    expect(replay.statusCode).toBe(403);
    expect(replay.json()).toMatchObject({ error: { details: { reason: 'replayed_nonce' } } });
  });

  it('hands a customer’s message to the advisor and sends only compliant text', async () => {
    const ok = openReply((await post(app, callback('wmCustomer0001', '你好', 'n-cust-1'))).body);
    expect(ok).toMatchObject({ ToUserName: 'wmCustomer0001', Content: '收到：你好' });
    const refused = await post(app, callback('wmCustomer0001', '有保本的吗', 'n-cust-2'));
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toBe('');
  });

  it('decrypts the official message sample and tells an unlinked member so', async () => {
    const encrypt =
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
    const sample = await build(SAMPLE, new Date(1409659813 * 1000));
    try {
      const r = await post(sample, {
        url: `/api/wecom/callback?${query({ msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' })}`,
        body: `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`,
      });
      expect(r.statusCode).toBe(200);
      const reply = openReply(r.body);
      expect(reply.ToUserName).toBe('mycreate');
      expect(reply.Content).toContain('尚未关联');
    } finally {
      await sample.close();
    }
  });

  it('refuses a body without <Encrypt> (400) and a tampered ciphertext (401)', async () => {
    const c = callback('rm001', '你好', 'n-bad');
    const noEncrypt = await post(app, { url: c.url, body: '<xml><ToUserName>x</ToUserName></xml>' });
    expect(noEncrypt.statusCode).toBe(400);
    const tampered = await post(app, {
      url: c.url,
      body: c.body.replace(/<Encrypt><!\[CDATA\[(.)/, '<Encrypt><![CDATA[A$1'),
    });
    expect(tampered.statusCode).toBe(401);
  });

  it('answers 503 with a clear error while WeCom is not configured', async () => {
    const bare = await build(null);
    try {
      const r = await bare.inject({ method: 'GET', url: `/api/wecom/callback?${query(VERIFY)}` });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({
        error: { code: 'UNAVAILABLE', details: { reason: 'wecom_not_configured' } },
      });
    } finally {
      await bare.close();
    }
  });
});
