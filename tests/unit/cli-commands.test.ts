/**
 * The CLI loads only the modules of the command it is asked for (src/cli/main.ts COMMAND_MODULES):
 * a module's list of names must be exactly what it registers, or a command would be missing when
 * named, or its module loaded for nothing.
 */
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { COMMAND_MODULES, commandSummaries, main } from '../../src/cli/main';

function capture() {
  let out = '';
  return {
    io: { stdout: (text: string) => void (out += text), stderr: (text: string) => void (out += text) },
    out: () => out,
  };
}

describe('the CLI command modules', () => {
  test.each(COMMAND_MODULES.map((module, index) => [index, module] as const))(
    'module %i registers exactly the top-level commands it lists',
    async (_index, module) => {
      const program = new Command('ariadne');
      (await module.load())(program);
      expect(program.commands.map((command) => command.name()).sort()).toEqual([...module.names].sort());
    },
  );

  test('help lists every command of every module, once', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    const listed = [...out().matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((match) => match[1])
      .filter((name) => name !== 'help');
    expect(listed.sort()).toEqual([...new Set(COMMAND_MODULES.flatMap((module) => module.names))].sort());
  });

  test('help from the command list the build writes (dist/cli/commands.json) is the help of every module, to the byte', async () => {
    const summaries = await commandSummaries();
    for (const flag of ['--help', '-h']) {
      const [full, listed] = [capture(), capture()];
      expect(await main([flag], full.io)).toBe(0);
      expect(await main([flag], listed.io, { summaries })).toBe(0);
      expect(listed.out()).toBe(full.out());
    }
    // The list given is the list printed: help loads no module for it.
    const fake = capture();
    await main(['--help'], fake.io, {
      summaries: [{ name: 'zzz', term: 'zzz <thing>', description: 'not a command' }],
    });
    expect(fake.out()).toMatch(/^ {2}zzz <thing> +not a command$/m);
    expect(fake.out()).not.toMatch(/^ {2}mse /m);
  });

  test('a command shared by several modules gets the subcommands of all of them', async () => {
    const { io, out } = capture();
    expect(await main(['forms', '--help'], io)).toBe(0);
    const alone = new Command('ariadne');
    for (const module of COMMAND_MODULES.filter((m) => m.names.includes('forms'))) (await module.load())(alone);
    const subcommands = alone.commands.find((command) => command.name() === 'forms')!.commands.map((c) => c.name());
    expect(subcommands.length).toBeGreaterThan(3);
    for (const name of subcommands) expect(out()).toContain(`  ${name}`);
  });

  test('an unknown command is refused with the list of known ones', async () => {
    const { io, out } = capture();
    expect(await main(['no-such-command'], io)).not.toBe(0);
    expect(out()).toMatch(/unknown command/i);
  });
});
