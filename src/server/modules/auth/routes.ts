import {
  LoginRequest,
  LoginResponse,
  MeResponse,
  OtpRequest,
  OtpRequestResponse,
  OtpVerifyRequest,
} from '../../../contracts/auth.js';
import { ErrorBody } from '../../../contracts/common.js';
import { principalOf } from '../../auth/guard.js';
import { sessionUserOf } from '../../auth/principal.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../../auth/tokens.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { permissionsOf } from '../../http/permissions.js';
import type { Login } from './service.js';
import { loginCustomer, loginStaff, logout, requestOtp } from './service.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

const loginReply = (reply: FastifyReply, login: Login) => {
  void reply.setCookie(SESSION_COOKIE, login.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
  return {
    token: login.token,
    user: sessionUserOf(login.principal),
    expiresAt: login.expiresAt.toISOString(),
  };
};

export const registerAuthRoutes = (app: ZodApp, deps: AppDeps): void => {
  // Brute-force guard keyed on client IP + account, so one office behind a NAT does not lock its colleagues
  // out, while guessing one account's password or code stays slow. Runs after body parsing to see the account.
  const strict = {
    max: deps.loginPerMinute,
    timeWindow: '1 minute',
    hook: 'preValidation' as const,
    keyGenerator: (req: FastifyRequest) => {
      const b = (req.body ?? {}) as { username?: unknown; phone?: unknown };
      const account =
        typeof b.username === 'string' ? b.username : typeof b.phone === 'string' ? b.phone : '';
      return `login|${req.ip}|${account.slice(0, 64)}`;
    },
  };

  app.post('/api/auth/login', {
    config: { permission: 'public', rateLimit: strict },
    schema: {
      tags: ['auth'],
      summary: 'Staff login with username and password',
      security: [],
      body: LoginRequest,
      response: { 200: LoginResponse, 401: ErrorBody },
    },
    handler: async (req, reply) =>
      loginReply(reply, await loginStaff(deps, req, req.body.username, req.body.password)),
  });

  app.post('/api/auth/otp/request', {
    config: { permission: 'public', rateLimit: strict },
    schema: {
      tags: ['auth'],
      summary: 'Customer login step 1: send a one-time code by SMS (simulated)',
      security: [],
      body: OtpRequest,
      response: { 200: OtpRequestResponse },
    },
    handler: (req) => {
      const otp = requestOtp(deps, req.body.phone);
      return {
        sent: true,
        expiresInSeconds: otp.expiresInSeconds,
        demoCode: deps.demoMode ? otp.code : null,
      };
    },
  });

  app.post('/api/auth/otp/verify', {
    config: { permission: 'public', rateLimit: strict },
    schema: {
      tags: ['auth'],
      summary: 'Customer login step 2: verify the one-time code',
      security: [],
      body: OtpVerifyRequest,
      response: { 200: LoginResponse, 401: ErrorBody },
    },
    handler: async (req, reply) =>
      loginReply(reply, await loginCustomer(deps, req, req.body.phone, req.body.code)),
  });

  app.post('/api/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'End the session' },
    handler: async (req, reply) => {
      await logout(deps, principalOf(req), req.id);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/auth/me', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['auth'],
      summary: 'The current user and their permissions',
      response: { 200: MeResponse },
    },
    handler: (req) => {
      const p = principalOf(req);
      return { user: sessionUserOf(p), permissions: [...permissionsOf(p.role)] };
    },
  });
};
