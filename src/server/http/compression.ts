import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API responses (JSON, the OpenAPI page) from 1 KiB up, gzip preferred over brotli when the client
 * takes both. The bodies are dynamic and mostly small (a page of 20 customers is ~6 KB): gzip at level 1 costs
 * about half of brotli quality 4 there (~0.13 vs ~0.24 ms for 6 KB, brotli's per-call set-up dominates) for
 * ~20% more bytes on the wire; gzip level 6 would buy 2%. The web app's static files are compressed once at build
 * time (vite.config.ts) and served as such (static-web.ts), not here.
 */
export const registerCompression = async (app: FastifyInstance): Promise<void> => {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['gzip', 'br'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 1 },
  });
};
