import { parseArgs } from 'node:util';
import { APP_VERSION } from '../services/app/version';
import { UsageError, type CliCommand, type CliIo } from './command';

export function usage(commands: CliCommand[]): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: adsroute <command> [options]',
    '',
    'Find TwinCAT systems and create (Secure) ADS routes from the command line.',
    '',
    'Commands:',
    ...(lines.length ? lines : ['  (none)']),
    '',
    'Options:',
    "  -h, --help     show this help, or a command's help with `adsroute <command> --help`",
    '  -v, --version  print the version',
    '',
    "Exit status: 0 ok; 1 failed; 2 usage error (each command's --help says what failed means).",
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(`${topic ? topic.usage : usage(commands)}\n`);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`adsroute ${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr(`adsroute: unknown command '${first}'\n\n${usage(commands)}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`adsroute ${command.name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`adsroute ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** parseArgs with strict checking; re-exported so commands share one parsing style. */
export { parseArgs };
