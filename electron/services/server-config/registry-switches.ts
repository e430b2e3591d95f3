import { execFile } from 'node:child_process';

/** The three listener switches under HKLM\SOFTWARE\[WOW6432Node\]Beckhoff\TwinCAT3\System (DWORD 1 = off). */
export interface ListenerSwitchState {
  name: 'DisableAdsTcpListening' | 'DisableAdsTlsListening' | 'DisableAdsDiscovery';
  /** null: the value is not set (TwinCAT's default: the listener is on). */
  value: number | null;
}

export const SWITCH_NAMES = ['DisableAdsTcpListening', 'DisableAdsTlsListening', 'DisableAdsDiscovery'] as const;

export const REGISTRY_KEYS = ['HKLM\\SOFTWARE\\WOW6432Node\\Beckhoff\\TwinCAT3\\System', 'HKLM\\SOFTWARE\\Beckhoff\\TwinCAT3\\System'];

/** Reads `reg query` output: lines like "    DisableAdsTcpListening    REG_DWORD    0x1". */
export function parseRegQuery(output: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s+(\S+)\s+REG_DWORD\s+0x([0-9a-f]+)\s*$/i.exec(line);
    if (match) values.set(match[1]!.toLowerCase(), Number.parseInt(match[2]!, 16));
  }
  return values;
}

/** The switches from whichever key has them (the 32-bit view first, where TwinCAT's installer writes). */
export function switchesFrom(outputs: string[]): ListenerSwitchState[] {
  const merged = new Map<string, number>();
  for (const output of [...outputs].reverse()) for (const [k, v] of parseRegQuery(output)) merged.set(k, v);
  return SWITCH_NAMES.map((name) => ({ name, value: merged.get(name.toLowerCase()) ?? null }));
}

export type RunReg = (args: string[]) => Promise<string>;

/** Read-only: runs `reg query` for both registry views; a missing key reads as "not set". Windows only. */
export async function readListenerSwitches(run: RunReg = runReg): Promise<ListenerSwitchState[]> {
  const outputs = await Promise.all(REGISTRY_KEYS.map((key) => run(['query', key]).catch(() => '')));
  return switchesFrom(outputs);
}

function runReg(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('reg', args, { windowsHide: true, timeout: 5000 }, (error, stdout) =>
      error ? reject(new Error(error.message)) : resolve(String(stdout)),
    );
  });
}
