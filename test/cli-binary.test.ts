import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/repo-root.js';

const built = existsSync(join(repoRoot, 'dist', 'cli', 'main.js'));
if (!built) process.stderr.write('skipping bin/caiban tests: dist is absent (run `npm run build`)\n');

const caiban = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'caiban'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('the bin/caiban binary (compiled CLI)', () => {
  it.skipIf(!built)('prints its help listing the platform commands and exits 0', () => {
    const r = caiban('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: caiban');
    for (const cmd of ['start', 'db', 'demo']) expect(r.stdout).toMatch(new RegExp(`\\n\\s+${cmd}\\b`));
  });

  it.skipIf(!built)('documents the flags of `caiban start`', () => {
    const r = caiban('start', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--data-dir', '--customers', '--json']) expect(r.stdout).toContain(flag);
  });

  it.skipIf(!built)('exits 2 on an unknown command', () => {
    expect(caiban('no-such-command').status).toBe(2);
  });

  it.skipIf(!built)('refuses a bad --port with exit code 2 and a message naming the flag', () => {
    const r = caiban('start', '--port', '70000');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port');
  });
});
