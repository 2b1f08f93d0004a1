import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { markPublic } from './public-scope.js';

/**
 * Serves the built web app (dist/web) at `/` with an SPA fallback: a GET for an unknown path that is not
 * under /api and accepts HTML gets index.html so that client-side routes survive a reload. Everything else
 * that is not found gets the JSON error body.
 */
export const registerWeb = async (app: FastifyInstance, webRoot: string | null): Promise<void> => {
  const indexPath = webRoot === null ? null : join(webRoot, 'index.html');
  const indexHtml = indexPath !== null && existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;
  const hasWeb = indexHtml !== null;
  if (hasWeb && webRoot !== null) {
    await app.register(async (scope) => {
      markPublic(scope);
      await scope.register(fastifyStatic, {
        root: webRoot,
        wildcard: false,
        index: 'index.html',
        // The build writes .br and .gz next to every compressible file (vite.config.ts): send the one the client
        // accepts, with Content-Encoding and Vary: Accept-Encoding.
        preCompressed: true,
        // Vite names assets by content hash, so they can be cached for good; index.html must not be.
        setHeaders: (res, path) => {
          res.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && wantsHtml) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
    }
    throw new AppError('NOT_FOUND', `no route for ${req.method} ${req.url.split('?')[0] ?? ''}`);
  });
};
