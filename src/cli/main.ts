import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';

/**
 * The `caiban` command line (docs: ../shared/CLI.md). Each command group lives in its own file and exports
 * `register(program)`; this file only wires them together.
 */
export const buildProgram = async (): Promise<Command> => {
  const program = new Command('caiban')
    .description('Caiban 财伴 — AI wealth-advisory platform / 智能财富顾问平台')
    .showHelpAfterError()
    .exitOverride();
  const groups: Array<{ register: (p: Command) => void }> = await Promise.all(
    COMMAND_GROUPS.map((load) => load()),
  );
  for (const g of groups) g.register(program);
  return program;
};

/** Command groups, loaded lazily so that `caiban metrics` does not pay for the server's start-up. */
const COMMAND_GROUPS: Array<() => Promise<{ register: (p: Command) => void }>> = [
  () => import('./suitability.js'),
  () => import('./compliance.js'),
  () => import('./metrics.js'),
  () => import('./optimize.js'),
  () => import('./compare.js'),
  () => import('./db.js'),
  () => import('./demo.js'),
  () => import('./start.js'),
  () => import('./nlu.js'),
  () => import('./kb.js'),
  () => import('./abtest.js'),
  () => import('./funnel.js'),
  () => import('./uplift.js'),
  () => import('./causal.js'),
  () => import('./model.js'),
  () => import('./conversations.js'),
  () => import('./wecom.js'),
];

export const main = async (argv: string[]): Promise<void> => {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    throw e;
  }
};

const isEntry =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) await main(process.argv.slice(2));
