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
/**
 * Bodies up to this size are compressed on the event loop, larger ones through zlib streams on the libuv threadpool.
 * The plugin's default on 2 cores is 8 KiB, so a customer 360 (~20–40 KB of JSON) took the stream path: every 16 KiB
 * chunk a threadpool round trip whose completion waits for the next turn of the event loop — behind every other
 * request that turn serves, which under 50 concurrent sessions is hundreds of milliseconds per chunk. gzip level 1
 * costs ~0.3 ms for 40 KB and ~1.7 ms for 256 KB here, far less than one such wait (bench/api-load.ts, BENCH_TRACE).
 */
export const SYNC_COMPRESSION_MAX_BYTES = 256 * 1024;

export const registerCompression = async (app: FastifyInstance): Promise<void> => {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    syncThreshold: SYNC_COMPRESSION_MAX_BYTES,
    encodings: ['gzip', 'br'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 1 },
  });
};
