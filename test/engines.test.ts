import { readFileSync } from 'node:fs';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';

// The README promises Node 20.19+; every installed package must accept the oldest Node the engines field allows
// (issue 10: cookie@2 and content-disposition@3 needed Node 22 while package.json said >=20.19).
type Lock = { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };

const root = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;

describe('dependency engines', () => {
  it('every package in the lock file runs on the oldest Node the engines field allows', () => {
    const oldest = minVersion(root.engines.node);
    expect(oldest?.version).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range !== undefined && !satisfies(oldest!, range, { includePrerelease: true })
          ? [`${path.replace(/^.*node_modules\//, '')} needs node ${range}`]
          : [];
      });
    expect(refusing).toEqual([]);
  });
});
