import type { Socket } from 'node:net';
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

/** Turns socket events into an awaitable stream of records, with backpressure. */
export class SocketInput {
  private readonly deframer = new RecordDeframer();
  private ended = false;
  private failure: TlsError | null = null;
  private wake: (() => void) | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.deframer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    if (this.deframer.pendingBytes > HIGH_WATER) this.socket.pause();
    this.notify();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: Error) => this.fail(socketErrorToTls(err, this.where));

  constructor(
    private readonly socket: Socket,
    private readonly where: string,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Makes every pending and future nextRecord() reject with `err` (first failure wins). */
  fail(err: TlsError): void {
    this.failure ??= err;
    this.notify();
  }

  /** Stops listening for data (after a fatal error); the socket keeps draining so close is clean. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.resume();
  }

  /** The next complete record, or 'eof' when the peer closed between records. */
  async nextRecord(rules: HeaderRules): Promise<TlsRecord | 'eof'> {
    for (;;) {
      if (this.failure) throw this.failure;
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
