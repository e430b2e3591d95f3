/**
 * The TLS 1.2 client: handshake state machine (RFC 5246 §7.3, strict message order) and the
 * application-data connection on top of it. Socket-facing; parsing and crypto live elsewhere.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { concatBytes } from './bytes';
import { subjectPublicKeyInfo, pemCertificates } from './certificate-der';
import { offeredSuites, type CipherSuite } from './cipher-suites';
import {
  constantTimeEqual,
  digest,
  hashOutputLength,
  importRsaPublicKey,
  loadRsaPrivateKey,
  randomBytesOf,
  rsaPkcs1Sign,
  rsaPkcs1Verify,
  type RsaPrivateKey,
  type RsaPublicKey,
  type SignatureHash,
} from './crypto-primitives';
import {
  ExtensionType,
  HandshakeDefragmenter,
  HandshakeType,
  OFFERED_SIGNATURE_HASHES,
  VERIFY_DATA_LENGTH,
  encodeCertificate,
  encodeCertificateVerify,
  encodeClientHello,
  encodeClientKeyExchange,
  encodeFinished,
  parseCertificateList,
  parseCertificateRequest,
  parseDheServerKeyExchange,
  parseEcPointFormats,
  parseEcdheServerKeyExchange,
  parseFinished,
  parsePskServerKeyExchange,
  parseServerHello,
  parseServerHelloDone,
  rsaHashOf,
  type CertificateRequest,
  type HandshakeMessage,
  type SignedParams,
} from './handshake-messages';
import { dheClientShare, ecdheClientShare, pskPreMaster, type ClientShare } from './key-exchange';
import { masterSecret, prf } from './prf';
import {
  CbcProtection,
  ContentType,
  GcmProtection,
  NULL_PROTECTION,
  TLS12,
  encodeRecord,
  fragmentPlaintext,
  type RecordProtection,
  type TlsRecord,
} from './record-layer';
import { SocketInput, socketErrorToTls } from './socket-input';
import { ALERT_CODES, TlsError, TlsFatal, alertName, type AlertName } from './tls-error';

export interface TlsClientOptions {
  host: string;
  port: number;
  /** An already-connected socket; otherwise we connect to host:port. */
  socket?: Socket;
  /** Whole-handshake timeout (including the TCP connect), default 10000 ms. */
  timeoutMs?: number;
  mode: 'certificate' | 'psk';
  /** RSA client certificate (PEM, leaf first; more CERTIFICATE blocks form the chain) and unencrypted PEM key. */
  clientCertificate?: { certPem: string; keyPem: string };
  /** identity is sent as configured (UTF-8). */
  psk?: { identity: string; key: Uint8Array };
  /** Offer ECDHE-RSA-AES-GCM before the DHE suites; default true in certificate mode. */
  offerEcdhe?: boolean;
  /**
   * Called with the server chain (DER, leaf first) as soon as the Certificate message arrives, BEFORE we
   * send anything else. Throwing (or rejecting) aborts with a bad_certificate alert and the thrown error
   * is what connectTls rejects with.
   */
  verifyServer?: (chainDer: Uint8Array[]) => void | Promise<void>;
}

export interface TlsClientConnection {
  readonly cipherSuite: { id: number; name: string };
  readonly peerCertificateChain: Uint8Array[];
  readonly dhBits: number | null;
  readonly keyExchange: 'dhe' | 'ecdhe' | 'psk';
  write(data: Uint8Array): Promise<void>;
  /** Next chunk of application data, or null on clean close (close_notify). Rejects with TlsError on fatal errors. */
  read(): Promise<Uint8Array | null>;
  /** Reads exactly n bytes (buffering), rejecting on EOF or after timeoutMs. */
  readExactly(n: number, timeoutMs?: number): Promise<Uint8Array>;
  /** close_notify then FIN. */
  end(): Promise<void>;
  destroy(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How long a closing socket may linger waiting for the peer's FIN before we drop it. */
const CLOSE_GRACE_MS = 1000;
/** A peer flooding empty or warning records gets cut off rather than spinning us. */
const MAX_IDLE_RECORDS = 64;
const ALERT_WARNING = 1;
const ALERT_FATAL = 2;
const RSA_SIGN_CERT_TYPE = 1;
const MAX_PSK_FIELD = 0xffff;
/** Same floor as for DH groups: a smaller RSA key lets an attacker forge the ServerKeyExchange signature. */
const MIN_SERVER_RSA_BITS = 1024;

/** verifyServer threw: the caller's error is what connectTls rejects with. */
class ServerRejected {
  constructor(readonly reason: unknown) {}
}

/** Hints for the alerts a TwinCAT-like server sends most, so the user sees a probable cause. */
function receivedAlertError(code: number, mode: 'certificate' | 'psk', during: 'handshake' | 'session'): TlsError {
  const name = alertName(code);
  const base = `server ended the ${during} with fatal alert ${name}`;
  if (name === 'protocol_version') return new TlsError('protocol-version', `${base}: the server does not speak TLS 1.2`, name);
  let hint = '';
  if (name === 'handshake_failure' || name === 'insufficient_security') hint = ': no common cipher suite or parameters';
  else if (name === 'unknown_psk_identity') hint = ': the server does not know this PSK identity';
  else if ((name === 'bad_record_mac' || name === 'decrypt_error') && mode === 'psk' && during === 'handshake') hint = ': probably a wrong pre-shared key';
  else if (['bad_certificate', 'unknown_ca', 'certificate_unknown', 'unsupported_certificate', 'certificate_expired', 'access_denied'].includes(name)) hint = ': the server rejected our client certificate';
  return new TlsError('alert-received', base + hint, name);
}

function versionName(version: number): string {
  const names: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };
  return names[version] ?? `version 0x${version.toString(16).padStart(4, '0')}`;
}

function unexpected(what: string): TlsFatal {
  return new TlsFatal('unexpected-message', `server sent ${what} out of order`, 'unexpected_message');
}

const MESSAGE_NAMES: Record<number, string> = {
  0: 'HelloRequest', 1: 'ClientHello', 2: 'ServerHello', 11: 'Certificate', 12: 'ServerKeyExchange',
  13: 'CertificateRequest', 14: 'ServerHelloDone', 15: 'CertificateVerify', 16: 'ClientKeyExchange', 20: 'Finished',
};

function expectMessage(msg: HandshakeMessage, type: HandshakeType): void {
  if (msg.type !== type) {
    throw unexpected(`${MESSAGE_NAMES[msg.type] ?? `handshake message type ${msg.type}`} where ${MESSAGE_NAMES[type]} was expected, i.e.`);
  }
}

interface ClientCredentials {
  chain: Uint8Array[];
  key: RsaPrivateKey;
}

function loadClientCredentials(options: TlsClientOptions): ClientCredentials | null {
  if (!options.clientCertificate) return null;
  const chain = pemCertificates(options.clientCertificate.certPem);
  if (chain.length === 0) throw new TlsError('handshake-failure', 'client certificate PEM holds no CERTIFICATE block');
  return { chain, key: loadRsaPrivateKey(options.clientCertificate.keyPem) };
}

/**
 * RFC 4279 §5.3 encodes identity and key with 2-byte lengths; catching oversize values here gives a clear
 * error before any packet instead of a failed (or, for the key, silently wrong) premaster later.
 */
function checkPskSizes(psk: { identity: string; key: Uint8Array }): void {
  if (psk.key.length === 0) throw new TlsError('handshake-failure', 'the pre-shared key is empty');
  if (psk.key.length > MAX_PSK_FIELD) throw new TlsError('handshake-failure', `the pre-shared key is longer than ${MAX_PSK_FIELD} bytes`);
  const identityBytes = new TextEncoder().encode(psk.identity).length;
  if (identityBytes === 0) throw new TlsError('handshake-failure', 'the PSK identity is empty');
  if (identityBytes > MAX_PSK_FIELD) throw new TlsError('handshake-failure', `the PSK identity is longer than ${MAX_PSK_FIELD} bytes (UTF-8)`);
}

/** Connects (unless given a socket) and runs the TLS 1.2 handshake. */
export async function connectTls(options: TlsClientOptions): Promise<TlsClientConnection> {
  if (options.mode === 'psk' && !options.psk) throw new TlsError('handshake-failure', 'PSK mode needs a PSK identity and key');
  if (options.mode === 'psk' && options.psk) checkPskSizes(options.psk);
  const credentials = options.mode === 'certificate' ? loadClientCredentials(options) : null;
  const where = `${options.host}:${options.port}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let socket: Socket | undefined = options.socket;
  let session: TlsSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TlsError('timeout', `TLS handshake with ${where} did not complete within ${timeoutMs} ms`);
      session?.abort(err);
      socket?.destroy();
      reject(err);
    }, timeoutMs);
  });
  const work = (async () => {
    socket ??= await openSocket(options.host, options.port, where, (s) => (socket = s));
    session = new TlsSession(socket, where, options, credentials);
    await session.handshake();
    return session;
  })();
  work.catch(() => undefined); // the race below reports it; a late failure after timeout is moot
  try {
    return await Promise.race([work, timedOut]);
  } catch (err) {
    socket?.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function openSocket(host: string, port: number, where: string, created: (s: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host, port });
    created(s);
    s.setNoDelay(true);
    const onError = (err: Error) => reject(socketErrorToTls(err, where));
    s.once('error', onError);
    s.once('connect', () => {
      s.off('error', onError);
      resolve(s);
    });
  });
}

class TlsSession implements TlsClientConnection {
  cipherSuite = { id: 0, name: '' };
  peerCertificateChain: Uint8Array[] = [];
  dhBits: number | null = null;
  keyExchange: 'dhe' | 'ecdhe' | 'psk';

  private readonly input: SocketInput;
  private readonly handshakeBuffer = new HandshakeDefragmenter();
  private readonly transcript: Uint8Array[] = [];
  private readProtection: RecordProtection = NULL_PROTECTION;
  private writeProtection: RecordProtection = NULL_PROTECTION;
  private versionNegotiated = false;
  private established = false;
  private failure: TlsError | null = null;
  private peerClosed = false;
  private sentCloseNotify = false;
  private readonly appData: Uint8Array[] = [];
  private appBytes = 0;
  private pulling: Promise<void> | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly where: string,
    private readonly options: TlsClientOptions,
    private readonly credentials: ClientCredentials | null,
  ) {
    this.input = new SocketInput(socket, where);
    this.keyExchange = options.mode === 'psk' ? 'psk' : 'dhe';
  }

  // ---- handshake -----------------------------------------------------------------------------

  async handshake(): Promise<void> {
    try {
      await this.runHandshake();
      this.established = true;
    } catch (err) {
      throw this.failWith(err);
    }
  }

  /** Aborts from outside (timeout): pending reads reject with `err`. */
  abort(err: TlsError): void {
    this.failure ??= err;
    this.input.fail(err);
  }

  private async runHandshake(): Promise<void> {
    const { options } = this;
    const offerEcdhe = options.mode === 'certificate' && (options.offerEcdhe ?? true);
    const suites = offeredSuites(options.mode, offerEcdhe);
    const clientRandom = randomBytesOf(32);
    await this.sendHandshake(encodeClientHello(clientRandom, suites.map((s) => s.id), offerEcdhe));

    let msg = await this.nextHandshakeMessage();
    expectMessage(msg, HandshakeType.ServerHello);
    const hello = parseServerHello(msg.body);
    if (hello.version !== TLS12) {
      throw new TlsFatal('protocol-version', `server chose ${versionName(hello.version)}; only TLS 1.2 is supported`, 'protocol_version');
    }
    const suite = suites.find((s) => s.id === hello.cipherSuite);
    if (!suite) {
      throw new TlsFatal('unsupported-suite', `server chose cipher suite 0x${hello.cipherSuite.toString(16).padStart(4, '0')}, which was not offered`, 'illegal_parameter');
    }
    if (hello.compression !== 0) throw new TlsFatal('handshake-failure', 'server chose TLS compression, which was not offered', 'illegal_parameter');
    this.checkServerExtensions(hello.extensions, offerEcdhe);
    this.versionNegotiated = true;
    this.cipherSuite = { id: suite.id, name: suite.name };
    this.keyExchange = suite.keyExchange;
    this.record(msg);

    let share: ClientShare;
    let certRequest: CertificateRequest | null = null;
    msg = await this.nextHandshakeMessage();
    if (suite.keyExchange === 'psk') {
      if (msg.type === HandshakeType.ServerKeyExchange) {
        parsePskServerKeyExchange(msg.body); // the identity hint is unused by TwinCAT
        this.record(msg);
        msg = await this.nextHandshakeMessage();
      }
      share = { publicValue: new TextEncoder().encode(options.psk?.identity ?? ''), preMaster: pskPreMaster(options.psk?.key ?? new Uint8Array(0)) };
    } else {
      expectMessage(msg, HandshakeType.Certificate);
      const serverKey = await this.acceptServerCertificate(msg);
      msg = await this.nextHandshakeMessage();
      expectMessage(msg, HandshakeType.ServerKeyExchange);
      share = this.serverKeyExchange(suite, msg.body, serverKey, clientRandom, hello.random);
      this.record(msg);
      msg = await this.nextHandshakeMessage();
      if (msg.type === HandshakeType.CertificateRequest) {
        certRequest = parseCertificateRequest(msg.body);
        this.record(msg);
        msg = await this.nextHandshakeMessage();
      }
    }
    expectMessage(msg, HandshakeType.ServerHelloDone);
    parseServerHelloDone(msg.body);
    this.record(msg);

    await this.sendClientFlight(suite, share, certRequest, clientRandom, hello.random);
  }

  private checkServerExtensions(extensions: Map<number, Uint8Array>, offerEcdhe: boolean): void {
    for (const [type, data] of extensions) {
      if (type === ExtensionType.EcPointFormats && offerEcdhe) {
        if (!parseEcPointFormats(data).includes(0)) {
          throw new TlsFatal('handshake-failure', 'server does not accept uncompressed EC points', 'illegal_parameter');
        }
        continue;
      }
      throw new TlsFatal('handshake-failure', `server answered with TLS extension ${type}, which was not offered`, 'unsupported_extension');
    }
  }

  private async acceptServerCertificate(msg: HandshakeMessage): Promise<RsaPublicKey> {
    const chain = parseCertificateList(msg.body);
    const leaf = chain[0];
    if (!leaf) throw new TlsFatal('certificate-rejected', 'server sent an empty certificate chain', 'bad_certificate');
    const key = importRsaPublicKey(subjectPublicKeyInfo(leaf));
    if (!key) throw new TlsFatal('certificate-rejected', 'server certificate does not hold an RSA public key', 'bad_certificate');
    if (key.bits < MIN_SERVER_RSA_BITS) {
      throw new TlsFatal('certificate-rejected', `server certificate RSA key has ${key.bits} bits; at least ${MIN_SERVER_RSA_BITS} are required`, 'insufficient_security');
    }
    this.peerCertificateChain = chain;
    this.record(msg);
    if (this.options.verifyServer) {
      try {
        await this.options.verifyServer(chain.map((c) => c.slice()));
      } catch (reason) {
        throw new ServerRejected(reason);
      }
    }
    return key;
  }

  private serverKeyExchange(suite: CipherSuite, body: Uint8Array, key: RsaPublicKey, clientRandom: Uint8Array, serverRandom: Uint8Array): ClientShare {
    if (suite.keyExchange === 'dhe') {
      const params = parseDheServerKeyExchange(body);
      this.verifyParamsSignature(params, key, clientRandom, serverRandom);
      const dh = dheClientShare(params.p, params.g, params.ys);
      this.dhBits = dh.bits;
      return dh;
    }
    const params = parseEcdheServerKeyExchange(body);
    this.verifyParamsSignature(params, key, clientRandom, serverRandom);
    return ecdheClientShare(params.group, params.point);
  }

  private verifyParamsSignature(params: SignedParams, key: RsaPublicKey, clientRandom: Uint8Array, serverRandom: Uint8Array): void {
    const hash = rsaHashOf(params.signatureAlgorithm);
    if (!hash) {
      throw new TlsFatal('bad-signature', `server signed its key exchange with algorithm 0x${params.signatureAlgorithm.toString(16).padStart(4, '0')}, which was not offered`, 'illegal_parameter');
    }
    if (!rsaPkcs1Verify(key, hash, concatBytes(clientRandom, serverRandom, params.params), params.signature)) {
      throw new TlsFatal('bad-signature', 'server key exchange signature does not match the server certificate', 'decrypt_error');
    }
  }

  private chooseClientSignatureHash(request: CertificateRequest): SignatureHash | null {
    const offered = new Set(request.signatureAlgorithms.map(rsaHashOf).filter((h): h is SignatureHash => h !== null));
    return OFFERED_SIGNATURE_HASHES.find((h) => offered.has(h)) ?? null;
  }

  private async sendClientFlight(
    suite: CipherSuite,
    share: ClientShare,
    certRequest: CertificateRequest | null,
    clientRandom: Uint8Array,
    serverRandom: Uint8Array,
  ): Promise<void> {
    const flight: Uint8Array[] = [];
    const add = (message: Uint8Array) => {
      this.transcript.push(message);
      flight.push(message);
    };
    let signWith: SignatureHash | null = null;
    if (certRequest) {
      if (this.credentials) {
        signWith = this.chooseClientSignatureHash(certRequest);
        if (!signWith || !certRequest.certificateTypes.includes(RSA_SIGN_CERT_TYPE)) {
          throw new TlsFatal('handshake-failure', 'server asks for a client certificate but accepts no RSA PKCS#1 signature this client can make', 'handshake_failure');
        }
        add(encodeCertificate(this.credentials.chain));
      } else {
        add(encodeCertificate([]));
      }
    }
    add(encodeClientKeyExchange(suite.keyExchange, share.publicValue));
    if (signWith && this.credentials) {
      add(encodeCertificateVerify(signWith, rsaPkcs1Sign(this.credentials.key, signWith, concatBytes(...this.transcript))));
    }

    const master = masterSecret(suite.prfHash, share.preMaster, clientRandom, serverRandom);
    const keys = deriveKeys(suite, master, clientRandom, serverRandom);
    // The whole flight in one socket write: same bytes on the wire, one syscall (and usually one segment) not three.
    const plainPart = concatBytes(this.sealRecords(ContentType.Handshake, concatBytes(...flight)), this.sealRecords(ContentType.ChangeCipherSpec, Uint8Array.of(1)));
    this.writeProtection = keys.client;
    const clientFinished = encodeFinished(prf(suite.prfHash, master, 'client finished', this.transcriptHash(suite), VERIFY_DATA_LENGTH));
    this.transcript.push(clientFinished);
    await this.writeToSocket(concatBytes(plainPart, this.sealRecords(ContentType.Handshake, clientFinished)));

    await this.expectServerChangeCipherSpec();
    this.readProtection = keys.server;
    const msg = await this.nextHandshakeMessage();
    expectMessage(msg, HandshakeType.Finished);
    const expected = prf(suite.prfHash, master, 'server finished', this.transcriptHash(suite), VERIFY_DATA_LENGTH);
    if (!constantTimeEqual(parseFinished(msg.body), expected)) {
      throw new TlsFatal('handshake-failure', 'server Finished does not verify: the handshake was altered or the keys differ', 'decrypt_error');
    }
  }

  private transcriptHash(suite: CipherSuite): Uint8Array {
    return digest(suite.prfHash, ...this.transcript);
  }

  private record(msg: HandshakeMessage): void {
    this.transcript.push(msg.raw);
  }

  private async sendHandshake(message: Uint8Array): Promise<void> {
    this.transcript.push(message);
    await this.sendRecords(ContentType.Handshake, message);
  }

  // ---- records -------------------------------------------------------------------------------

  private async sendRecords(type: ContentType, data: Uint8Array): Promise<void> {
    await this.writeToSocket(this.sealRecords(type, data));
  }

  /** `data` as records under the current write protection (which advances its sequence number). */
  private sealRecords(type: ContentType, data: Uint8Array): Uint8Array {
    return concatBytes(...fragmentPlaintext(data).map((f) => encodeRecord(type, this.writeProtection.seal(type, f))));
  }

  private writeToSocket(bytes: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(socketErrorToTls(err, this.where)) : resolve()));
    });
  }

  /** Reads and opens one record; alerts are handled here. Returns null at EOF. */
  private async nextPlainRecord(): Promise<TlsRecord | null> {
    for (let idle = 0; idle < MAX_IDLE_RECORDS; idle++) {
      const record = await this.input.nextRecord({ versionNegotiated: this.versionNegotiated, protectedRead: this.readProtection !== NULL_PROTECTION });
      if (record === 'eof') return null;
      const fragment = this.readProtection.open(record.type, record.fragment);
      if (fragment.length === 0) {
        // Empty application records are a legal traffic-analysis countermeasure, but only once the
        // handshake is over: before the server's Finished is verified no application data may arrive.
        if (record.type === ContentType.ApplicationData && this.established) continue;
        if (record.type === ContentType.ApplicationData) throw unexpected('application data during the handshake, i.e.');
        throw new TlsFatal('decode-error', 'server sent an empty non-application record', 'decode_error');
      }
      if (record.type !== ContentType.Alert) return { ...record, fragment };
      if (fragment.length !== 2) throw new TlsFatal('decode-error', 'malformed alert from server', 'decode_error');
      const level = fragment[0] as number;
      const code = fragment[1] as number;
      if (code === ALERT_CODES.close_notify) {
        this.peerClosed = true;
        return null;
      }
      if (level === ALERT_WARNING) continue; // e.g. no_renegotiation, user_canceled: informational
      if (level !== ALERT_FATAL) throw new TlsFatal('decode-error', 'alert with an unknown level', 'illegal_parameter');
      throw receivedAlertError(code, this.options.mode, this.established ? 'session' : 'handshake');
    }
    throw new TlsFatal('unexpected-message', 'server sent too many empty or warning records', 'unexpected_message');
  }

  private async nextHandshakeMessage(): Promise<HandshakeMessage> {
    for (;;) {
      const msg = this.handshakeBuffer.next();
      // HelloRequest during a handshake is to be ignored (RFC 5246 §7.4.1.1).
      if (msg && msg.type === HandshakeType.HelloRequest && msg.body.length === 0) continue;
      if (msg) return msg;
      const record = await this.nextPlainRecord();
      if (!record) {
        throw new TlsError('connection-closed', this.peerClosed ? 'server closed the connection during the handshake' : `${this.where} closed the connection during the handshake`);
      }
      if (record.type === ContentType.ChangeCipherSpec) throw unexpected('ChangeCipherSpec');
      if (record.type === ContentType.ApplicationData) throw unexpected('application data during the handshake, i.e.');
      this.handshakeBuffer.push(record.fragment);
    }
  }

  private async expectServerChangeCipherSpec(): Promise<void> {
    const record = await this.nextPlainRecord();
    if (!record) throw new TlsError('connection-closed', 'server closed the connection before its Finished');
    if (record.type !== ContentType.ChangeCipherSpec || this.handshakeBuffer.hasPartial) throw unexpected('a message where ChangeCipherSpec was expected, i.e. something');
    if (record.fragment.length !== 1 || record.fragment[0] !== 1) throw new TlsFatal('decode-error', 'malformed ChangeCipherSpec from server', 'decode_error');
  }

  // ---- failure and closing -------------------------------------------------------------------

  /** Records the failure, sends the alert we owe, and returns what the caller should see. */
  private failWith(err: unknown): unknown {
    if (this.failure && !(err instanceof TlsFatal)) {
      this.teardown(null);
      return this.failure;
    }
    let visible: unknown;
    let alert: AlertName | null = null;
    if (err instanceof ServerRejected) {
      alert = 'bad_certificate';
      visible = err.reason;
      this.failure = err.reason instanceof TlsError ? err.reason : new TlsError('certificate-rejected', 'server certificate was rejected');
    } else if (err instanceof TlsFatal) {
      alert = err.sendAlert;
      visible = new TlsError(err.code, err.message, err.alert);
    } else if (err instanceof TlsError) {
      visible = err;
    } else {
      alert = 'internal_error';
      visible = new TlsError('internal', `internal TLS client error${err instanceof Error ? ` (${err.name})` : ''}`);
    }
    if (visible instanceof TlsError) this.failure ??= visible;
    this.input.fail(this.failure ?? new TlsError('connection-closed', 'connection closed'));
    this.teardown(alert);
    return visible;
  }

  private teardown(alert: AlertName | null): void {
    this.input.detach();
    if (this.socket.destroyed) return;
    if (alert !== null) {
      try {
        const body = Uint8Array.of(ALERT_FATAL, ALERT_CODES[alert]);
        this.socket.end(encodeRecord(ContentType.Alert, this.writeProtection.seal(ContentType.Alert, body)));
      } catch {
        this.socket.destroy();
        return;
      }
    } else {
      this.socket.end();
    }
    // Let the peer read the alert and close first; an abrupt close could turn into an RST that eats it.
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }

  // ---- application data ----------------------------------------------------------------------

  async write(data: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.sentCloseNotify || this.socket.destroyed) throw new TlsError('connection-closed', 'connection is closed');
    if (data.length === 0) return;
    await this.sendRecords(ContentType.ApplicationData, data);
  }

  async read(): Promise<Uint8Array | null> {
    for (;;) {
      const chunk = this.appData.shift();
      if (chunk) {
        this.appBytes -= chunk.length;
        return chunk;
      }
      if (this.failure) throw this.failure;
      if (this.peerClosed) return null;
      await this.pull().catch(() => undefined);
    }
  }

  async readExactly(n: number, timeoutMs?: number): Promise<Uint8Array> {
    let timer: NodeJS.Timeout | undefined;
    const deadline =
      timeoutMs === undefined
        ? null
        : new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), timeoutMs);
          });
    try {
      while (this.appBytes < n) {
        if (this.failure) throw this.failure;
        if (this.peerClosed) throw new TlsError('connection-closed', `server closed the connection after ${this.appBytes} of ${n} expected bytes`);
        const pulled = this.pull().then(() => 'data' as const, () => 'data' as const);
        if ((await (deadline ? Promise.race([pulled, deadline]) : pulled)) === 'timeout') {
          throw new TlsError('timeout', `no ${n}-byte answer from ${this.where} within ${timeoutMs} ms`);
        }
      }
      return this.takeAppData(n);
    } finally {
      clearTimeout(timer);
    }
  }

  private takeAppData(n: number): Uint8Array {
    const all = concatBytes(...this.appData.splice(0));
    const out = all.slice(0, n);
    if (all.length > n) this.appData.push(all.subarray(n));
    this.appBytes = all.length - n;
    return out;
  }

  /** Decodes records until one application-data chunk is buffered, the peer closes, or it fails. Shared by concurrent readers. */
  private pull(): Promise<void> {
    this.pulling ??= this.pullOnce().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  private async pullOnce(): Promise<void> {
    if (this.failure || this.peerClosed) return;
    try {
      for (;;) {
        const record = await this.nextPlainRecord();
        if (!record) {
          if (this.peerClosed) {
            this.answerCloseNotify();
            return;
          }
          throw new TlsError('connection-closed', `${this.where} closed the connection without close_notify`);
        }
        if (record.type === ContentType.ApplicationData) {
          this.appData.push(record.fragment);
          this.appBytes += record.fragment.length;
          return;
        }
        if (record.type === ContentType.ChangeCipherSpec) throw unexpected('ChangeCipherSpec after the handshake, i.e.');
        this.handshakeBuffer.push(record.fragment);
        for (let msg = this.handshakeBuffer.next(); msg; msg = this.handshakeBuffer.next()) {
          if (msg.type !== HandshakeType.HelloRequest || msg.body.length !== 0) throw unexpected('a handshake message after the handshake, i.e.');
          // Renegotiation is not supported: decline politely and carry on.
          await this.sendRecords(ContentType.Alert, Uint8Array.of(ALERT_WARNING, ALERT_CODES.no_renegotiation));
        }
      }
    } catch (err) {
      throw this.failWith(err);
    }
  }

  private answerCloseNotify(): void {
    if (this.sentCloseNotify || this.socket.destroyed) return;
    this.sentCloseNotify = true;
    this.input.detach();
    this.socket.end(encodeRecord(ContentType.Alert, this.writeProtection.seal(ContentType.Alert, Uint8Array.of(ALERT_WARNING, ALERT_CODES.close_notify))));
  }

  async end(): Promise<void> {
    if (this.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    if (!this.sentCloseNotify && !this.failure) {
      this.sentCloseNotify = true;
      this.socket.end(encodeRecord(ContentType.Alert, this.writeProtection.seal(ContentType.Alert, Uint8Array.of(ALERT_WARNING, ALERT_CODES.close_notify))));
    } else {
      this.socket.end();
    }
    this.input.detach();
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  destroy(): void {
    this.failure ??= new TlsError('connection-closed', 'connection was destroyed');
    this.input.fail(this.failure);
    this.socket.destroy();
  }
}

interface SessionKeys {
  client: RecordProtection;
  server: RecordProtection;
}

/** key_block = PRF(master, "key expansion", server_random + client_random), RFC 5246 §6.3. */
function deriveKeys(suite: CipherSuite, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): SessionKeys {
  const macLength = suite.mac ? hashOutputLength(suite.mac) : 0;
  const ivLength = suite.cipher === 'gcm' ? 4 : 0;
  const total = 2 * (macLength + suite.keyLength + ivLength);
  const block = prf(suite.prfHash, master, 'key expansion', concatBytes(serverRandom, clientRandom), total);
  let at = 0;
  const take = (n: number) => block.slice(at, (at += n));
  const clientMac = take(macLength);
  const serverMac = take(macLength);
  const clientKey = take(suite.keyLength);
  const serverKey = take(suite.keyLength);
  const clientIv = take(ivLength);
  const serverIv = take(ivLength);
  if (suite.cipher === 'gcm') return { client: new GcmProtection(clientKey, clientIv), server: new GcmProtection(serverKey, serverIv) };
  const mac = suite.mac ?? 'sha256';
  return { client: new CbcProtection(clientKey, clientMac, mac), server: new CbcProtection(serverKey, serverMac, mac) };
}
