import { UsageError, type CliIo } from './command';

/** A secret the CLI takes: on the command line, from standard input, or from an environment variable. */
export type SecretName = 'password' | 'psk-password' | 'psk-key' | 'key-password';

export const SECRET_ENV: Record<SecretName, string> = {
  password: 'ADSROUTE_PASSWORD',
  'psk-password': 'ADSROUTE_PSK_PASSWORD',
  'psk-key': 'ADSROUTE_PSK_KEY',
  'key-password': 'ADSROUTE_KEY_PASSWORD',
};

/** Spread into a parseArgs `options` object next to the `--NAME VALUE` options. */
export const SECRET_STDIN_OPTIONS = {
  'password-stdin': { type: 'boolean' },
  'psk-password-stdin': { type: 'boolean' },
  'psk-key-stdin': { type: 'boolean' },
  'key-password-stdin': { type: 'boolean' },
} as const;

/** For --help: where a secret may come from, and why not the command line. */
export const SECRET_HELP = `Secrets (--password, --psk-password, --psk-key, --key-password):
  A value given as an argument is visible to other users of this computer (ps, /proc) and may land in shell
  history. Prefer --NAME-stdin (reads one line from standard input; one secret per run) or the environment
  variables ADSROUTE_PASSWORD, ADSROUTE_PSK_PASSWORD, ADSROUTE_PSK_KEY, ADSROUTE_KEY_PASSWORD. An argument or
  --NAME-stdin wins over the environment.`;

type Values = Record<string, string | boolean | undefined>;

/**
 * Reads the secrets in `groups` (a group holds alternatives, like PSK password or key): each from its argument or its
 * --NAME-stdin flag; a group that got neither takes what the environment holds. Standard input carries one secret.
 */
export async function readSecrets(groups: SecretName[][], values: Values, io: CliIo): Promise<Partial<Record<SecretName, string>>> {
  const names = groups.flat();
  const fromStdin = names.filter((name) => values[`${name}-stdin`] === true);
  if (fromStdin.length > 1)
    throw new UsageError(`standard input holds one secret: use only one of ${fromStdin.map((n) => `--${n}-stdin`).join(', ')}`);
  const out: Partial<Record<SecretName, string>> = {};
  for (const name of names) {
    const given = values[name];
    if (typeof given === 'string') {
      if (fromStdin.includes(name)) throw new UsageError(`use either --${name} or --${name}-stdin`);
      out[name] = given;
    } else if (fromStdin.includes(name)) {
      out[name] = (await io.readStdin()).replace(/\r?\n$/, '');
    }
  }
  const env = io.env ?? {};
  for (const group of groups) {
    if (group.some((name) => out[name] !== undefined)) continue;
    for (const name of group) {
      const value = env[SECRET_ENV[name]];
      if (value !== undefined && value !== '') out[name] = value;
    }
  }
  return out;
}
