import { TypedError } from '../../../shared/typed-error';
import type { TargetConnection } from '../../../shared/ipc/channels/server-config';
import type { ServiceContext } from '../context';
import type { Logger } from '../log/logger';
import { IdentityService } from '../identity/index';
import { resolvePsk } from '../ads/secure/psk';
import type { TlsConnector } from '../ads/secure/secure-transport';
import { loadCertificateFile, loadPrivateKeyFile } from '../certificates/load-files';
import { FolderKind, isSystemServiceError, openSystemService, type SystemConnectionSecurity } from '../system-service/index';
import type { SystemSession, SystemSessionConnector } from './system-session';

export interface ConnectorOptions {
  dataDir: string;
  /** This PC's NetId as the target knows it (default: configured, else adapter address + .1.1). */
  localNetId?: string;
  timeoutMs?: number;
  logger?: Logger;
  connector?: TlsConnector;
}

/** Reaches a target's system service over the route this PC has to it, with the route's own security. */
export function systemSessionConnector(options: ConnectorOptions): SystemSessionConnector {
  const identity = new IdentityService(options.dataDir);
  return async (target, signal) => {
    const security = await securityFor(target, identity);
    const client = await openSystemService({
      host: target.address,
      targetNetId: target.netId,
      localNetId: options.localNetId ?? (await identity.localNetIdFor(target.address)),
      hostname: await identity.hostname(),
      security,
      ...(target.mode === 'none'
        ? target.ports?.ads
          ? { port: target.ports.ads }
          : {}
        : target.ports?.tls
          ? { port: target.ports.tls }
          : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.connector ? { connector: options.connector } : {}),
      ...(signal ? { signal } : {}),
    });
    const session: SystemSession = {
      files: {
        async read(path) {
          try {
            return await client.readFile(FolderKind.Target, path);
          } catch (error) {
            if (isSystemServiceError(error) && error.code === 'ads-not-found') return null;
            throw error;
          }
        },
        write: (path, data) => client.writeFile(FolderKind.Target, path, data),
      },
      readState: async () => (await client.readState()).adsState,
      writeControl: (adsState) => client.writeControl(adsState === 16 ? 'config' : 'run'),
      close: async () => client.close(),
    };
    return session;
  };
}

async function securityFor(target: TargetConnection, identity: IdentityService): Promise<SystemConnectionSecurity> {
  switch (target.mode) {
    case 'none':
      return { mode: 'none' };
    case 'psk': {
      if (!target.psk) throw new TypedError('invalid-input', 'a PSK connection needs the identity and its password or key');
      const { identity: name, key } = resolvePsk(target.psk);
      return { mode: 'psk', psk: { identity: name, key } };
    }
    case 'ssc': {
      if (!target.fingerprint) throw new TypedError('invalid-input', 'an SSC connection needs the pinned fingerprint of the target');
      const certificate = await identity.clientCertificate();
      return {
        mode: 'ssc',
        clientCertificate: { certPem: certificate.certPem, keyPem: certificate.keyPem },
        fingerprint: target.fingerprint,
      };
    }
    case 'ca': {
      if (!target.ca) throw new TypedError('invalid-input', 'a CA connection needs the CA, certificate and key files');
      const [ca, cert, keyPem] = await Promise.all([
        loadCertificateFile(target.ca.caPath),
        loadCertificateFile(target.ca.certPath),
        loadPrivateKeyFile(target.ca.keyPath, target.ca.keyPassword),
      ]);
      return {
        mode: 'ca',
        clientCertificate: { certPem: cert.pem, keyPem },
        caPem: [ca.pem],
        routeName: target.name,
        ignoreCn: target.ca.ignoreCn,
      };
    }
  }
}

export function defaultSystemSessionConnector(context: ServiceContext): SystemSessionConnector {
  return systemSessionConnector({ dataDir: context.dataDir, logger: context.logBook.logger('server-config') });
}
