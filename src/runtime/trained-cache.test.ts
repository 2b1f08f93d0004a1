import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { STARTER_KB } from '../core/nlu/data/kb-starter.js';
import { SYNONYMS } from '../core/nlu/data/synonyms.js';
import { searchKb, trainKb, type KbModels } from '../core/nlu/kb.js';
import { kbIndexOf } from './kb-index.js';
import { cachedAsync, contentKey } from './trained-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-trained-cache-'));
const saved = process.env.CAIBAN_MODEL_CACHE;
process.env.CAIBAN_MODEL_CACHE = dir;
afterAll(() => {
  if (saved === undefined) delete process.env.CAIBAN_MODEL_CACHE;
  else process.env.CAIBAN_MODEL_CACHE = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('trained-artefact cache', () => {
  it('keys by content: equal inputs share a key, any change gives another', () => {
    const a = contentKey('k', { items: [{ id: 'a' }], n: 1 });
    expect(contentKey('k', { items: [{ id: 'a' }], n: 1 })).toBe(a);
    expect(contentKey('k', { items: [{ id: 'b' }], n: 1 })).not.toBe(a);
    expect(contentKey('k2', { items: [{ id: 'a' }], n: 1 })).not.toBe(a);
  });

  it('trains once per key, stores the result on disk, and retrains over a corrupt entry', async () => {
    let trained = 0;
    const train = () => Promise.resolve({ w: Float64Array.of(0.1, 1 / 3), n: ++trained });
    const key = contentKey('test', { run: Math.random() });
    const first = await cachedAsync(key, train);
    expect(await cachedAsync(key, train)).toBe(first);
    expect(trained).toBe(1);
    expect(readdirSync(dir)).toContain(`${key}.v8`);
    // Another key: a second training; a corrupt file for a third key is trained over, not thrown.
    const bad = contentKey('test', { run: 'corrupt' + Math.random() });
    writeFileSync(join(dir, `${bad}.v8`), 'not a v8 value');
    await cachedAsync(bad, train);
    expect(trained).toBe(2);
  });

  it('a KB index from cached models answers exactly like a freshly trained one', () => {
    const items = STARTER_KB.slice(0, 16);
    const fresh = trainKb(items, { synonyms: SYNONYMS });
    // What another process reads back from CAIBAN_MODEL_CACHE.
    const models = deserialize(
      serialize({ ranker: fresh.ranker, noMatch: fresh.noMatch, calibration: fresh.calibration }),
    ) as KbModels;
    const restored = trainKb(items, { synonyms: SYNONYMS }, models);
    for (const q of ['基金赎回多久到账', '定投可以随时停吗', '今天天气怎么样', items[3]!.question])
      expect(searchKb(restored, q)).toEqual(searchKb(fresh, q));
    expect(restored.ranker).toBe(models.ranker);
    expect(restored.calibration).toEqual(fresh.calibration);
  });

  it('kbIndexOf gives the same index for the same content and another for other items', () => {
    const items = STARTER_KB.slice(0, 10);
    const a = kbIndexOf(items, { synonyms: SYNONYMS });
    expect(kbIndexOf([...items], { synonyms: SYNONYMS })).toBe(a);
    expect(kbIndexOf(items.slice(1), { synonyms: SYNONYMS })).not.toBe(a);
  });
});
