import { describe, expect, it } from 'vitest';
import { effectiveStatus } from './status.js';

describe('product status', () => {
  const asOf = '2026-10-30';
  it('shows a product whose NAV stopped long before the shelf’s as ended, and a past maturity as matured', () => {
    expect(effectiveStatus({ status: 'open', maturity_date: null, nav_date: '2025-02-07' }, asOf)).toBe(
      'ended',
    );
    expect(
      effectiveStatus({ status: 'open', maturity_date: '2025-02-07', nav_date: '2025-02-07' }, asOf),
    ).toBe('matured');
    expect(effectiveStatus({ status: 'matured', maturity_date: null, nav_date: '2025-02-07' }, asOf)).toBe(
      'matured',
    );
  });
  it('keeps the stored status of a product still publishing its NAV', () => {
    expect(effectiveStatus({ status: 'open', maturity_date: null, nav_date: '2026-10-28' }, asOf)).toBe(
      'open',
    );
    expect(effectiveStatus({ status: 'closed', maturity_date: '2027-03-01', nav_date: asOf }, asOf)).toBe(
      'closed',
    );
    expect(effectiveStatus({ status: 'open', maturity_date: null, nav_date: null }, null)).toBe('open');
  });
});
