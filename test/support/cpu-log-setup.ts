import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { repoRoot } from './repo-root.js';

/**
 * With CAIBAN_TEST_CPU_LOG=<file> (set by bench/test-cpu.ts), appends one JSON line per test file: the CPU time
 * (user + system) its worker process spent from this setup file's start to the file's last afterAll, and whether
 * the worker was fresh (a new process: its start-up and imports are in the figure) or reused (`isolate: false`).
 */
const log = process.env.CAIBAN_TEST_CPU_LOG;
if (log) {
  const fresh = !(globalThis as { __caibanCpuSeen?: boolean }).__caibanCpuSeen;
  (globalThis as { __caibanCpuSeen?: boolean }).__caibanCpuSeen = true;
  // A fresh process counts from its own start (process.cpuUsage() is cumulative); a reused one from here.
  const start = fresh ? { user: 0, system: 0 } : process.cpuUsage();
  let file = '';
  beforeAll(() => {
    file = relative(repoRoot, expect.getState().testPath ?? '');
  });
  afterAll(() => {
    const d = process.cpuUsage(start);
    appendFileSync(
      log,
      JSON.stringify({ file, cpuS: (d.user + d.system) / 1e6, fresh, pid: process.pid }) + '\n',
    );
  });
}
