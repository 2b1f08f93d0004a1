import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import { AppError, badInput } from '../../../core/errors.js';
import { loadWecomConfig } from '../../config.js';
import type { AppDeps } from '../../http/deps.js';
import { refusal } from './crypto.js';
import {
  handleCallback,
  verifyUrl,
  wecomRuntime,
  type CallbackQuery,
  type WecomOptions,
  type WecomRuntime,
} from './service.js';

/**
 * GET/POST /api/wecom/callback. The routes are `public` (WeCom's servers hold no session) and every request
 * must carry a valid msg_signature instead: refused with 401 otherwise, 403 for a wrong receive id, a stale
 * timestamp or a replayed nonce. 503 while WECOM_TOKEN, WECOM_AES_KEY and WECOM_CORP_ID are not set.
 */
const Query = z.object({
  msg_signature: z.string().max(128).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(64).optional(),
  echostr: z.string().max(4096).optional(),
});

const signed = (q: z.infer<typeof Query>): CallbackQuery => {
  if (!q.msg_signature || !q.timestamp || !q.nonce) {
    throw refusal('signature_mismatch', 'msg_signature, timestamp and nonce are required');
  }
  return { msg_signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce };
};

const notConfigured = (): AppError =>
  new AppError(
    'UNAVAILABLE',
    'the WeCom callback is not configured: set WECOM_TOKEN, WECOM_AES_KEY and WECOM_CORP_ID',
    {
      reason: 'wecom_not_configured',
    },
  );

/** The body is text (the echo) or XML (the encrypted reply); strings are sent as they are. */
const responses = {
  200: z.string(),
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  409: ErrorBody,
  503: ErrorBody,
};

export const registerWecomRoutes = (
  app: FastifyInstance,
  deps: AppDeps,
  options: WecomOptions = {},
): void => {
  const config = options.config === undefined ? loadWecomConfig() : options.config;
  const rt: WecomRuntime | null = config === null ? null : wecomRuntime(config, options.advisor ?? null);
  void app.register((scope, _opts, done) => {
    // WeCom posts XML; read it as text here only (the rest of the API stays JSON).
    scope.addContentTypeParser(
      ['text/xml', 'application/xml', '*'],
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.get('/api/wecom/callback', {
      config: { permission: 'public' },
      schema: {
        tags: ['wecom'],
        summary: 'WeCom URL verification: echoes the decrypted echostr (signature-checked)',
        querystring: Query,
        response: responses,
      },
      handler: async (req, reply) => {
        if (rt === null) throw notConfigured();
        const q = signed(req.query);
        if (!req.query.echostr) throw badInput('echostr', 'is required for URL verification');
        const plain = verifyUrl(rt, { ...q, echostr: req.query.echostr }, deps.now());
        return reply.type('text/plain; charset=utf-8').send(plain);
      },
    });
    api.post('/api/wecom/callback', {
      config: { permission: 'public' },
      schema: {
        tags: ['wecom'],
        summary: 'WeCom message callback: decrypts, routes a text message, replies encrypted XML',
        querystring: Query,
        response: responses,
      },
      handler: async (req, reply) => {
        if (rt === null) throw notConfigured();
        const q = signed(req.query);
        if (typeof req.body !== 'string')
          throw badInput('body', 'send the callback XML (Content-Type: text/xml)');
        const xml = await handleCallback(deps, rt, q, req.body);
        return reply
          .type(xml === '' ? 'text/plain; charset=utf-8' : 'application/xml; charset=utf-8')
          .send(xml);
      },
    });
    done();
  });
};
