import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from './builtin.js';
import { CORPUS } from './corpus.fixture.js';
import { lintText } from './lint.js';
import { normalizeText } from './normalize.js';
import { TRADITIONAL_TO_SIMPLIFIED } from './traditional.js';

// opencc-js's bundled typings do not resolve under NodeNext; this is the one function used.
type Convert = (text: string) => string;
const { Converter } = OpenCC as unknown as { Converter: (o: { from: string; to: string }) => Convert };
const toTw = Converter({ from: 'cn', to: 'tw' });
const toHk = Converter({ from: 'cn', to: 'hk' });
const toCn = Converter({ from: 't', to: 'cn' });

const phrases = (): string[] => [
  ...DEFAULT_RULE_SET.forbidden.flatMap((g) => g.terms ?? []),
  ...DEFAULT_RULE_SET.exemptPhrases,
  ...DEFAULT_RULE_SET.negators.map((n) => n.phrase),
  ...DEFAULT_RULE_SET.postNegators.map((n) => n.phrase),
  ...DEFAULT_RULE_SET.nonNegators,
  ...DEFAULT_RULE_SET.disclosures.map((d) => d.text.zh),
];

describe('Traditional → Simplified character map (checked against OpenCC)', () => {
  it('maps every pair the way OpenCC converts that character', () => {
    const disagree: string[] = [];
    for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
      const trad = String.fromCharCode(t);
      // A few variants (須/鬚, 準, 後…) convert by context in OpenCC; the char itself must still map to s.
      if (
        toCn(trad) !== String.fromCharCode(s) &&
        !'鬚髮幹乾裡裏隻係繫製臺檯颱麵鐘鍾採徵雲鬆闆劃緻捲'.includes(trad)
      ) {
        disagree.push(`${trad}→${String.fromCharCode(s)} (OpenCC: ${toCn(trad)})`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('every built-in phrase written in Taiwan or Hong Kong Traditional normalises to its Simplified form', () => {
    const lost: string[] = [];
    // A Traditional form may also be listed as a phrase of its own (意味著: 著 is valid Simplified too).
    const listed = new Set(phrases().map((p) => normalizeText(p).text));
    for (const p of phrases()) {
      const want = normalizeText(p).text;
      for (const trad of [toTw(p), toHk(p)]) {
        const got = normalizeText(trad).text;
        if (got === want || listed.has(got)) continue;
        // Name the pairs to add to traditional.ts ("TS"), so a new term's characters are easy to cover.
        const add = [...got].map((ch, k) => (ch !== want[k] ? `${ch}${want[k]}` : '')).join('');
        lost.push(`${trad} → ${got} ≠ ${want}; add the pairs "${add}" to traditional.ts`);
      }
    }
    expect(lost).toEqual([]);
  });

  it('the whole corpus gives the same findings when converted to Traditional', () => {
    const differ: string[] = [];
    for (const c of CORPUS) {
      const opts = { productType: c.type ?? 'general', aiGenerated: c.ai === true } as const;
      const simp = lintText(c.text, opts);
      const trad = lintText(toTw(c.text), opts);
      const key = (r: typeof simp) => JSON.stringify([r.violations.map((v) => v.rule), r.missing]);
      if (key(simp) !== key(trad)) differ.push(`${toTw(c.text)}: ${key(trad)} ≠ ${key(simp)}`);
    }
    expect(differ).toEqual([]);
  });
});
