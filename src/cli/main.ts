import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { COMMANDS, type CommandEntry } from './manifest.js';

/**
 * The `caiban` command line (docs: ../shared/CLI.md). Each command group lives in its own file and exports
 * `register(program)`. This file reads the static manifest (`manifest.ts`) and imports only the group the
 * arguments name, so `caiban --help` loads no command group, no language model and no database driver.
 */
export const buildProgram = async (argv: string[] = []): Promise<Command> => {
  const program = new Command('caiban')
    .description('Caiban 财伴 — AI wealth-advisory platform / 智能财富顾问平台')
    .showHelpAfterError()
    .exitOverride();
  const wanted = requestedCommand(argv);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) (await entry.load()).register(program);
    else program.command(entry.name).description(entry.summary);
  }
  return program;
};

/** Loads every command group (for tests that check the manifest against the groups). */
export const buildFullProgram = async (): Promise<Command> => {
  const program = new Command('caiban').exitOverride();
  for (const g of await Promise.all(COMMANDS.map((e) => e.load()))) g.register(program);
  return program;
};

/** The manifest entry the arguments name (`caiban X …` or `caiban help X`), if any. */
const requestedCommand = (argv: string[]): string | undefined => {
  const positional = argv.filter((a) => !a.startsWith('-'));
  const first = positional[0] === 'help' ? positional[1] : positional[0];
  return COMMANDS.find((e: CommandEntry) => e.name === first)?.name;
};

export const main = async (argv: string[]): Promise<void> => {
  // Numeric kernels (covariance, Cholesky, GBDT histograms) are WebAssembly modules whose first call is often
  // the long one; without the baseline tier that call runs optimised code (a CLI run would otherwise spend
  // most of it in Liftoff's code — the wasm tier-up replaces code only between calls).
  setFlagsFromString('--no-liftoff');
  const program = await buildProgram(argv);
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
