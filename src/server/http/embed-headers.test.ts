import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DEFAULT_RATE_LIMITS, registerSecurity } from './security.js';

const appWith = async (origins: readonly string[]) => {
  const app = Fastify();
  await registerSecurity(app, DEFAULT_RATE_LIMITS, origins);
  for (const url of ['/embed/chat', '/app/chat', '/embed.js']) app.get(url, () => 'ok');
  await app.ready();
  return app;
};

describe('embeddable chat headers', () => {
  it('lets only the allow-listed origins frame /embed/chat; every other page keeps frame-ancestors none', async () => {
    const app = await appWith(['https://m.bank.example', 'https://www.bank.example:8443']);
    const embed = await app.inject({ url: '/embed/chat?lang=en' });
    const csp = String(embed.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self' https://m.bank.example https://www.bank.example:8443");
    expect(csp).toContain("script-src 'self'");
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const page = await app.inject({ url: '/app/chat' });
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const loader = await app.inject({ url: '/embed.js' });
    expect(loader.headers['cross-origin-resource-policy']).toBe('cross-origin');
    await app.close();
  });

  it('without an allow-list the chat can be framed only by its own origin', async () => {
    const app = await appWith([]);
    const embed = await app.inject({ url: '/embed/chat' });
    expect(String(embed.headers['content-security-policy'])).toContain("frame-ancestors 'self';");
    await app.close();
  });

  it('EMBED_ALLOWED_ORIGINS takes a comma list of origins; a path or another scheme is refused naming the variable', () => {
    const base = { SESSION_SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/caiban-embed-test' };
    expect(
      loadConfig({ ...base, EMBED_ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080' }).embedOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(loadConfig(base).embedOrigins).toEqual([]);
    expect(() => loadConfig({ ...base, EMBED_ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(
      /EMBED_ALLOWED_ORIGINS/,
    );
    expect(() => loadConfig({ ...base, EMBED_ALLOWED_ORIGINS: 'javascript:alert(1)' })).toThrow(
      /EMBED_ALLOWED_ORIGINS/,
    );
  });
});
