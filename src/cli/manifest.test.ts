import { describe, expect, it } from 'vitest';
import { buildFullProgram, buildProgram } from './main.js';
import { COMMANDS } from './manifest.js';
import { runCli } from './testing.js';

describe('command manifest', () => {
  it('lists every group the modules register, with the description each registers', async () => {
    const full = await buildFullProgram();
    const registered = full.commands.map((c) => [c.name(), c.description()]);
    expect(COMMANDS.map((e) => [e.name, e.summary])).toEqual(registered);
  });

  it('builds the top-level help from the manifest alone', async () => {
    const program = await buildProgram(['--help']);
    // Stubs carry no options or subcommands: nothing was imported to build them.
    for (const c of program.commands) expect(c.commands.length + c.options.length).toBe(0);
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const e of COMMANDS) expect(r.stdout).toContain(e.name);
  });

  it('loads only the named group, also for `help X`', async () => {
    const program = await buildProgram(['help', 'nlu']);
    const nlu = program.commands.find((c) => c.name() === 'nlu')!;
    expect(nlu.commands.map((c) => c.name())).toEqual(['train', 'eval', 'predict']);
    const others = program.commands.filter((c) => c.name() !== 'nlu');
    for (const c of others) expect(c.commands.length + c.options.length).toBe(0);
    const r = await runCli(['optimize', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--objective');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
  });
});
