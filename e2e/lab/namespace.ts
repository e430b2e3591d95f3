import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface ExecResult {
  /** Exit code; null when the command was killed (see signal) or could not start. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Failure guard only: the command is killed after this long. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Every process a lab starts, so that destroy and the exit handlers can end them before their namespace goes. */
export class ProcessTracker {
  private readonly children = new Set<ChildProcess>();

  add(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** SIGTERM first so hosts and simulators can close their sockets; SIGKILL whatever is still there after the guard. */
  async stopAll(graceMs = 5_000): Promise<void> {
    const running = [...this.children].filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            const guard = setTimeout(() => {
              child.kill('SIGKILL');
              resolve();
            }, graceMs);
            child.once('exit', () => {
              clearTimeout(guard);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    this.children.clear();
  }

  killAllSync(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
  }
}

/** One network namespace of the lab; commands run in it through `ip netns exec`. */
export class LabNamespace {
  constructor(
    readonly name: string,
    protected readonly tracker: ProcessTracker,
  ) {}

  /** The argv that runs `command` inside this namespace (for callers that spawn it themselves). */
  wrap(command: string, args: readonly string[] = []): [string, string[]] {
    return ['ip', ['netns', 'exec', this.name, command, ...args]];
  }

  /** Runs a command to completion and reports its exit; a failing command resolves, so tests can assert on it. */
  exec(command: string, args: readonly string[] = [], options: ExecOptions = {}): Promise<ExecResult> {
    const [file, argv] = this.wrap(command, args);
    return new Promise((resolve) => {
      const child = execFile(
        file,
        argv,
        { timeout: options.timeoutMs ?? 30_000, env: options.env ?? process.env, cwd: options.cwd, encoding: 'utf8', maxBuffer: 16 << 20 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ code, signal: error?.signal ?? null, stdout, stderr: stderr || (error && code === null ? error.message : '') });
        },
      );
      this.tracker.add(child);
    });
  }

  /** Starts a long-running process inside this namespace; the lab ends it on destroy at the latest. */
  spawn(command: string, args: readonly string[] = [], options: SpawnOptions = {}): ChildProcess {
    const [file, argv] = this.wrap(command, args);
    return this.tracker.add(spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options }));
  }
}

export type Subnet = 1 | 2;

export function subnetAddress(subnet: Subnet, host: number): string {
  return `10.77.${subnet}.${host}`;
}

export function subnetBroadcast(subnet: Subnet): string {
  return `10.77.${subnet}.255`;
}

/** A virtual TwinCAT machine's namespace: one adapter `eth0` on one lab subnet. */
export class LabTarget extends LabNamespace {
  readonly broadcast: string;
  readonly netmask = '255.255.255.0';

  constructor(
    name: string,
    tracker: ProcessTracker,
    readonly index: number,
    readonly subnet: Subnet,
    readonly address: string,
  ) {
    super(name, tracker);
    this.broadcast = subnetBroadcast(subnet);
  }
}
