import type { TlsClientOptions } from './tls/index';

/**
 * What the Secure ADS flows need from a TLS 1.2 client: the engine's own options (./tls, connectTls) without its
 * engine-only knobs, so that the engine and the Node `tls` baseline are interchangeable; flows never depend on which
 * one runs. The flows pass an already-connected `socket` so "TCP refused" and "TLS failed" stay apart.
 */
export type SecureConnectOptions = Omit<TlsClientOptions, 'offerEcdhe'>;

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
