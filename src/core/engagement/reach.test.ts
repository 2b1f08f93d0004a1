import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideReach,
  DEFAULT_REACH_POLICY,
  withOptOut,
  type ReachMessage,
  type ReachState,
  type RecentMessage,
} from './reach.js';
import { reasonGroup, reasonLabel } from './reach-reasons.js';
import { localMinuteOfDay, nextAllowed } from './reach-time.js';

const consenting: ReachState = {
  consents: (['sms', 'app_push', 'wechat', 'email'] as const).map((channel) => ({
    purpose: 'marketing' as const,
    channel,
    granted: true,
    at: '2025-01-01T00:00:00Z',
  })),
  doNotContact: false,
  nonPersonalised: false,
  recent: [],
};
const push = (over: Partial<ReachMessage> = {}): ReachMessage => ({
  channel: 'app',
  purpose: 'marketing',
  body: '您关注的稳健理财本周开放申购。',
  source: { kind: 'mot', ref: 'repeat_view_no_buy' },
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('defers a marketing push at 22:30 Beijing time to 09:00 the next morning', () => {
    const d = decideReach(push(), consenting, at('2026-03-10T22:30:00+08:00'));
    expect(d).toMatchObject({ status: 'deferred', reason: 'quiet_hours' });
    expect(d.scheduledAt).toBe(at('2026-03-11T09:00:00+08:00').toISOString());
  });

  it('defers one at 03:00 to 09:00 the same morning', () => {
    const d = decideReach(push(), consenting, at('2026-03-11T03:00:00+08:00'));
    expect(d.scheduledAt).toBe(at('2026-03-11T09:00:00+08:00').toISOString());
  });

  it('queues a service alert at 22:30 at once, without consent or reason', () => {
    const now = at('2026-03-10T22:30:00+08:00');
    const d = decideReach(push({ purpose: 'service', channel: 'sms' }), { ...consenting, consents: [] }, now);
    expect(d).toEqual({ status: 'queued', scheduledAt: now.toISOString(), reason: null, body: push().body });
  });

  it('queues marketing at 09:00 and 20:59 without delay', () => {
    for (const t of ['2026-03-10T09:00:00+08:00', '2026-03-10T20:59:00+08:00'])
      expect(decideReach(push(), consenting, at(t))).toMatchObject({ status: 'queued', reason: null });
  });
});

describe('consent, do-not-contact, non-personalised', () => {
  const noon = at('2026-03-10T12:00:00+08:00');
  it('suppresses SMS marketing without SMS marketing consent and names the channel', () => {
    const state = { ...consenting, consents: consenting.consents.filter((c) => c.channel !== 'sms') };
    expect(decideReach(push({ channel: 'sms' }), state, noon)).toMatchObject({
      status: 'suppressed',
      reason: 'no_consent:sms:marketing',
    });
  });

  it('treats a withdrawn consent as none, and maps wecom onto the wechat consent', () => {
    const state: ReachState = {
      ...consenting,
      consents: consenting.consents.map((c) => (c.channel === 'wechat' ? { ...c, granted: false } : c)),
    };
    expect(decideReach(push({ channel: 'wecom' }), state, noon).reason).toBe('no_consent:wechat:marketing');
    expect(decideReach(push({ channel: 'chat' }), state, noon).status).toBe('queued');
  });

  it('never sends marketing to a do-not-contact customer but still sends service messages', () => {
    const state = { ...consenting, doNotContact: true };
    expect(decideReach(push(), state, noon).reason).toBe('do_not_contact');
    expect(decideReach(push({ purpose: 'service' }), state, noon).status).toBe('queued');
  });

  it('refuses personalised (MOT) marketing to a non-personalised customer, lets a manual broadcast through', () => {
    const state = { ...consenting, nonPersonalised: true };
    expect(decideReach(push(), state, noon).reason).toBe('non_personalised');
    expect(decideReach(push({ source: { kind: 'manual', ref: 'x' } }), state, noon).status).toBe('queued');
  });
});

describe('caps', () => {
  const noon = at('2026-03-10T12:00:00+08:00');
  const sent = (n: number, iso: string, channel: RecentMessage['channel'] = 'app'): RecentMessage[] =>
    Array.from({ length: n }, () => ({ channel, purpose: 'marketing' as const, at: iso }));

  it('suppresses the fourth marketing message of a Beijing day with cap:day; service messages do not count', () => {
    const recent = [
      ...sent(3, '2026-03-10T00:30:00+08:00'),
      { channel: 'app' as const, purpose: 'service' as const, at: '2026-03-10T08:00:00+08:00' },
    ];
    expect(decideReach(push(), { ...consenting, recent }, noon).reason).toBe('cap:day');
    expect(decideReach(push(), { ...consenting, recent: recent.slice(1) }, noon).status).toBe('queued');
  });

  it('counts the day the deferred message goes out, not the day it was produced', () => {
    const state = { ...consenting, recent: sent(3, '2026-03-10T10:00:00+08:00') };
    expect(decideReach(push(), state, at('2026-03-10T22:30:00+08:00')).status).toBe('deferred');
  });

  it('applies the weekly cap over the ISO week and configurable channel caps', () => {
    const week = [
      ...sent(3, '2026-03-09T10:00:00+08:00'),
      ...sent(3, '2026-03-10T10:00:00+08:00'),
      ...sent(3, '2026-03-11T10:00:00+08:00'),
      ...sent(1, '2026-03-12T10:00:00+08:00'),
    ];
    const fri = at('2026-03-13T12:00:00+08:00');
    expect(decideReach(push(), { ...consenting, recent: week }, fri).reason).toBe('cap:week');
    const nextMon = at('2026-03-16T12:00:00+08:00');
    expect(decideReach(push(), { ...consenting, recent: week }, nextMon).status).toBe('queued');
    const policy = { ...DEFAULT_REACH_POLICY, channelCaps: { sms: { day: 1 } } };
    const state = { ...consenting, recent: sent(1, '2026-03-10T10:00:00+08:00', 'sms') };
    expect(decideReach(push({ channel: 'sms' }), state, noon, policy).reason).toBe('cap:day:sms');
    expect(decideReach(push({ channel: 'app' }), state, noon, policy).status).toBe('queued');
  });
});

describe('SMS opt-out line', () => {
  it('appends 拒收请回复R to a marketing SMS once, and leaves service SMS alone', () => {
    const sms = push({ channel: 'sms', body: '新发基金今日开售' });
    expect(withOptOut(sms)).toBe('新发基金今日开售。拒收请回复R');
    expect(withOptOut({ ...sms, body: '新发基金今日开售。拒收请回复R' })).toBe(
      '新发基金今日开售。拒收请回复R',
    );
    expect(withOptOut({ ...sms, purpose: 'service' })).toBe('新发基金今日开售');
    const d = decideReach(sms, consenting, at('2026-03-10T12:00:00+08:00'));
    expect(d.body.endsWith('拒收请回复R')).toBe(true);
  });
});

describe('reason labels', () => {
  it('labels every code the decision returns in both languages', () => {
    expect(reasonLabel('no_consent:sms:marketing')).toEqual({
      zh: '未获短信营销授权',
      en: 'No marketing consent for SMS',
    });
    expect(reasonLabel('cap:day').zh).toBe('超过每日营销触达上限');
    expect(reasonLabel('guard:guarantee').en).toContain('guarantee');
    expect(reasonGroup('no_consent:sms:marketing')).toBe('no_consent');
    expect(reasonGroup('cap:day:sms')).toBe('cap:day');
  });
});

describe('properties', () => {
  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) })
    .map((ms) => new Date(ms));

  it('marketing is never scheduled inside 21:00–09:00 Beijing time, nor before now, nor later than 12 h on', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const d = decideReach(push(), consenting, now);
        const t = new Date(d.scheduledAt);
        const m = localMinuteOfDay(t, 480);
        expect(m >= 9 * 60 && m < 21 * 60).toBe(true);
        expect(t.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(t.getTime() - now.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
        expect(nextAllowed(t, '21:00', '09:00', 480).getTime()).toBe(t.getTime());
      }),
    );
  });

  it('feeding decisions back, no Beijing day ever gets more than 3 marketing messages', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 40 }), (times) => {
        const recent: RecentMessage[] = [];
        for (const now of [...times].sort((a, b) => a.getTime() - b.getTime())) {
          const d = decideReach(push(), { ...consenting, recent }, now);
          if (d.status !== 'suppressed')
            recent.push({ channel: 'app', purpose: 'marketing', at: d.scheduledAt });
        }
        const perDay = new Map<number, number>();
        for (const r of recent) {
          const day = Math.floor((new Date(r.at).getTime() + 480 * 60_000) / 86_400_000);
          perDay.set(day, (perDay.get(day) ?? 0) + 1);
        }
        expect(Math.max(...perDay.values())).toBeLessThanOrEqual(3);
      }),
    );
  });
});
