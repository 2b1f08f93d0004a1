import { describe, expect, it } from 'vitest';
import { offKeysFor } from './rules.js';

describe('branch and outlet switches', () => {
  const sw = (ruleKey: string, orgUnitId: string, enabled: boolean) => ({ ruleKey, orgUnitId, enabled });
  it('a branch switch covers its outlets; an outlet’s own switch wins over its branch’s', () => {
    const switches = [
      sw('birthday', 'OU01', false),
      sw('birthday', 'OU0102', true),
      sw('large_inflow', 'OU0101', false),
    ];
    expect([...offKeysFor(switches, 'OU0101', 'OU01')].sort()).toEqual(['birthday', 'large_inflow']);
    expect([...offKeysFor(switches, 'OU0102', 'OU01')]).toEqual([]);
    expect([...offKeysFor(switches, 'OU0201', 'OU02')]).toEqual([]);
  });
});
