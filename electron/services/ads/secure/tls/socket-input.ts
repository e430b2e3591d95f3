import type { NetConnectOpts, Socket } from 'node:net';
import { RecordDeframer, type HeaderRules, type TlsRecord } from './record-layer';
import { TlsError } from './tls-error';

/** Stop reading from the kernel while this many undecoded bytes wait for the application. */
const HIGH_WATER = 1 << 20;

export function socketErrorToTls(err: unknown, where: string): TlsError {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return new TlsError('connection-refused', `${where} refused the connection (nothing listening on that port?)`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'EADDRNOTAVAIL':
      return new TlsError('unreachable', `${where} is unreachable (${code})`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TlsError('unreachable', `${where}: host name could not be resolved`);
    default:
      return new TlsError('connection-closed', `connection to ${where} failed${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** How much a socket made with directReadSocket() reads at a time: a full record's worth. */
const DIRECT_READ_BYTES = 16 * 1024;
const DIRECT_READS = Symbol('tls direct reads');

/** Reads of a socket made with directReadSocket() before a connection takes it over, then that connection's sink. */
interface DirectReads {
  early: Uint8Array[];
  sink: ((bytes: Uint8Array) => void) | null;
}

type DirectReadSocket = Socket & { [DIRECT_READS]?: DirectReads };

/** How to make a socket, and to mark it once made (connectTcp's socketSetup). */
export interface SocketSetup {
  options: Pick<NetConnectOpts, 'onread'>;
  adopt(socket: Socket): void;
}

/**
 * A socket that is to carry this engine's TLS: it reads into one reused buffer whose bytes go straight to the
 * connection (net's `onread`), past the stream machinery ('data' events and a fresh 64 KiB buffer per read), which
 * cost more CPU than decrypting a handshake's records. 'end', 'close', 'error', pause() and resume() work as on any
 * socket. A socket made without this setup works too, through 'data' events; Node's own tls can take either over.
 */
export function directReadSocket(): SocketSetup {
  const reads: DirectReads = { early: [], sink: null };
  return {
    options: {
      onread: {
        buffer: new Uint8Array(DIRECT_READ_BYTES),
        callback(bytes, buffer) {
          // A copy: the buffer is read into again. (Uint8Array's slice: a Buffer's would be a view.)
          const chunk = Uint8Array.prototype.slice.call(buffer, 0, bytes);
          if (reads.sink) reads.sink(chunk);
          else reads.early.push(chunk);
          return true;
        },
      },
    },
    adopt(socket) {
      (socket as DirectReadSocket)[DIRECT_READS] = reads;
    },
  };
}

/** Turns socket events into an awaitable stream of records, with backpressure. */
export class SocketInput {
  private readonly deframer = new RecordDeframer();
  private ended = false;
  private stopped = false;
  private failure: TlsError | null = null;
  private wake: (() => void) | null = null;
  private readonly direct: DirectReads | null;
  private readonly onBytes = (bytes: Uint8Array) => {
    this.deframer.push(bytes);
    if (this.deframer.pendingBytes > HIGH_WATER) this.socket.pause();
    this.notify();
  };
  private readonly onData = (chunk: Buffer) => this.onBytes(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: Error) => this.fail(socketErrorToTls(err, this.where));

  constructor(
    private readonly socket: Socket,
    private readonly where: string,
  ) {
    this.direct = (socket as DirectReadSocket)[DIRECT_READS] ?? null;
    if (this.direct) {
      for (const chunk of this.direct.early.splice(0)) this.deframer.push(chunk);
      this.direct.sink = this.onBytes;
    } else {
      socket.on('data', this.onData);
    }
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Makes every pending and future nextRecord() return 'eof' (the connection was closed on purpose). */
  stop(): void {
    this.stopped = true;
    this.notify();
  }

  /** Makes every pending and future nextRecord() reject with `err` (first failure wins). */
  fail(err: TlsError): void {
    this.failure ??= err;
    this.notify();
  }

  /** Stops listening for data (after a fatal error); the socket keeps draining so close is clean. */
  detach(): void {
    if (this.direct) this.direct.sink = discard;
    else this.socket.off('data', this.onData);
    this.socket.resume();
  }

  /** The next complete record, or 'eof' when the peer closed between records. */
  async nextRecord(rules: HeaderRules): Promise<TlsRecord | 'eof'> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.stopped) return 'eof';
      const record = this.deframer.next(rules);
      if (record) return record;
      if (this.ended) {
        if (this.deframer.pendingBytes > 0) {
          throw new TlsError('connection-closed', 'server closed the connection in the middle of a record (truncated record)');
        }
        return 'eof';
      }
      if (this.socket.isPaused()) this.socket.resume();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function discard(): void {}
