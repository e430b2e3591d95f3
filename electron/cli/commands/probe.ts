import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand } from '../command';
import { readSecrets, SECRET_HELP } from '../secrets';
import { hasOnePskSecret, interruptSignal, msOption, portOverrides, PORT_OVERRIDE_OPTIONS, PSK_OPTIONS, TIMEOUT_OPTION } from '../options';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { engineConnector } from '../../services/ads/secure/default-connector';
import { probeTarget, type ProbeReport } from '../../services/ads/probe';
import { resolvePsk } from '../../services/ads/secure/psk';
import { RouteFailure } from '../../services/ads/route-failure';
import type { TlsConnector } from '../../services/ads/secure/secure-transport';
import { localAddressFor, netIdForAddress } from '../../services/identity/index';

const USAGE = `Usage: adsroute probe HOST [options]

Checks what a TwinCAT system offers: UDP 48899 (discovery), TCP 48898 (plain ADS) and TCP 8016 (Secure ADS) with a
TLS handshake. Shows the negotiated suite and the target's certificate, UNVERIFIED: compare its fingerprint with
"About TwinCAT" on the target before you pass it to \`adsroute add-route --fingerprint\`. Sends no credentials.

Options:
  --psk-identity ID       do a PSK handshake instead (with --psk-password PW or --psk-key HEX)
  --psk-password PW       PSK password (key = SHA-256(upper(ID) + PW))
  --psk-key HEX           PSK key as 64 hex digits
  --psk-password-stdin, --psk-key-stdin   read it from standard input instead
  --legacy-crypto         also accept 1024-bit RSA server keys and non-standard DH groups (old targets only)
  --timeout MS            per check (default 3000)
  --udp-port N --ads-port N --tls-port N   other ports (labs and tests)
  --json                  print one JSON object

${SECRET_HELP}

Exit status: 0 the host answered on at least one port; 1 nothing answered; 2 usage error.`;

export function createProbeCommand(connector: TlsConnector = engineConnector): CliCommand {
  return {
    name: 'probe',
    summary: 'check UDP 48899, TCP 48898 and Secure ADS (TCP 8016) of one host, show its certificate',
    usage: USAGE,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          json: { type: 'boolean' },
          'legacy-crypto': { type: 'boolean' },
          ...PSK_OPTIONS,
          ...TIMEOUT_OPTION,
          ...PORT_OVERRIDE_OPTIONS,
        },
      });
      const host = positionals[0];
      if (!host || positionals.length > 1) throw new UsageError('give exactly one HOST');
      let psk: { identity: string; key: Uint8Array } | undefined;
      if (values['psk-identity'] !== undefined) {
        const secrets = await readSecrets([['psk-password', 'psk-key']], values, io);
        if (!hasOnePskSecret(secrets)) throw new UsageError('--psk-identity needs --psk-password or --psk-key (one of them)');
        try {
          psk = resolvePsk({ identity: values['psk-identity'], password: secrets['psk-password'], keyHex: secrets['psk-key'] });
        } catch (error) {
          throw new UsageError(error instanceof RouteFailure ? error.message : String(error));
        }
      } else if (
        values['psk-password'] !== undefined ||
        values['psk-key'] !== undefined ||
        values['psk-password-stdin'] ||
        values['psk-key-stdin']
      ) {
        throw new UsageError('--psk-password / --psk-key need --psk-identity');
      }
      const timeoutMs = msOption(values.timeout, 'timeout', 3000);
      const localNetId = netIdForAddress((await localAddressFor(host)) ?? '127.0.0.1');
      const report = await probeTarget({
        host,
        ports: portOverrides(values),
        timeoutMs,
        connector,
        localNetId,
        psk,
        legacyCrypto: values['legacy-crypto'] === true,
        signal: interruptSignal(io),
      });
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.udp.ok || report.ads.ok || report.tls.ok ? 0 : 1;
    },
  };
}

function formatReport(r: ProbeReport): string {
  const lines = [`${r.host}`];
  const fail = (e: { message: string; fix: string | null } | undefined) => `${e?.message ?? 'failed'}${e?.fix ? `\n      → ${e.fix}` : ''}`;
  lines.push(
    r.udp.ok
      ? `  UDP ${r.udp.port}  answers (${r.udp.ms} ms): ${r.udp.hostname}, NetId ${r.udp.netId}, TwinCAT ${r.udp.twincat ?? '?'}, ${r.udp.os ?? '?'}${r.udp.fingerprint ? `\n      discovery fingerprint (unauthenticated): ${formatFingerprint(r.udp.fingerprint, 'grouped')}` : ''}`
      : `  UDP ${r.udp.port}  ${fail(r.udp.error)}`,
  );
  lines.push(r.ads.ok ? `  TCP ${r.ads.port}  open (${r.ads.ms} ms)` : `  TCP ${r.ads.port}  ${fail(r.ads.error)}`);
  if (!r.tls.ok) lines.push(`  TCP ${r.tls.port}   ${fail(r.tls.error)}`);
  else if (r.tls.mode === 'psk') lines.push(`  TCP ${r.tls.port}   PSK handshake OK (${r.tls.ms} ms), ${r.tls.cipherSuite}`);
  else {
    const c = r.tls.certificate;
    lines.push(`  TCP ${r.tls.port}   TLS 1.2 handshake OK (${r.tls.ms} ms), ${r.tls.cipherSuite}`);
    if (c) {
      lines.push(
        `      certificate (UNVERIFIED — compare with "About TwinCAT" on the target):`,
        `        fingerprint ${formatFingerprint(c.fingerprint, 'grouped')}`,
        `        subject     ${c.subject}`,
        `        issuer      ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}`,
        `        valid       ${c.notBefore} .. ${c.notAfter}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export const probeCommand = createProbeCommand();
