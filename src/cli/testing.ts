import { main } from './main.js';

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the CLI in this process with stdout/stderr captured (for tests; the contract is the same as the
 * `bin/caiban` binary, which `test/cli-binary.test.ts` checks end to end).
 */
export const runCli = async (args: string[]): Promise<CliResult> => {
  const out: string[] = [];
  const err: string[] = [];
  const origOut = process.stdout.write.bind(process.stdout);
  const origErr = process.stderr.write.bind(process.stderr);
  const prevCode = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = (chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    err.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  try {
    await main(args);
  } finally {
    process.stdout.write = origOut;
    process.stderr.write = origErr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = prevCode;
  return { code, stdout: out.join(''), stderr: err.join('') };
};
