/**
 * A target's system service (AMS port 10000) over a route that already exists.
 *
 *   const client = await openSystemService({ host, targetNetId, localNetId, hostname, security, port?, timeoutMs? });
 *   try {
 *     await client.readState();                      // { adsState: 5 Run | 15 Config, adsStateName, deviceState }
 *     await client.readDeviceInfo();                 // { name, version }
 *     await client.listRoutes();                     // { routes: RouteRecord[] (odd ones carry notes), endCode }
 *     await client.removeRoute(name);                // 802; removing our own route closes this connection after
 *     await client.addRoute({ netId, address, name });                 // 801
 *     await client.readOwnFingerprint();             // 700/9: lower-case hex or null
 *     const xml = await client.readFile(FolderKind.Target, 'StaticRoutes.xml');   // chunked, handle always closed
 *     await client.writeFile(FolderKind.Target, 'StaticRoutes.xml.new', bytes);   // create/truncate, NOT atomic
 *     await client.writeControl('config' | 'run');   // restart; the router re-reads StaticRoutes.xml
 *   } finally {
 *     client.close();
 *   }
 *
 * `security` is { mode: 'none' } (TCP 48898), { mode: 'ssc', clientCertificate, fingerprint } (this PC's certificate
 * over a SelfSigned follow-up, the target pinned by fingerprint), { mode: 'psk', psk: { identity, key } } or
 * { mode: 'ca', clientCertificate, caPem, routeName, ignoreCn }.
 *
 * Errors: opening rejects with RouteFailure (code + fix, as in route creation). Every call rejects with
 * SystemServiceError: `code` ('ads-not-found' 0x70C, 'ads-not-supported' 0x701, 'no-route-back' AMS 0x6/0x7 or a
 * connection closed on the first request, 'ads-no-handles', 'ads-error', 'timeout', 'connection-lost', 'bad-reply',
 * 'too-large', 'invalid-input'), `adsCode` and `fix`.
 */
export { openSystemService, DEFAULT_SYSTEM_TIMEOUT_MS, type SystemConnectionOptions, type SystemConnectionSecurity } from './connection';
export { SystemServiceClient, FILE_CHUNK, MAX_FILE_SIZE, type DeviceInfo, type RouteList, type SystemState } from './client';
export { SystemServiceError, isSystemServiceError, adsResultError, type SystemServiceErrorCode } from './errors';
export { FolderKind, FileMode, type RouteRecord, type RouteRecordInput } from '../../../shared/protocol/system-service';
