import { describe, expect, it } from 'vitest';
import { FEATURE_MESSAGES } from './features.js';
import { zhCN } from './zh-CN.js';

const paths = (o: unknown, prefix = ''): string[] =>
  typeof o === 'object' && o !== null
    ? Object.entries(o).flatMap(([k, v]) => paths(v, prefix === '' ? k : `${prefix}.${k}`))
    : [prefix];

describe('feature message files', () => {
  it('use top-level keys that clash neither with each other nor with the core dictionary', () => {
    const keys = FEATURE_MESSAGES.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(Object.keys(zhCN)).not.toContain(k);
  });

  it('have the same message paths in Chinese and English', () => {
    for (const f of FEATURE_MESSAGES) expect(paths(f.en).sort()).toEqual(paths(f['zh-CN']).sort());
  });
});
