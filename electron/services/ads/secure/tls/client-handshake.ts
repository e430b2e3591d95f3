/**
 * The client side of the TLS 1.2 handshake (RFC 5246 §7.3) as a strict state machine: every server message
 * must come in its place, the server certificate is handed to the caller before we send anything after it,
 * and the server's Finished is verified before the connection counts as established.
 */
import { concatBytes } from './bytes';
import { subjectPublicKeyInfo, pemCertificates } from './certificate-der';
import { offeredSuites, type CipherSuite } from './cipher-suites';
import type { TlsClientOptions } from './config';
import { unexpected, type TlsConnection } from './connection';
import {
  constantTimeEqual,
  hashOutputLength,
  importRsaPublicKey,
  loadRsaPrivateKey,
  publicRandomBytes,
  runningHash,
  type RsaPrivateKey,
  type RsaPublicKey,
  type SignatureHash,
} from './crypto-primitives';
import {
  ExtensionType,
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
import { cryptoPool } from './crypto-pool';
import { dheClientShareOffThread, ecdheClientShare, pskPreMaster, type ClientShare } from './key-exchange';
import { masterSecret, prf } from './prf';
import { CbcProtection, ContentType, GcmProtection, TLS12, type RecordProtection } from './record-layer';
import { ServerRejected, TlsError, TlsFatal } from './tls-error';

const RSA_SIGN_CERT_TYPE = 1;
const utf8 = new TextEncoder();
const MAX_PSK_FIELD = 0xffff;
/** Same floor as for DH groups: a smaller RSA key lets an attacker forge the ServerKeyExchange signature. */
const MIN_SERVER_RSA_BITS = 2048;
/** With the legacy option, for old targets whose certificate the user chose to trust anyway. */
const MIN_LEGACY_SERVER_RSA_BITS = 1024;

function versionName(version: number): string {
  const names: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };
  return names[version] ?? `version 0x${version.toString(16).padStart(4, '0')}`;
}

const MESSAGE_NAMES: Record<number, string> = {
  0: 'HelloRequest',
  1: 'ClientHello',
  2: 'ServerHello',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
  20: 'Finished',
};

function expectMessage(msg: HandshakeMessage, type: HandshakeType): void {
  if (msg.type !== type) {
    throw unexpected(`${MESSAGE_NAMES[msg.type] ?? `handshake message type ${msg.type}`} where ${MESSAGE_NAMES[type]} was expected, i.e.`);
  }
}

export interface ClientCredentials {
  chain: Uint8Array[];
  key: RsaPrivateKey;
}

/**
 * Checks what can be checked before any packet: PSK sizes and the client certificate and key. Throws a TlsError
 * with a clear message; returns the parsed client credentials (certificate mode with a client certificate).
 */
export function prepareClientHandshake(options: TlsClientOptions): ClientCredentials | null {
  if (options.mode === 'psk' && !options.psk) throw new TlsError('handshake-failure', 'PSK mode needs a PSK identity and key');
  if (options.mode === 'psk' && options.psk) checkPskSizes(options.psk);
  return options.mode === 'certificate' ? loadClientCredentials(options) : null;
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
  const identityBytes = utf8.encode(psk.identity).length;
  if (identityBytes === 0) throw new TlsError('handshake-failure', 'the PSK identity is empty');
  if (identityBytes > MAX_PSK_FIELD)
    throw new TlsError('handshake-failure', `the PSK identity is longer than ${MAX_PSK_FIELD} bytes (UTF-8)`);
}

/** Runs the whole client handshake on `conn`; resolves once the server's Finished has verified. */
export function clientHandshake(conn: TlsConnection, options: TlsClientOptions, credentials: ClientCredentials | null): Promise<void> {
  return new ClientHandshakeState(conn, options, credentials).run();
}

class ClientHandshakeState {
  private readonly transcript: Uint8Array[] = [];

  constructor(
    private readonly conn: TlsConnection,
    private readonly options: TlsClientOptions,
    private readonly credentials: ClientCredentials | null,
  ) {}

  async run(): Promise<void> {
    const { options, conn } = this;
    const offerEcdhe = options.mode === 'certificate' && (options.offerEcdhe ?? true);
    const suites = offeredSuites(options.mode, offerEcdhe);
    const clientRandom = publicRandomBytes(32);
    await this.sendHandshake(
      encodeClientHello(
        clientRandom,
        suites.map((s) => s.id),
        offerEcdhe,
      ),
    );

    let msg = await conn.nextHandshakeMessage();
    expectMessage(msg, HandshakeType.ServerHello);
    const hello = parseServerHello(msg.body);
    if (hello.version !== TLS12) {
      throw new TlsFatal('protocol-version', `server chose ${versionName(hello.version)}; only TLS 1.2 is supported`, 'protocol_version');
    }
    const suite = suites.find((s) => s.id === hello.cipherSuite);
    if (!suite) {
      throw new TlsFatal(
        'unsupported-suite',
        `server chose cipher suite 0x${hello.cipherSuite.toString(16).padStart(4, '0')}, which was not offered`,
        'illegal_parameter',
      );
    }
    if (hello.compression !== 0)
      throw new TlsFatal('handshake-failure', 'server chose TLS compression, which was not offered', 'illegal_parameter');
    this.checkServerExtensions(hello.extensions, offerEcdhe);
    conn.markVersionNegotiated();
    conn.cipherSuite = { id: suite.id, name: suite.name };
    conn.keyExchange = suite.keyExchange;
    this.record(msg);

    let share: ClientShare;
    let certRequest: CertificateRequest | null = null;
    msg = await conn.nextHandshakeMessage();
    if (suite.keyExchange === 'psk') {
      if (msg.type === HandshakeType.ServerKeyExchange) {
        parsePskServerKeyExchange(msg.body); // the identity hint is unused by TwinCAT
        this.record(msg);
        msg = await conn.nextHandshakeMessage();
      }
      share = {
        publicValue: utf8.encode(options.psk?.identity ?? ''),
        preMaster: pskPreMaster(options.psk?.key ?? new Uint8Array(0)),
      };
    } else {
      expectMessage(msg, HandshakeType.Certificate);
      const serverKey = await this.acceptServerCertificate(msg);
      msg = await conn.nextHandshakeMessage();
      expectMessage(msg, HandshakeType.ServerKeyExchange);
      share = await this.serverKeyExchange(suite, msg.body, serverKey, clientRandom, hello.random);
      this.record(msg);
      msg = await conn.nextHandshakeMessage();
      if (msg.type === HandshakeType.CertificateRequest) {
        certRequest = parseCertificateRequest(msg.body);
        this.record(msg);
        msg = await conn.nextHandshakeMessage();
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
    const minimum = this.options.legacyCrypto ? MIN_LEGACY_SERVER_RSA_BITS : MIN_SERVER_RSA_BITS;
    if (key.bits < minimum) {
      const hint =
        minimum > MIN_LEGACY_SERVER_RSA_BITS && key.bits >= MIN_LEGACY_SERVER_RSA_BITS
          ? ' (allow legacy crypto only for an old target you trust)'
          : '';
      throw new TlsFatal(
        'certificate-rejected',
        `server certificate RSA key has ${key.bits} bits; at least ${minimum} are required${hint}`,
        'insufficient_security',
      );
    }
    this.conn.peerCertificateChain = chain;
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

  /** Signature check and DHE on a crypto worker (crypto-pool.ts); ECDHE is cheap enough to stay here. */
  private async serverKeyExchange(
    suite: CipherSuite,
    body: Uint8Array,
    key: RsaPublicKey,
    clientRandom: Uint8Array,
    serverRandom: Uint8Array,
  ): Promise<ClientShare> {
    if (suite.keyExchange === 'dhe') {
      const params = parseDheServerKeyExchange(body);
      await this.verifyParamsSignature(params, key, clientRandom, serverRandom);
      const dh = await dheClientShareOffThread(params.p, params.g, params.ys, undefined, this.options.legacyCrypto === true);
      this.conn.dhBits = dh.bits;
      return dh;
    }
    const params = parseEcdheServerKeyExchange(body);
    await this.verifyParamsSignature(params, key, clientRandom, serverRandom);
    return ecdheClientShare(params.group, params.point);
  }

  private async verifyParamsSignature(
    params: SignedParams,
    key: RsaPublicKey,
    clientRandom: Uint8Array,
    serverRandom: Uint8Array,
  ): Promise<void> {
    const hash = rsaHashOf(params.signatureAlgorithm);
    if (!hash) {
      throw new TlsFatal(
        'bad-signature',
        `server signed its key exchange with algorithm 0x${params.signatureAlgorithm.toString(16).padStart(4, '0')}, which was not offered`,
        'illegal_parameter',
      );
    }
    if (!(await cryptoPool().verify(key, hash, concatBytes(clientRandom, serverRandom, params.params), params.signature))) {
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
    const { conn } = this;
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
          throw new TlsFatal(
            'handshake-failure',
            'server asks for a client certificate but accepts no RSA PKCS#1 signature this client can make',
            'handshake_failure',
          );
        }
        add(encodeCertificate(this.credentials.chain));
      } else {
        add(encodeCertificate([]));
      }
    }
    add(encodeClientKeyExchange(suite.keyExchange, share.publicValue));
    if (signWith && this.credentials) {
      add(encodeCertificateVerify(signWith, await cryptoPool().sign(this.credentials.key, signWith, concatBytes(...this.transcript))));
    }

    const master = masterSecret(suite.prfHash, share.preMaster, clientRandom, serverRandom);
    const keys = deriveKeys(suite, master, clientRandom, serverRandom);
    // The whole flight in one socket write: same bytes on the wire, one syscall (and usually one segment) not three.
    const plainPart = concatBytes(
      conn.sealRecords(ContentType.Handshake, concatBytes(...flight)),
      conn.sealRecords(ContentType.ChangeCipherSpec, Uint8Array.of(1)),
    );
    conn.changeWriteProtection(keys.client);
    // One running hash for both Finished messages: the client's covers the transcript so far, the server's that plus ours.
    const transcript = runningHash(suite.prfHash, this.transcript);
    const clientFinished = encodeFinished(prf(suite.prfHash, master, 'client finished', transcript.digestSoFar(), VERIFY_DATA_LENGTH));
    transcript.update(clientFinished);
    await conn.writeToSocket(concatBytes(plainPart, conn.sealRecords(ContentType.Handshake, clientFinished)));

    await conn.expectServerChangeCipherSpec();
    conn.changeReadProtection(keys.server);
    const msg = await conn.nextHandshakeMessage();
    expectMessage(msg, HandshakeType.Finished);
    const expected = prf(suite.prfHash, master, 'server finished', transcript.finalDigest(), VERIFY_DATA_LENGTH);
    if (!constantTimeEqual(parseFinished(msg.body), expected)) {
      throw new TlsFatal(
        'handshake-failure',
        'server Finished does not verify: the handshake was altered or the keys differ',
        'decrypt_error',
      );
    }
  }

  private record(msg: HandshakeMessage): void {
    this.transcript.push(msg.raw);
  }

  private async sendHandshake(message: Uint8Array): Promise<void> {
    this.transcript.push(message);
    await this.conn.sendRecords(ContentType.Handshake, message);
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
