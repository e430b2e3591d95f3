import type { Socket } from 'node:net';

/**
 * What the Secure ADS flows need from a TLS 1.2 client. It mirrors the engine in ./tls (connectTls) so that the
 * engine and the Node `tls` baseline are interchangeable; flows never depend on which one runs.
 */
export interface SecureConnectOptions {
  host: string;
  port: number;
  /** Already-connected TCP socket; the flows connect themselves so "TCP refused" and "TLS failed" stay apart. */
  socket?: Socket;
  timeoutMs?: number;
  mode: 'certificate' | 'psk';
  clientCertificate?: { certPem: string; keyPem: string };
  psk?: { identity: string; key: Uint8Array };
  /** Runs on the server chain (DER, leaf first) before anything else is sent; throwing aborts the handshake. */
  verifyServer?: (chainDer: Uint8Array[]) => void | Promise<void>;
}

export interface SecureTransport {
  readonly cipherSuite: { id: number; name: string };
  readonly peerCertificateChain: Uint8Array[];
  write(data: Uint8Array): Promise<void>;
  /** Next chunk of application data, or null once the peer closed cleanly. */
  read(): Promise<Uint8Array | null>;
  end(): Promise<void>;
  destroy(): void;
}

export type TlsConnector = (options: SecureConnectOptions) => Promise<SecureTransport>;

/** The minimal duplex both AMS paths (inside TLS, plain TCP 48898) are written against. */
export interface ByteStream {
  write(data: Uint8Array): Promise<void>;
  read(): Promise<Uint8Array | null>;
  destroy(): void;
}
