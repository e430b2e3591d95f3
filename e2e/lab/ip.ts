import { execFile, execFileSync } from 'node:child_process';

/** Generous guard: `ip` answers in milliseconds; only a wedged kernel call takes longer. */
const IP_TIMEOUT_MS = 15_000;

export class LabCommandError extends Error {
  constructor(
    readonly command: string,
    readonly detail: string,
  ) {
    super(`${command} failed: ${detail.trim() || 'no output'}`);
    this.name = 'LabCommandError';
  }
}

/** Runs `ip <args>` and resolves with its stdout; a non-zero exit rejects with ip's own complaint. */
export function ip(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ip', args, { timeout: IP_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new LabCommandError(`ip ${args.join(' ')}`, stderr || error.message));
      else resolve(stdout);
    });
  });
}

/** The synchronous form, for exit handlers where nothing asynchronous runs any more. Never throws. */
export function ipSync(args: readonly string[]): boolean {
  try {
    execFileSync('ip', args, { timeout: IP_TIMEOUT_MS, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Names of all network namespaces `ip netns` knows (the first word of each line; ids follow in parentheses). */
export function listNamespacesSync(): string[] {
  try {
    const out = execFileSync('ip', ['netns', 'list'], { timeout: IP_TIMEOUT_MS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return parseNamespaceList(out);
  } catch {
    return [];
  }
}

export async function listNamespaces(): Promise<string[]> {
  return parseNamespaceList(await ip(['netns', 'list']));
}

function parseNamespaceList(out: string): string[] {
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name.length > 0);
}

/** Process ids living in a namespace (left-overs of a crashed run must die before the namespace goes). */
export function namespacePidsSync(name: string): number[] {
  try {
    const out = execFileSync('ip', ['netns', 'pids', name], {
      timeout: IP_TIMEOUT_MS,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return [];
  }
}
