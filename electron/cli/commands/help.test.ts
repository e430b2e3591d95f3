import { describe, expect, it } from 'vitest';
import { runCli, usage } from '../run-cli';
import type { CliIo } from '../command';
import { commands } from './index';

async function help(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = {
    stdout: (text) => void (out += text),
    stderr: () => {},
    readStdin: async () => '',
    interrupted: new Promise(() => {}),
  };
  return { code: await runCli(argv, commands, io), out };
}

/** The exit-status paragraph of a help text, as one line. */
function exitStatus(text: string): string | undefined {
  return /\nExit status: [^]*$/
    .exec(text)?.[0]
    .trim()
    .replace(/\s*\n\s*/g, ' ');
}

describe('adsroute --help', () => {
  // Scripts branch on the exit code, so every command says what each code means, in the same words for the same cases.
  it.each(commands.map((command) => command.name))('%s --help lists its exit codes 0, 1 and 2 the same way', async (name) => {
    const { code, out } = await help(name, '--help');
    expect(code).toBe(0);
    expect(exitStatus(out)).toMatch(/^Exit status: 0 [^;]+; 1 [^;]+; 2 usage error[^;]*\.$/);
  });

  it('the overview says what the codes mean in general', async () => {
    const { out } = await help('--help');
    expect(out).toBe(`${usage(commands)}\n`);
    expect(exitStatus(out)).toBe("Exit status: 0 ok; 1 failed; 2 usage error (each command's --help says what failed means).");
  });
});
