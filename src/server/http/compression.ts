import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API responses (JSON, the OpenAPI page) with brotli or gzip as the client accepts, from 1 KiB up.
 * Brotli at quality 4 costs about what gzip does and still compresses JSON better; the web app's static files
 * are compressed once at build time (vite.config.ts) and served as such (static-web.ts), not here.
 */
export const registerCompression = async (app: FastifyInstance): Promise<void> => {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
};
