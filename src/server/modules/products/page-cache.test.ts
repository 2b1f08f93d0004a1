import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './page-cache.js';

describe('acceptsGzip', () => {
  it('takes gzip from what browsers send, with or without a quality', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('X-GZIP')).toBe(true);
  });

  it('refuses gzip when absent, refused with q=0, or no header', () => {
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('gzip;q=0, br')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
