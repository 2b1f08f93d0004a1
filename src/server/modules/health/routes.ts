import { z } from 'zod';
import { isMigrated } from '../../db/index.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { AppError } from '../../../core/errors.js';

const Health = z.object({ status: z.literal('ok') });
const Info = z.object({ name: z.string(), version: z.string(), demo: z.boolean() });
const Ready = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) });

/** Liveness (process up) and readiness (database reachable and every migration applied). */
export const registerHealthRoutes = (app: ZodApp, deps: AppDeps, version: string): void => {
  app.get('/api/info', {
    config: { permission: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Product name, version and whether this installation runs on demo data',
      security: [],
      response: { 200: Info },
    },
    handler: () => ({ name: 'caiban', version, demo: deps.demoMode }),
  });

  app.get('/healthz', {
    config: { permission: 'public' },
    schema: { tags: ['health'], security: [], response: { 200: Health } },
    handler: () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { permission: 'public' },
    schema: { tags: ['health'], security: [], response: { 200: Ready } },
    handler: async () => {
      let migrated = false;
      try {
        migrated = await isMigrated(deps.db);
      } catch {
        throw new AppError('UNAVAILABLE', 'database unreachable');
      }
      if (!migrated) throw new AppError('UNAVAILABLE', 'database not migrated; run `caiban db migrate`');
      return { status: 'ready' as const, database: deps.db.kind };
    },
  });
};
