/** Where a command writes; tests pass buffers, main() passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  /** Environment variables secrets may come from (ADSROUTE_PASSWORD, ...); absent in tests that do not set any. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands await it. */
  interrupted: Promise<void>;
  /** Asks the user one question on the terminal; null (or absent) when there is no terminal to ask. */
  prompt?: (question: string) => Promise<string | null>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 failed, 2 usage error. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments; main() prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
