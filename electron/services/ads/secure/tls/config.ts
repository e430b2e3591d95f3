/** What a caller configures for one TLS client connection, and the connection it gets back. */
import type { Socket } from 'node:net';

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
  /**
   * Accept what old targets may still use: DH groups outside RFC 7919 / RFC 3526 (from 1024 bits) and server RSA keys
   * from 1024 bits. Default false: only the standard groups and RSA keys of at least 2048 bits.
   */
  legacyCrypto?: boolean;
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
