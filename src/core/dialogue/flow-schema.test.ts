import { describe, expect, it } from 'vitest';
import { parseFlow } from './flow-schema.js';
import { BUILTIN_FLOWS, flowSet } from './flows.js';

describe('flows as data', () => {
  it('every built-in flow parses and every intent starts at most one flow', () => {
    expect(BUILTIN_FLOWS.length).toBeGreaterThan(15);
    expect(() => flowSet(BUILTIN_FLOWS)).not.toThrow();
  });

  it('round-trips through JSON', () => {
    for (const f of BUILTIN_FLOWS) expect(parseFlow(JSON.parse(JSON.stringify(f)))).toEqual(f);
  });

  it('names the problem of a bad document', () => {
    const bad = {
      name: 'x',
      version: '1.0.0',
      title: 'X',
      steps: [{ id: 'a', kind: 'say', text: 'hi', next: 'nowhere' }],
    };
    expect(() => parseFlow(bad)).toThrow(/unknown step nowhere/);
    expect(() => parseFlow({ ...bad, version: 'v1' })).toThrow(/flow\.version/);
    expect(() =>
      parseFlow({
        name: 'x',
        version: '1.0.0',
        title: 'X',
        steps: [{ id: 'a', kind: 'branch', cases: [{ when: { op: 'eq' }, goto: 'a' }], else: 'a' }],
      }),
    ).toThrow(/exactly one of slot or customer/);
  });
});
