import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand, type CliIo } from '../command';
import type { ServerApplyResult, ServerChange, ServerModel, ServerPlace } from '../../../shared/ipc/channels/server-config';
import { defaultDataDir } from '../../services/app/data-dir';
import { LogBook } from '../../services/log/logger';
import { ServerConfigService, generatePskSecret, secretStrength, toServerError } from '../../services/server-config/server-config-service';
import { uploadFile } from '../../services/server-config/target-actions';
import { systemSessionConnector } from '../../services/server-config/system-session-connector';
import type { SystemSessionConnector } from '../../services/server-config/system-session';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom } from './server-connection';

const USAGE = `Usage: adsroute server-config show TARGET|--local [--json]
       adsroute server-config add-psk TARGET|--local --identity ID (--generate | --secret-stdin) [--json]
       adsroute server-config remove-psk TARGET|--local --identity ID [--json]
       adsroute server-config set TARGET|--local [--secure-only on|off]
                              [--ca F --cert F --key F [--key-password-stdin] [--ignore-cn] [--upload [--target-folder DIR]]]
                              [--clear-tls] [--json]

Shows and changes the <Server> section of StaticRoutes.xml (PSK identities, CA files, SecureOnly) on TARGET over
its system service, or on this PC's TwinCAT (--local). Every change is a safe write: a backup is kept, the result is
parsed before it replaces anything, and a file that changed since it was read is left alone. Changes take effect
when TwinCAT's router re-initialises: \`adsroute restart TARGET --mode config --yes\`.

  --generate             a new secret (32 random bytes), printed once with the key TwinCAT derives from it
  --secret-stdin         read the secret from standard input (a weak one gets a warning)
  --upload               copy the --ca/--cert/--key files into the target's CACerts/ folder and point to them there
  --target-folder DIR    with --upload: write absolute paths under DIR (e.g. C:\\TwinCAT\\3.1\\Target) instead of CACerts/…

${CONNECTION_USAGE}

Exit status: 0 done; 1 failed (nothing was changed unless it says so); 2 usage error.`;

const SUBCOMMANDS = ['show', 'add-psk', 'remove-psk', 'set'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

export function createServerConfigCommand(connector?: SystemSessionConnector): CliCommand {
  return {
    name: 'server-config',
    summary: "show or change a system's Secure ADS server section (PSK identities, CA files, SecureOnly)",
    usage: USAGE,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          ...CONNECTION_OPTIONS,
          local: { type: 'boolean' },
          json: { type: 'boolean' },
          identity: { type: 'string' },
          generate: { type: 'boolean' },
          'secret-stdin': { type: 'boolean' },
          'secure-only': { type: 'string' },
          ca: { type: 'string' },
          cert: { type: 'string' },
          key: { type: 'string' },
          'key-password-stdin': { type: 'boolean' },
          'ignore-cn': { type: 'boolean' },
          upload: { type: 'boolean' },
          'target-folder': { type: 'string' },
          'clear-tls': { type: 'boolean' },
        },
      });
      const sub = positionals[0] as Sub | undefined;
      if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError('give a subcommand: show, add-psk, remove-psk or set');
      const address = positionals[1];
      if (positionals.length > 2) throw new UsageError('give one TARGET');
      if ((address === undefined) === (values.local !== true)) throw new UsageError('give a TARGET or --local (one of them)');
      const json = values.json === true;

      const changes = await changesFor(sub, values, io);
      const logBook = new LogBook();
      const logger = logBook.logger('server-config');
      const connection = address === undefined ? null : await connectionFrom(address, values, io);
      const dataDir = connection?.dataDir ?? values['data-dir'] ?? defaultDataDir();
      const service = new ServerConfigService({
        dataDir,
        logger,
        connect:
          connector ?? systemSessionConnector({ dataDir, localNetId: connection?.localNetId, timeoutMs: connection?.timeoutMs, logger }),
      });
      const place: ServerPlace = connection ? { kind: 'target', target: connection.target } : { kind: 'local' };
      const label = connection ? connection.target.address : 'local';

      if (sub === 'show') {
        const read = await service.read(place);
        if (!read.ok || !read.model) return fail(io, json, label, read.error);
        if (json) io.stdout(`${JSON.stringify(showJson(label, read.model), null, 2)}\n`);
        else io.stdout(showText(read.place, read.folder, read.model));
        return 0;
      }

      let generated: { secret: string; keyHex: string } | null = null;
      if (changes.generate) {
        generated = generatePskSecret(changes.identity!);
        changes.list = [{ kind: 'add-psk', identity: changes.identity!, secret: generated.secret }];
      }
      if (changes.upload && connection) {
        const uploaded: string[] = [];
        for (const local of changes.upload) {
          const remotePath = `CACerts/${local.replace(/^.*[\\/]/, '')}`;
          const result = await uploadFile(service, connection.target, local, remotePath, logger);
          if (!result.ok) return fail(io, json, label, result.error);
          uploaded.push(remotePath);
        }
        const folder = values['target-folder'];
        const where = (p: string) => (folder ? `${folder.replace(/[\\/]+$/, '')}\\${p.replace('/', '\\')}` : p);
        const tls = changes.list.find((c) => c.kind === 'set-tls');
        if (tls?.kind === 'set-tls') Object.assign(tls, { ca: where(uploaded[0]!), cert: where(uploaded[1]!), key: where(uploaded[2]!) });
      }
      const results: ServerApplyResult[] = [];
      for (const change of changes.list) {
        const result = await service.apply(place, change);
        if (!result.ok || !result.model) return fail(io, json, label, result.error);
        results.push(result);
      }
      const final = results.at(-1);
      const last = final
        ? { ...final, changed: results.some((r) => r.changed), backup: results.find((r) => r.backup)?.backup ?? null }
        : null;
      if (!last) throw new UsageError('nothing to change: give --secure-only, --ca/--cert/--key or --clear-tls');
      const out: Record<string, unknown> = { ok: true, target: label, changed: last.changed, backup: last.backup };
      if (sub === 'add-psk' || sub === 'remove-psk') out.identity = changes.identity;
      if (generated) Object.assign(out, generated);
      if (sub === 'set') Object.assign(out, { secureOnly: last.model!.secureOnly, tls: tlsJson(last.model!) });
      if (json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      else {
        io.stdout(
          `${last.place}: ${last.changed ? 'changed' : 'already as asked, nothing written'}${last.backup ? ` (backup ${last.backup})` : ''}\n`,
        );
        if (generated)
          io.stdout(
            `PSK secret (shown once; enter it as the PSK password): ${generated.secret}\nPSK key (hex, for tools that take the key):     ${generated.keyHex}\n`,
          );
        if (last.changed) io.stdout('Takes effect when the router re-initialises: adsroute restart TARGET --mode config --yes\n');
      }
      return 0;
    },
  };
}

interface Changes {
  list: ServerChange[];
  identity?: string;
  generate?: boolean;
  upload?: string[];
}

async function changesFor(sub: Sub, values: Record<string, string | boolean | undefined>, io: CliIo): Promise<Changes> {
  const text = (name: string) => values[name] as string | undefined;
  if (sub === 'show') return { list: [] };
  if (sub === 'add-psk' || sub === 'remove-psk') {
    const identity = text('identity');
    if (!identity) throw new UsageError(`${sub} needs --identity ID`);
    if (!/^[\x21-\x7e][\x20-\x7e]{0,127}$/.test(identity)) throw new UsageError('--identity must be printable ASCII (1-128 characters)');
    if (sub === 'remove-psk') return { list: [{ kind: 'remove-psk', identity }], identity };
    if ((values.generate === true) === (values['secret-stdin'] === true))
      throw new UsageError('add-psk needs --generate or --secret-stdin (one of them)');
    if (values.generate === true) return { list: [], identity, generate: true };
    const secret = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!secret) throw new UsageError('the secret on standard input is empty');
    if (secretStrength(secret) === 'weak')
      io.stderr('warning: this secret is weak (short or little variety); --generate makes a strong one\n');
    return { list: [{ kind: 'add-psk', identity, secret }], identity };
  }
  const list: ServerChange[] = [];
  const secureOnly = text('secure-only');
  if (secureOnly !== undefined) {
    if (secureOnly !== 'on' && secureOnly !== 'off') throw new UsageError('--secure-only must be on or off');
    list.push({ kind: 'set-secure-only', on: secureOnly === 'on' });
  }
  const files = [text('ca'), text('cert'), text('key')];
  let upload: string[] | undefined;
  if (files.some((f) => f !== undefined)) {
    if (files.some((f) => !f)) throw new UsageError('--ca, --cert and --key go together');
    if (values['clear-tls'] === true) throw new UsageError('use either --ca/--cert/--key or --clear-tls');
    let keyPassword: string | undefined;
    if (values['key-password-stdin'] === true) keyPassword = (await io.readStdin()).replace(/\r?\n$/, '') || undefined;
    list.push({
      kind: 'set-tls',
      ca: files[0]!,
      cert: files[1]!,
      key: files[2]!,
      ignoreCn: values['ignore-cn'] === true,
      ...(keyPassword ? { keyPassword } : {}),
    });
    if (values.upload === true) {
      if (values.local === true) throw new UsageError('--upload copies files to a TARGET; with --local, give paths on this PC');
      upload = files as string[];
    }
  } else if (values.upload === true) {
    throw new UsageError('--upload needs --ca, --cert and --key');
  }
  if (values['clear-tls'] === true) list.push({ kind: 'clear-tls' });
  if (!list.length) throw new UsageError('nothing to change: give --secure-only, --ca/--cert/--key or --clear-tls');
  return { list, ...(upload ? { upload } : {}) };
}

function tlsJson(model: ServerModel) {
  return model.tls ? { ca: model.tls.ca, cert: model.tls.cert, key: model.tls.key, ignoreCn: model.tls.ignoreCn } : null;
}

export function showJson(target: string, model: ServerModel) {
  return {
    ok: true,
    target,
    secureOnly: model.secureOnly,
    psk: model.psk.map((p) => ({ identity: p.identity })),
    tls: tlsJson(model),
    routes: model.routes,
  };
}

function showText(place: string, folder: string | null, model: ServerModel): string {
  const lines = [`${place}${folder ? ` — ${folder}` : ''}`, `  SecureOnly: ${model.secureOnly ? 'on (plain ADS refused)' : 'off'}`];
  lines.push(`  PSK identities: ${model.psk.length ? model.psk.map((p) => p.identity).join(', ') : 'none'}`);
  lines.push(
    model.tls
      ? `  CA files: ${model.tls.ca ?? '-'} | ${model.tls.cert ?? '-'} | ${model.tls.key ?? '-'}${model.tls.ignoreCn ? ' (IgnoreCn)' : ''}${model.tls.keyPassword ? ' (key password set)' : ''}`
      : '  CA files: none',
  );
  lines.push(`  Routes (${model.routes.length}):`);
  for (const r of model.routes)
    lines.push(
      `    ${r.name.padEnd(20)} ${r.address.padEnd(18)} ${r.netId.padEnd(20)} ${r.secure ? 'Secure ADS' : 'plain'}${r.unidirectional ? ', unidirectional' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

function fail(io: CliIo, json: boolean, target: string, error: ReturnType<typeof toServerError> | null): number {
  const e = error ?? { code: 'failed', message: 'failed', diff: null };
  if (json) io.stdout(`${JSON.stringify({ ok: false, target, error: e }, null, 2)}\n`);
  else io.stderr(`${target}: ${e.code}: ${e.message}${e.diff ? `\n${e.diff.join('\n')}` : ''}\n`);
  return 1;
}

export const serverConfigCommand = createServerConfigCommand();
