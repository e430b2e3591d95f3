import { adsErrorText } from '../../../shared/protocol/ads-errors';
import type { TargetConnection, TargetRoute, TargetRouteList } from '../../../shared/ipc/channels/target-routes';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import { loadCertificateFile, loadPrivateKeyFile } from '../certificates/index';
import { resolvePsk } from '../ads/secure/psk';
import { RouteFailure } from '../ads/route-failure';
import type { TlsConnector } from '../ads/secure/secure-transport';
import { openSystemService, SystemServiceError, type SystemConnectionSecurity, type SystemServiceClient } from '../system-service/index';
import type { RouteRecord } from '../system-service/index';

/** What listing and removing need from the rest of the app; the CLI and the IPC feature pass their own. */
export interface TargetRoutesDeps {
  identity: {
    clientCertificate(): Promise<{ certPem: string; keyPem: string }>;
    hostname(): Promise<string>;
    localNetIdFor(target: string): Promise<string>;
  };
  /** The target fingerprint remembered for a NetId (known fingerprints, else this PC's SSC route to it). */
  knownFingerprint(netId: string): Promise<string | null>;
  connector?: TlsConnector;
  signal?: AbortSignal;
}

/** The usual end of the 803 list: "not found" after the last entry. */
const LIST_END = 0x70c;

async function securityFor(connection: TargetConnection, deps: TargetRoutesDeps): Promise<SystemConnectionSecurity> {
  switch (connection.security) {
    case 'none':
      return { mode: 'none' };
    case 'psk': {
      if (!connection.psk)
        throw new RouteFailure(
          'invalid-input',
          'PSK needs the identity and its password or key',
          'enter the PSK identity and password configured on the target',
        );
      return { mode: 'psk', psk: resolvePsk(connection.psk) };
    }
    case 'ca': {
      const ca = connection.ca;
      if (!ca)
        throw new RouteFailure(
          'invalid-input',
          'Shared CA needs the CA, certificate and key files',
          "choose the CA, this PC's certificate and its key",
        );
      const [caPem, cert, keyPem] = await Promise.all([
        loadCertificateFile(ca.caPath),
        loadCertificateFile(ca.certPath),
        loadPrivateKeyFile(ca.keyPath, ca.keyPassword),
      ]);
      return {
        mode: 'ca',
        clientCertificate: { certPem: cert.pem, keyPem },
        caPem: [caPem.pem],
        routeName: connection.address,
        ignoreCn: ca.ignoreCn,
      };
    }
    case 'ssc': {
      const given = connection.fingerprint === null ? null : normalizeFingerprint(connection.fingerprint);
      if (connection.fingerprint !== null && !given) throw new RouteFailure('invalid-input', 'the fingerprint must be 64 hex digits', null);
      const fingerprint = given ?? (await deps.knownFingerprint(connection.netId));
      if (!fingerprint) {
        throw new RouteFailure(
          'fingerprint-unverified',
          `no fingerprint is known for ${connection.netId}`,
          'give the target fingerprint (compare it with "About TwinCAT" on the target), or create the route with this tool first',
        );
      }
      const own = await deps.identity.clientCertificate();
      return { mode: 'ssc', clientCertificate: { certPem: own.certPem, keyPem: own.keyPem }, fingerprint };
    }
  }
}

/** Opens the system service of a target; the caller closes the client. */
export async function openTarget(
  connection: TargetConnection,
  deps: TargetRoutesDeps,
): Promise<{ client: SystemServiceClient; localNetId: string }> {
  const localNetId = connection.localNetId ?? (await deps.identity.localNetIdFor(connection.address));
  const security = await securityFor(connection, deps);
  const port = connection.security === 'none' ? connection.ports?.ads : connection.ports?.tls;
  const client = await openSystemService({
    host: connection.address,
    targetNetId: connection.netId,
    localNetId,
    hostname: await deps.identity.hostname(),
    security,
    ...(port !== undefined ? { port } : {}),
    timeoutMs: connection.timeoutMs,
    connector: deps.connector,
    signal: deps.signal,
  });
  return { client, localNetId };
}

function toTargetRoute(record: RouteRecord, localNetId: string): TargetRoute {
  return {
    name: record.name,
    netId: record.netId,
    address: record.address,
    raw: record.raw,
    notes: record.notes,
    thisPc: record.netId === localNetId,
  };
}

async function readList(client: SystemServiceClient, connection: TargetConnection, localNetId: string): Promise<TargetRouteList> {
  // The state is shown next to the list (Config mode is worth knowing); a target that refuses ReadState still lists.
  const state = await client.readState().then(
    (s) => ({ adsState: s.adsState, name: s.adsStateName }),
    (error: unknown) => {
      if (
        error instanceof SystemServiceError &&
        (error.code === 'no-route-back' || error.code === 'connection-lost' || error.code === 'timeout')
      )
        throw error;
      return null;
    },
  );
  const list = await client.listRoutes();
  const endNote =
    list.endCode === LIST_END
      ? null
      : list.endCode === null
        ? 'the target sent more routes than this tool reads (1024); the list may be incomplete'
        : `the list ended with ${adsErrorText(list.endCode)} instead of "not found": it may be incomplete`;
  return {
    address: connection.address,
    netId: connection.netId,
    localNetId,
    state,
    routes: list.routes.map((r) => toTargetRoute(r, localNetId)),
    endNote,
  };
}

export async function listTargetRoutes(connection: TargetConnection, deps: TargetRoutesDeps): Promise<TargetRouteList> {
  const { client, localNetId } = await openTarget(connection, deps);
  try {
    return await readList(client, connection, localNetId);
  } finally {
    client.close();
  }
}

export interface RemoveOutcome {
  name: string;
  removed: boolean;
  accessLost: boolean;
  after: TargetRouteList | null;
}

/**
 * Removes a route by name and confirms with a fresh list. A timeout after the remove is not taken as failure (the
 * target sometimes answers a successful delete that way): the list decides. Removing our own route ends our access:
 * then the outcome says so instead of failing.
 */
export async function removeTargetRoute(connection: TargetConnection, name: string, deps: TargetRoutesDeps): Promise<RemoveOutcome> {
  const { client, localNetId } = await openTarget(connection, deps);
  let own = false;
  try {
    const before = await client.listRoutes();
    const entry = before.routes.find((r) => r.name === name);
    if (!entry)
      throw new SystemServiceError('ads-not-found', `the target has no route named "${name}" (names are case-sensitive)`, 0x70c, null);
    own = entry.netId === localNetId;
    try {
      await client.removeRoute(name);
    } catch (error) {
      if (!(error instanceof SystemServiceError && error.code === 'timeout')) throw error;
    }
  } finally {
    client.close();
  }
  let after: TargetRouteList;
  try {
    after = await listTargetRoutes(connection, deps);
  } catch (error) {
    // Our own route is gone, so the target no longer lets us in: that is the confirmation we can get.
    if (own) return { name, removed: true, accessLost: true, after: null };
    throw error;
  }
  return { name, removed: !after.routes.some((r) => r.name === name), accessLost: false, after };
}

/** ReadState + ReadDeviceInfo: does the route work right now? */
export async function verifyTarget(connection: TargetConnection, deps: TargetRoutesDeps) {
  const { client } = await openTarget(connection, deps);
  try {
    const state = await client.readState();
    const info = await client.readDeviceInfo();
    return { adsState: state.adsState, adsStateName: state.adsStateName, deviceName: info.name, version: info.version };
  } finally {
    client.close();
  }
}
