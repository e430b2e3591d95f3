import { UsageError, type CliIo } from './command';

/**
 * Options that add-route and probe both accept, declared once so the two commands spell and validate them alike.
 * Spread these into a parseArgs `options` object.
 */
export const PORT_OVERRIDE_OPTIONS = {
  'udp-port': { type: 'string' },
  'ads-port': { type: 'string' },
  'tls-port': { type: 'string' },
} as const;

export const PSK_OPTIONS = {
  'psk-identity': { type: 'string' },
  'psk-password': { type: 'string' },
  'psk-password-stdin': { type: 'boolean' },
  'psk-key': { type: 'string' },
  'psk-key-stdin': { type: 'boolean' },
} as const;

export const TIMEOUT_OPTION = {
  timeout: { type: 'string' },
} as const;

export interface PortOverrides {
  udp: number | undefined;
  ads: number | undefined;
  tls: number | undefined;
}

export function portOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name} must be a port number 1-65535`);
  return n;
}

/** --udp-port / --ads-port / --tls-port; undefined where the default port applies. */
export function portOverrides(values: { 'udp-port'?: string; 'ads-port'?: string; 'tls-port'?: string }): PortOverrides {
  return {
    udp: portOption(values['udp-port'], 'udp-port'),
    ads: portOption(values['ads-port'], 'ads-port'),
    tls: portOption(values['tls-port'], 'tls-port'),
  };
}

export function msOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 600_000) throw new UsageError(`--${name} must be milliseconds between 100 and 600000`);
  return n;
}

/**
 * One of a fixed set of values. A missing option is "required", a given one that is not in the set is "not valid":
 * saying "required" for a value the user did type sends them looking for the wrong mistake.
 */
export function choiceOption<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T {
  if (value === undefined) throw new UsageError(`--${flag} is required: one of ${choices.join(', ')}`);
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`--${flag} ${value} is not valid: use one of ${choices.join(', ')}`);
  return value as T;
}

/** True when exactly one of --psk-password / --psk-key is given: a key comes from one source, never two. */
export function hasOnePskSecret(values: { 'psk-password'?: string; 'psk-key'?: string }): boolean {
  return (values['psk-password'] === undefined) !== (values['psk-key'] === undefined);
}

/** Aborts when the user presses Ctrl+C. */
export function interruptSignal(io: CliIo): AbortSignal {
  const controller = new AbortController();
  void io.interrupted.then(() => controller.abort());
  return controller.signal;
}
