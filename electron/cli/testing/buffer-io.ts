import type { CliIo } from '../command';

/** A CLI's terminal for tests: what it prints is kept in `out` and `err`, standard input is `stdin`, and nobody presses Ctrl+C. */
export function bufferIo(stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => stdin,
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}
