import { createInterface } from 'node:readline/promises';
import { commands } from './commands/index';
import { runCli } from './run-cli';
import type { CliIo } from './command';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
  interrupted,
  prompt: async (question) => {
    if (!process.stdin.isTTY) return null;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

void runCli(process.argv.slice(2), commands, io).then((code) => {
  process.exitCode = code;
  // Long-running commands (sim) keep sockets open until they resolve; once done, nothing should hold the process.
  setImmediate(() => process.exit(code));
});
