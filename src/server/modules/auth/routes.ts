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
import type { AuthRuntime } from '../../auth/runtime.js';
import { isSameOrigin } from '../../auth/same-origin.js';
import { AppError } from '../../../core/errors.js';
import { permissionsOf } from '../../http/permissions.js';
import type { Login } from './service.js';
import { loginCustomer, loginStaff, logout, requestOtp } from './service.js';
import type { FastifyReply } from 'fastify';

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

export const registerAuthRoutes = (app: ZodApp, deps: AppDeps, auth: AuthRuntime): void => {
  // Brute-force control is in the service (auth/throttle.ts): it needs the normalised account, and it must
  // charge the IP before any database lookup or password hashing.
  app.post('/api/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Staff login with username and password',
      security: [],
      body: LoginRequest,
      response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (req, reply) =>
      loginReply(reply, await loginStaff(deps, auth, req, req.body.username, req.body.password)),
  });

  app.post('/api/auth/otp/request', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Customer login step 1: send a one-time code through the SMS provider',
      security: [],
      body: OtpRequest,
      response: { 200: OtpRequestResponse, 429: ErrorBody, 503: ErrorBody },
    },
    handler: async (req) => {
      const otp = await requestOtp(deps, auth, req, req.body.phone);
      return {
        sent: true,
        expiresInSeconds: otp.expiresInSeconds,
        demoCode: deps.demoMode ? otp.code : null,
      };
    },
  });

  app.post('/api/auth/otp/verify', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Customer login step 2: verify the one-time code',
      security: [],
      body: OtpVerifyRequest,
      response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (req, reply) =>
      loginReply(reply, await loginCustomer(deps, auth, req, req.body.phone, req.body.code)),
  });

  app.post('/api/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'End the session (same-origin requests only)' },
    handler: async (req, reply) => {
      if (!isSameOrigin(req))
        throw new AppError(
          'FORBIDDEN',
          'logout must come from a page of this site (cross-origin request refused)',
        );
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
