import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, originalSpan } from './normalize.js';

describe('text normalisation with an index map', () => {
  it('folds full-width forms and case, and drops spaces and separators inside terms', () => {
    expect(normalizeText('ＡＩ生成：近１年收益１２．５％').text).toBe('ai生成:近1年收益12.5%');
    expect(normalizeText('零 风险，保-本，保·本，保\u200b本').text).toBe('零风险,保本,保本,保本');
    expect(normalizeText('保★本，**零风险**').text).toBe('保本,零风险');
    expect(normalizeText('穩賺不賠，保證收益').text).toBe('稳赚不赔,保证收益');
  });

  it('keeps separators between digits (decimals, dates) and line breaks', () => {
    expect(normalizeText('2023-01-01至2023-12-31 收益 3.5%').text).toBe('2023-01-01至2023-12-31收益3.5%');
    expect(normalizeText('no.1 的\n选择').text).toBe('no1的\n选择');
  });

  it('maps a normalised span back to the original characters', () => {
    const src = '本产品 零 风险！';
    const t = normalizeText(src);
    const k = t.text.indexOf('零风险');
    const { start, end } = originalSpan(t, k, k + 3);
    expect(src.slice(start, end)).toBe('零 风险');
  });

  it('passes characters outside the BMP through unchanged, one code unit each', () => {
    const src = '😀保本';
    const t = normalizeText(src);
    expect(t.text).toBe(src);
    expect(Array.from(t.start)).toEqual([0, 1, 2, 3]);
  });

  it('property: every normalised character comes from an increasing original position', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (src) => {
        const t = normalizeText(src);
        expect(t.start.length).toBe(t.text.length);
        for (let k = 0; k < t.start.length; k++) {
          expect(t.end[k]).toBe(t.start[k]! + 1);
          if (k > 0) expect(t.start[k]!).toBeGreaterThan(t.start[k - 1]!);
          expect(t.start[k]!).toBeLessThan(src.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
