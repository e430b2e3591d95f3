import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { TypedError } from '../../shared/typed-error';
import { isNetId } from '../../shared/protocol/netid';
import { createSelfSignedCertificate } from '../services/certificates/self-signed';
import { fingerprintOfCertificate } from '../services/certificates/inspect';
import { loadCertificateFile, loadPrivateKeyFile } from '../services/certificates/load-files';
import { readTextIfExists, writeFileAtomic } from '../services/files/atomic-write';
import type { PskIdentity, SimCaConfig } from './config';
import type { SimRoute } from './route-table';
import {
  editStaticRoutes,
  readPskSecrets,
  readStaticRoutes,
  routeSources,
  type NewRoute,
  type StaticRoutesEdit,
} from '../../shared/static-routes/static-routes';
import type { NewElement } from '../../shared/static-routes/xml-splice';

export const TC_SELF_SIGNED_FILE = 'TcSelfSigned.xml';
export const STATIC_ROUTES_FILE = 'StaticRoutes.xml';
/** Our stand-in for the registry values under HKLM\SOFTWARE\Beckhoff\TwinCAT3\System (TwinCAT has no such file). */
export const TC_REGISTRY_FILE = 'TcRegistry.xml';

/** A state file exists but cannot be used; we never overwrite such a file. */
export class SimStateError extends TypedError {
  constructor(message: string) {
    super('sim-state', message);
    this.name = 'SimStateError';
  }
}

export interface SelfSignedIdentity {
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
});

const ROUTE_ARRAYS = new Set([
  'TcConfig.RemoteConnections.Route',
  'TcConfig.RemoteConnections.Server.Tls',
  'TcConfig.RemoteConnections.Server.Tls.Psk',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // NetIds like "1.2.3.4.1.1" and names like "0123" must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) => ROUTE_ARRAYS.has(String(jpath)),
});

/**
 * Loads the target's self-signed certificate, creating it at first start like TwinCAT does
 * (RSA 2048, valid 2000-01-01..2061-01-01).
 */
export async function loadOrCreateSelfSigned(stateDir: string, hostName: string): Promise<SelfSignedIdentity> {
  const path = join(stateDir, TC_SELF_SIGNED_FILE);
  const text = await readTextIfExists(path);
  if (text !== null) return parseSelfSigned(text, path);
  const created = createSelfSignedCertificate({ commonName: hostName });
  const identity = { certPem: created.certPem, keyPem: created.keyPem, fingerprint: created.fingerprint };
  await mkdir(stateDir, { recursive: true });
  // TwinCAT's element names for this file are not public: these are our own.
  const body = builder.build({
    TcSelfSigned: { Certificate: identity.certPem.trim(), PrivateKey: identity.keyPem.trim(), Fingerprint: identity.fingerprint },
  });
  const comment =
    '<!-- ADS Route Studio simulator. TwinCAT keeps its SSC here too, but its element names are not public; these are ours. -->\n';
  await writeFileAtomic(path, XML_DECLARATION + comment + body, { mode: 0o600 });
  return identity;
}

function parseSelfSigned(text: string, path: string): SelfSignedIdentity {
  const doc = parseXml(text, path) as { TcSelfSigned?: { Certificate?: unknown; PrivateKey?: unknown } };
  const certPem = doc.TcSelfSigned?.Certificate;
  const keyPem = doc.TcSelfSigned?.PrivateKey;
  if (typeof certPem !== 'string' || typeof keyPem !== 'string') {
    throw new SimStateError(`${path}: expected <TcSelfSigned> with <Certificate> and <PrivateKey>`);
  }
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) throw new Error('mismatch');
  } catch {
    throw new SimStateError(`${path}: the certificate or private key is unreadable or they do not belong together`);
  }
  return { certPem: `${certPem}\n`, keyPem: `${keyPem}\n`, fingerprint: fingerprintOfCertificate(certPem) };
}

export interface StaticRoutesContent {
  routes: SimRoute[];
  secureOnly: boolean;
  psk: PskIdentity[];
  /** Paths of the CA files the `<Server><Tls>` entry points to, when CA mode is configured. */
  ca?: CaFiles & { ignoreCn: boolean };
}

/** Where the `<Server><Tls>` CA entry's files are, and the password of an encrypted key (as TwinCAT keeps it). */
export interface CaFiles {
  caPath: string;
  certPath: string;
  keyPath: string;
  keyPwd?: string;
}

/** Everything StaticRoutes.xml configures: routes, SecureOnly and the `<Server>` section (CA files are read). */
export interface StaticRoutesState {
  routes: SimRoute[];
  secureOnly: boolean;
  psk: PskIdentity[];
  ca?: SimCaConfig;
  /** The files `ca` was read from: a restart keeps pointing at them instead of writing decrypted copies over them. */
  caFiles?: CaFiles;
}

/** Reads StaticRoutes.xml completely; null when the file does not exist. A file we cannot use is an error. */
export async function readStaticRoutesFile(stateDir: string): Promise<StaticRoutesState | null> {
  const path = join(stateDir, STATIC_ROUTES_FILE);
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const doc = parseXml(text, path) as { TcConfig?: { RemoteConnections?: Record<string, unknown> | string } };
  if (!doc.TcConfig || typeof doc.TcConfig !== 'object') throw new SimStateError(`${path}: the root element is not <TcConfig>`);
  const remote = doc.TcConfig.RemoteConnections;
  const section = remote && typeof remote === 'object' ? remote : {};
  const list = Array.isArray(section.Route) ? (section.Route as unknown[]) : [];
  const routes = list.map((raw, index) => routeFromXml(raw, index, path));
  const secureOnly = xmlText(section['@_SecureOnly']).toLowerCase() === 'true';
  const server = section.Server && typeof section.Server === 'object' ? (section.Server as Record<string, unknown>) : {};
  const tlsEntries = Array.isArray(server.Tls) ? (server.Tls as unknown[]) : [];
  const psk: PskIdentity[] = [];
  let ca: { config: SimCaConfig; files: CaFiles } | undefined;
  for (const raw of tlsEntries) {
    const tls = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    for (const entry of Array.isArray(tls.Psk) ? (tls.Psk as unknown[]) : []) {
      const p = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
      const identity = typeof p.Identity === 'string' ? p.Identity : '';
      if (!identity) throw new SimStateError(`${path}: a <Server><Tls><Psk> entry has no <Identity>`);
      psk.push({ identity, secret: typeof p.Pwd === 'string' ? p.Pwd : '' });
    }
    if (tls.Ca !== undefined || tls.Cert !== undefined || tls.Key !== undefined) {
      if (ca) throw new SimStateError(`${path}: more than one <Server><Tls> entry names CA files`);
      ca = await readCaEntry(tls, stateDir, path);
    }
  }
  return { routes, secureOnly, psk, ...(ca ? { ca: ca.config, caFiles: ca.files } : {}) };
}

async function readCaEntry(tls: Record<string, unknown>, stateDir: string, path: string): Promise<{ config: SimCaConfig; files: CaFiles }> {
  const file = (key: string): string => {
    const value = tls[key];
    if (typeof value !== 'string' || !value.trim()) throw new SimStateError(`${path}: <Server><Tls> needs <Ca>, <Cert> and <Key> together`);
    return isAbsolute(value.trim()) ? value.trim() : join(stateDir, value.trim());
  };
  const [caFile, certFile, keyFile] = [file('Ca'), file('Cert'), file('Key')];
  const keyPwd = typeof tls.KeyPwd === 'string' ? tls.KeyPwd : undefined;
  try {
    const config: SimCaConfig = {
      caPem: (await loadCertificateFile(caFile)).pem,
      certPem: (await loadCertificateFile(certFile)).pem,
      keyPem: await loadPrivateKeyFile(keyFile, keyPwd),
      ignoreCn: xmlText(tls['@_IgnoreCn']).toLowerCase() === 'true',
    };
    return { config, files: { caPath: caFile, certPath: certFile, keyPath: keyFile, ...(keyPwd !== undefined ? { keyPwd } : {}) } };
  } catch (error) {
    // The loaders' messages name the file, never the key password or key bytes.
    throw new SimStateError(`${path}: <Server><Tls> CA files unusable: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
}

/** The three listener switches (registry DWORDs, 1 = listener off). */
export interface ListenerSwitches {
  disableAdsTcpListening: boolean;
  disableAdsTlsListening: boolean;
  disableAdsDiscovery: boolean;
}

const SWITCH_ELEMENTS = {
  disableAdsTcpListening: 'DisableAdsTcpListening',
  disableAdsTlsListening: 'DisableAdsTlsListening',
  disableAdsDiscovery: 'DisableAdsDiscovery',
} as const;

/** The switches TcRegistry.xml sets; a switch that is absent is left out. null when the file does not exist. */
export async function readListenerSwitches(stateDir: string): Promise<Partial<ListenerSwitches> | null> {
  const path = join(stateDir, TC_REGISTRY_FILE);
  const text = await readTextIfExists(path);
  if (text === null) return null;
  const doc = parseXml(text, path) as { System?: Record<string, unknown> | string };
  if (doc.System === undefined) throw new SimStateError(`${path}: the root element is not <System>`);
  const system = typeof doc.System === 'object' ? doc.System : {};
  const out: Partial<ListenerSwitches> = {};
  for (const [field, element] of Object.entries(SWITCH_ELEMENTS) as Array<[keyof ListenerSwitches, string]>) {
    const raw = system[element];
    if (raw === undefined) continue;
    const value = xmlText(raw).trim();
    if (value !== '0' && value !== '1') throw new SimStateError(`${path}: <${element}> must be 0 or 1`);
    out[field] = value === '1';
  }
  return out;
}

/** Writes TcRegistry.xml: the registry values TwinCAT reads at start, as a file of our own. */
export async function writeListenerSwitches(stateDir: string, switches: ListenerSwitches): Promise<void> {
  const system: Record<string, string> = {};
  for (const [field, element] of Object.entries(SWITCH_ELEMENTS) as Array<[keyof ListenerSwitches, string]>)
    system[element] = switches[field] ? '1' : '0';
  const comment =
    '<!-- ADS Route Studio simulator. TwinCAT keeps these DWORDs in the registry (HKLM\\SOFTWARE\\Beckhoff\\TwinCAT3\\System); 1 switches the listener off. This file is ours. -->\n';
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(join(stateDir, TC_REGISTRY_FILE), XML_DECLARATION + comment + builder.build({ System: system }));
}

/**
 * Stores StaticRoutes.xml (atomically, previous version kept as .bak). An existing file is changed in place, entry by
 * entry, so whatever else it holds (comments, Mqtt, SubRoutes, unknown elements) stays as it was.
 */
export async function writeStaticRoutes(
  stateDir: string,
  content: StaticRoutesContent,
  options: { routesOnly?: boolean } = {},
): Promise<void> {
  const path = join(stateDir, STATIC_ROUTES_FILE);
  const existing = await readTextIfExists(path);
  const text = existing === null ? freshStaticRoutes(content) : syncStaticRoutes(existing, content, path, options.routesOnly === true);
  if (text === existing) return;
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(path, text, { backup: true, mode: 0o600 });
}

function freshStaticRoutes(content: StaticRoutesContent): string {
  const server: Record<string, unknown>[] = [];
  if (content.ca) {
    server.push({
      '@_IgnoreCn': content.ca.ignoreCn ? 'true' : 'false',
      Ca: content.ca.caPath,
      Cert: content.ca.certPath,
      Key: content.ca.keyPath,
      ...(content.ca.keyPwd !== undefined ? { KeyPwd: content.ca.keyPwd } : {}),
    });
  }
  // TwinCAT keeps PSK secrets in plain text here (TE1000 §6.3); so does the simulator, in a 0600 file.
  if (content.psk.length) server.push({ Psk: content.psk.map((p) => ({ Identity: p.identity, Pwd: p.secret })) });
  const remote: Record<string, unknown> = {};
  if (content.secureOnly) remote['@_SecureOnly'] = 'True';
  remote.Route = content.routes.filter((r) => !r.temporary).map(routeToXml);
  if (server.length) remote.Server = { Tls: server };
  const body = builder.build({ TcConfig: { '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', RemoteConnections: remote } });
  const comment = '<!-- ADS Route Studio simulator. The content of <Route><Tls> is not public for TwinCAT; this layout is ours. -->\n';
  return XML_DECLARATION + comment + body;
}

/** The edits that turn the file into `content`; entries that already match are not touched. */
function syncStaticRoutes(existing: string, content: StaticRoutesContent, path: string, routesOnly: boolean): string {
  try {
    const edits: StaticRoutesEdit[] = routesOnly ? [] : serverEdits(existing, content);
    // A route is rewritten only when what the simulator knows of it changed; its other content (SubRoutes,
    // Unidirectional, unknown elements) is otherwise kept as written.
    const stored = storedRoutes(existing, path);
    const desired = new Map(content.routes.filter((r) => !r.temporary).map((r) => [r.name, routeForFile(r)]));
    const same = (a: NewRoute, b: NewRoute | undefined) => b !== undefined && JSON.stringify(a) === JSON.stringify(b);
    for (const name of routeSources(existing).keys()) {
      if (!same(desired.get(name) ?? { name: '', address: '', netId: '' }, stored.get(name))) edits.push({ kind: 'remove-route', name });
    }
    for (const [name, route] of desired) {
      if (!same(route, stored.get(name))) edits.push({ kind: 'add-route', route });
    }
    return editStaticRoutes(existing, edits);
  } catch (error) {
    throw new SimStateError(
      `${path}: cannot be updated (${error instanceof Error ? error.message : 'edit failed'}); fix or remove the file`,
    );
  }
}

/** The edits that make SecureOnly, the PSK identities and the CA entry those of `content`. */
function serverEdits(existing: string, content: StaticRoutesContent): StaticRoutesEdit[] {
  const model = readStaticRoutes(existing);
  const edits: StaticRoutesEdit[] = [{ kind: 'set-secure-only', on: content.secureOnly }];
  const secrets = new Map(readPskSecrets(existing).map((p) => [p.identity.toUpperCase(), p.secret]));
  const wanted = new Map(content.psk.map((p) => [p.identity.toUpperCase(), p]));
  for (const [key, secret] of secrets) {
    if (wanted.get(key)?.secret !== secret) edits.push({ kind: 'remove-psk', identity: key });
  }
  for (const [key, p] of wanted) {
    if (secrets.get(key) !== p.secret) edits.push({ kind: 'add-psk', identity: p.identity, secret: p.secret });
  }
  if (content.ca) {
    const { caPath, certPath, keyPath, keyPwd, ignoreCn } = content.ca;
    edits.push({
      kind: 'set-tls',
      ca: caPath,
      cert: certPath,
      key: keyPath,
      ignoreCn,
      ...(keyPwd !== undefined ? { keyPassword: keyPwd } : {}),
    });
  } else if (model.tls) {
    edits.push({ kind: 'clear-tls' });
  }
  return edits;
}

/** The routes as the simulator reads them, by name; an entry it cannot read counts as different (and is replaced). */
function storedRoutes(text: string, path: string): Map<string, NewRoute> {
  const doc = parser.parse(text) as { TcConfig?: { RemoteConnections?: { Route?: unknown[] } } };
  const list = doc.TcConfig?.RemoteConnections?.Route;
  const out = new Map<string, NewRoute>();
  (Array.isArray(list) ? list : []).forEach((raw, index) => {
    try {
      const route = routeFromXml(raw, index, path);
      out.set(route.name, routeForFile(route));
    } catch {
      // Not a route the simulator understands: compared as different, so a route it stores under that name replaces it.
    }
  });
  return out;
}

function routeForFile(route: SimRoute): NewRoute {
  const extra: NewElement[] = [];
  if (route.maxFragment !== undefined) extra.push({ name: 'MaxFragment', text: String(route.maxFragment) });
  if (route.tls) {
    const children: NewElement[] = [];
    if (route.tls.fingerprint) children.push({ name: 'FingerPrint', text: route.tls.fingerprint });
    if (route.tls.pskIdentity) children.push({ name: 'Psk', children: [{ name: 'Identity', text: route.tls.pskIdentity }] });
    const attributes: Array<[string, string]> = [['Mode', route.tls.mode]];
    if (route.tls.mode === 'ssc') attributes.push(['SelfSigned', 'true']);
    extra.push({ name: 'Tls', attributes, children });
  }
  return { name: route.name, address: route.address, netId: route.netId, flags: route.flags, extra };
}

/** Writes the CA files the Server section points to (TE1000 CA sample: rootCA.pem, ipc.crt, ipc.key). */
export async function writeCaFiles(stateDir: string, ca: SimCaConfig): Promise<CaFiles> {
  const dir = join(stateDir, 'CACerts');
  await mkdir(dir, { recursive: true });
  const caPath = join(dir, 'rootCA.pem');
  const certPath = join(dir, 'ipc.crt');
  const keyPath = join(dir, 'ipc.key');
  await writeFileAtomic(caPath, ca.caPem);
  await writeFileAtomic(certPath, ca.certPem);
  await writeFileAtomic(keyPath, ca.keyPem, { mode: 0o600 });
  return { caPath, certPath, keyPath };
}

function routeToXml(route: SimRoute): Record<string, unknown> {
  const xml: Record<string, unknown> = {
    Name: route.name,
    Address: route.address,
    NetId: route.netId,
    Type: route.type,
    Flags: String(route.flags),
  };
  if (route.maxFragment !== undefined) xml.MaxFragment = String(route.maxFragment);
  if (route.tls) {
    const tls: Record<string, unknown> = { '@_Mode': route.tls.mode };
    if (route.tls.mode === 'ssc') tls['@_SelfSigned'] = 'true';
    if (route.tls.fingerprint) tls.FingerPrint = route.tls.fingerprint;
    if (route.tls.pskIdentity) tls.Psk = { Identity: route.tls.pskIdentity };
    xml.Tls = tls;
  }
  return xml;
}

function routeFromXml(raw: unknown, index: number, path: string): SimRoute {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof r[key] === 'string' ? r[key] : undefined);
  const name = text('Name');
  const netId = text('NetId');
  const address = text('Address');
  if (!name || !address || !netId || !isNetId(netId)) {
    throw new SimStateError(`${path}: route ${index + 1} needs <Name>, <Address> and a valid <NetId>`);
  }
  const flags = Number(text('Flags') ?? '0');
  const route: SimRoute = { name, address, netId, type: 'TCP_IP', flags: Number.isInteger(flags) ? flags : 0, temporary: false };
  const maxFragment = Number(text('MaxFragment'));
  if (Number.isInteger(maxFragment) && maxFragment > 0) route.maxFragment = maxFragment;
  const tls = r.Tls as Record<string, unknown> | undefined;
  if (tls && typeof tls === 'object') {
    const mode = tls['@_Mode'];
    const fingerprint = tls.FingerPrint;
    const identity = (tls.Psk as Record<string, unknown> | undefined)?.Identity;
    route.tls = {
      mode: mode === 'ca' || mode === 'psk' ? mode : 'ssc',
      ...(typeof fingerprint === 'string' ? { fingerprint: fingerprint.toLowerCase() } : {}),
      ...(typeof identity === 'string' ? { pskIdentity: identity } : {}),
    };
  }
  return route;
}

function parseXml(text: string, path: string): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new SimStateError(`${path}: not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); fix or remove the file`);
  }
  try {
    return parser.parse(text);
  } catch (error) {
    throw new SimStateError(`${path}: cannot be read as XML (${error instanceof Error ? error.message : 'parse error'})`);
  }
}

/** The text of an XML value the parser gave us: attributes and simple elements are strings or numbers, anything else is not text. */
function xmlText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
