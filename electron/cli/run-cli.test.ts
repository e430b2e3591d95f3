import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { UsageError, type CliCommand, type CliIo } from './command';

function bufferIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readStdin: async () => '',
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'print its arguments',
  usage: 'Usage: adsroute echo WORDS...',
  async run(argv, io) {
    if (argv.length === 0) throw new UsageError('nothing to echo');
    io.stdout(`${argv.join(' ')}\n`);
    return 0;
  },
};

describe('runCli', () => {
  it('prints usage listing the commands for --help', async () => {
    const io = bufferIo();
    expect(await runCli(['--help'], [echo], io)).toBe(0);
    expect(io.out).toContain('Usage: adsroute <command>');
    expect(io.out).toContain('echo');
  });

  it('prints the version', async () => {
    const io = bufferIo();
    expect(await runCli(['--version'], [echo], io)).toBe(0);
    expect(io.out).toMatch(/^adsroute \S+\n$/);
  });

  it('exits 2 with usage for an unknown command', async () => {
    const io = bufferIo();
    expect(await runCli(['frobnicate'], [echo], io)).toBe(2);
    expect(io.err).toContain("unknown command 'frobnicate'");
    expect(io.err).toContain('Usage: adsroute');
  });

  it('exits 2 with the command usage on a usage error', async () => {
    const io = bufferIo();
    expect(await runCli(['echo'], [echo], io)).toBe(2);
    expect(io.err).toContain('nothing to echo');
    expect(io.err).toContain('Usage: adsroute echo');
  });

  it('runs a command', async () => {
    const io = bufferIo();
    expect(await runCli(['echo', 'a', 'b'], [echo], io)).toBe(0);
    expect(io.out).toBe('a b\n');
  });
});
