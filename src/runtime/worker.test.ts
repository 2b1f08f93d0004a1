import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnWorker, workerUrl } from './worker.js';

describe('runtime workers', () => {
  it.each(['fit-worker', 'gbdt-hist-worker', 'ml-shap-worker'])(
    '%s resolves to a module beside worker.ts',
    (name) => {
      const url = workerUrl(name);
      expect(url.pathname).toMatch(new RegExp(`/src/runtime/${name}\\.ts$`));
      expect(existsSync(fileURLToPath(url))).toBe(true);
    },
  );

  it('starts a TypeScript worker from sources and reports a missing one as an error', async () => {
    const w = spawnWorker('fit-worker');
    const reply = await new Promise<unknown>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage('ping');
    });
    expect(reply).toBe('ready');
    await w.terminate();
    const missing = spawnWorker('no-such-worker');
    await expect(
      new Promise((resolve, reject) => {
        missing.once('error', reject);
        missing.once('exit', resolve);
      }),
    ).rejects.toThrow(/no-such-worker/);
  });
});
