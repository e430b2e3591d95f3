import { hostname as osHostname } from 'node:os';
import {
  clientCertificateStamp,
  loadOrCreateClientCertificate,
  regenerateClientCertificate,
  type ClientCertificate,
} from './client-certificate';
import { readIdentitySettings, writeIdentitySettings } from './identity-settings';
import { listAdapters } from '../network/adapters';
import { firstNonLoopbackAddress, localAddressFor, netIdForAddress } from './local-address';

export { CERT_FILE, KEY_FILE, loadOrCreateClientCertificate, type ClientCertificate } from './client-certificate';
export { localAddressFor, netIdForAddress } from './local-address';

export interface IdentitySummary {
  fingerprint: string;
  subject: string;
  notAfter: string;
  localNetId: string;
  /** True when settings.json fixes the NetId for every target; false when it is derived per target. */
  localNetIdConfigured: boolean;
  /** What each adapter's targets get when the NetId is derived (loopback included, for targets on this PC). */
  adapterNetIds: { adapter: string; address: string; netId: string }[];
  hostname: string;
}

/** This PC as targets see it: client certificate, AMS NetId and host name (configured, else derived). */
export class IdentityService {
  private certificate: { stamp: string | null; promise: Promise<ClientCertificate> } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly systemHostname: () => string = osHostname,
  ) {}

  /**
   * Created on first use; concurrent callers share the one generation. Read again when the file changed, so a
   * regeneration (here, in another window or by the CLI) is used by the next route at once.
   */
  async clientCertificate(): Promise<ClientCertificate> {
    const stamp = await clientCertificateStamp(this.dataDir);
    if (this.certificate?.stamp === stamp) return this.certificate.promise;
    const promise = this.hostname().then((host) => loadOrCreateClientCertificate(this.dataDir, host));
    const entry = { stamp, promise };
    this.certificate = entry;
    promise.catch(() => {
      if (this.certificate === entry) this.certificate = null;
    });
    return promise;
  }

  /** Replaces the client certificate (the old one is kept as .bak); targets that pinned the old one must be re-paired. */
  async regenerate(): Promise<ClientCertificate> {
    this.certificate = null;
    return regenerateClientCertificate(this.dataDir, await this.hostname());
  }

  async hostname(): Promise<string> {
    const settings = await readIdentitySettings(this.dataDir);
    return settings.hostname ?? this.systemHostname().slice(0, 31);
  }

  /** The configured NetId, else the address of the adapter that routes to `target` plus ".1.1". */
  async localNetIdFor(target?: string): Promise<string> {
    const settings = await readIdentitySettings(this.dataDir);
    if (settings.localNetId) return settings.localNetId;
    const address = (target ? await localAddressFor(target) : null) ?? firstNonLoopbackAddress() ?? '127.0.0.1';
    return netIdForAddress(address);
  }

  /** The NetId set in the settings; null when it follows the adapter (see localNetIdFor). */
  async configuredNetId(): Promise<string | null> {
    return (await readIdentitySettings(this.dataDir)).localNetId ?? null;
  }

  /** The address the target should store for this PC (plain UDP route add). */
  async localAddressFor(target: string): Promise<string> {
    return (await localAddressFor(target)) ?? firstNonLoopbackAddress() ?? '127.0.0.1';
  }

  async summary(): Promise<IdentitySummary> {
    const cert = await this.clientCertificate();
    const settings = await readIdentitySettings(this.dataDir);
    return {
      fingerprint: cert.fingerprint,
      subject: cert.subject,
      notAfter: cert.notAfter,
      localNetId: await this.localNetIdFor(),
      localNetIdConfigured: settings.localNetId !== undefined,
      adapterNetIds: listAdapters({ includeLoopback: true }).map((adapter) => ({
        adapter: adapter.name,
        address: adapter.address,
        netId: netIdForAddress(adapter.address),
      })),
      hostname: await this.hostname(),
    };
  }

  /** `localNetId: null` removes the configured NetId, so it is derived per target again. */
  async set(patch: { localNetId?: string | null; hostname?: string }): Promise<{ localNetId: string; hostname: string }> {
    const { localNetId, ...rest } = patch;
    await writeIdentitySettings(this.dataDir, { ...rest, ...(localNetId !== undefined && { localNetId: localNetId ?? undefined }) });
    return { localNetId: await this.localNetIdFor(), hostname: await this.hostname() };
  }
}
