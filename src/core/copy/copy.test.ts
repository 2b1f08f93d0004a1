import { describe, expect, it } from 'vitest';
import { guardOutbound } from '../guard/guard.js';
import { reviewCopy } from './review.js';
import { COPY_CHANNELS, SEGMENTS, templateCopy, type CopyProduct } from './templates.js';
import { COPY_STATUSES, transition } from './workflow.js';

const fund: CopyProduct = {
  code: 'F001',
  name: '财伴稳利纯债A',
  type: 'pure_bond',
  risk: 'R2',
  minPurchase: 1000,
};
const wm: CopyProduct = {
  code: 'W001',
  name: '财伴安享理财1号',
  type: 'bank_wm',
  risk: 'R2',
  minPurchase: 10000,
};

describe('copy templates and review', () => {
  it('every segment × channel template, completed as suggested, passes the guard', () => {
    for (const p of [fund, wm])
      for (const s of SEGMENTS)
        for (const c of COPY_CHANNELS) {
          const t = templateCopy(s, p, c);
          const r = reviewCopy(t.zh, [p.type], false);
          expect(r.findings.filter((f) => f.blocking && f.rule !== 'missing_disclosure')).toEqual([]);
          const text = r.suggestedText ?? t.zh;
          const g = guardOutbound({
            content: { texts: [{ text, productTypes: [p.type] }] },
            customer: { level: 'C3', assessedAt: '2026-06-01', channel: 'bank' },
            now: '2026-12-07',
          });
          expect(g.allowed, text).toBe(true);
          if (c === 'sms') expect(t.zh).toContain('拒收请回复R');
        }
  });

  it('highlights forbidden wording with its span and a suggested rewrite', () => {
    const text = '这款产品稳赚不赔，收益有保障！基金有风险，投资需谨慎';
    const r = reviewCopy(text, ['pure_bond'], false);
    const hits = r.findings.filter((f) => f.start !== null);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(text.slice(h.start!, h.end!)).toBe(h.match);
    expect(hits.map((h) => h.match)).toEqual(expect.arrayContaining(['稳赚不赔']));
    expect(hits.every((h) => h.suggestion.zh.length > 0)).toBe(true);
  });

  it('requires the AI label on generated copy', () => {
    const t = templateCopy('mass', fund, 'app_push').zh;
    const r = reviewCopy(t, ['pure_bond'], true);
    expect(r.findings.map((f) => f.rule)).toContain('missing_ai_label');
    expect(r.suggestedText).toContain('AI');
  });
});

describe('maker/checker workflow', () => {
  const maker = { actor: 1, maker: 1 };
  const checker = { actor: 2, maker: 1 };
  it('goes draft → submitted → approved|rejected, and only approved can be sent', () => {
    expect(transition('draft', 'submit', maker)).toEqual({
      ok: true,
      status: 'submitted',
      newVersion: false,
    });
    expect(transition('submitted', 'approve', checker)).toMatchObject({ ok: true, status: 'approved' });
    expect(transition('submitted', 'reject', checker)).toMatchObject({ ok: true, status: 'rejected' });
    for (const s of COPY_STATUSES) expect(transition(s, 'send', maker).ok).toBe(s === 'approved');
  });
  it('refuses the maker as checker and edits under review; an edit after a decision opens a new version', () => {
    expect(transition('submitted', 'approve', maker)).toEqual({ ok: false, reason: 'maker_cannot_check' });
    expect(transition('submitted', 'edit', maker)).toEqual({ ok: false, reason: 'copy_under_review' });
    expect(transition('approved', 'edit', maker)).toEqual({ ok: true, status: 'draft', newVersion: true });
    expect(transition('rejected', 'edit', maker)).toEqual({ ok: true, status: 'draft', newVersion: true });
    expect(transition('draft', 'edit', maker)).toEqual({ ok: true, status: 'draft', newVersion: false });
    expect(transition('draft', 'approve', checker).ok).toBe(false);
    expect(transition('draft', 'submit', checker)).toEqual({ ok: false, reason: 'not_the_maker' });
  });
});
