/**
 * One TLS 1.2 connection over a socket: records in and out under the current protection, alerts, the
 * failure that closes it, and the application-data API. The handshake drives it through the methods
 * marked "handshake side"; it does not know the handshake's order of messages.
 */
import type { Socket } from 'node:net';
import { concatBytes } from './bytes';
import type { TlsClientConnection } from './config';
import { HandshakeDefragmenter, HandshakeType, type HandshakeMessage } from './handshake-messages';
import {
  ContentType,
  MAX_PLAINTEXT,
  NULL_PROTECTION,
  encodeRecord,
  fragmentPlaintext,
  type RecordProtection,
  type TlsRecord,
} from './record-layer';
import { SocketInput, socketErrorToTls } from './socket-input';
import { ALERT_CODES, ServerRejected, TlsError, TlsFatal, alertName, type AlertName } from './tls-error';

/** How long a closing socket may linger waiting for the peer's FIN before we drop it. */
const CLOSE_GRACE_MS = 1000;
/** A peer flooding empty or warning records gets cut off rather than spinning us. */
const MAX_IDLE_RECORDS = 64;
const ALERT_WARNING = 1;
const ALERT_FATAL = 2;

export function unexpected(what: string): TlsFatal {
  return new TlsFatal('unexpected-message', `server sent ${what} out of order`, 'unexpected_message');
}

/** Hints for the alerts a TwinCAT-like server sends most, so the user sees a probable cause. */
function receivedAlertError(code: number, mode: 'certificate' | 'psk', during: 'handshake' | 'session'): TlsError {
  const name = alertName(code);
  const base = `server ended the ${during} with fatal alert ${name}`;
  if (name === 'protocol_version') return new TlsError('protocol-version', `${base}: the server does not speak TLS 1.2`, name);
  let hint = '';
  if (name === 'handshake_failure' || name === 'insufficient_security') hint = ': no common cipher suite or parameters';
  else if (name === 'unknown_psk_identity') hint = ': the server does not know this PSK identity';
  else if ((name === 'bad_record_mac' || name === 'decrypt_error') && mode === 'psk' && during === 'handshake')
    hint = ': probably a wrong pre-shared key';
  else if (
    ['bad_certificate', 'unknown_ca', 'certificate_unknown', 'unsupported_certificate', 'certificate_expired', 'access_denied'].includes(
      name,
    )
  )
    hint = ': the server rejected our client certificate';
  return new TlsError('alert-received', base + hint, name);
}

export class TlsConnection implements TlsClientConnection {
  cipherSuite = { id: 0, name: '' };
  peerCertificateChain: Uint8Array[] = [];
  dhBits: number | null = null;
  keyExchange: 'dhe' | 'ecdhe' | 'psk';

  private readonly input: SocketInput;
  private readonly handshakeBuffer = new HandshakeDefragmenter();
  private readProtection: RecordProtection = NULL_PROTECTION;
  private writeProtection: RecordProtection = NULL_PROTECTION;
  private versionNegotiated = false;
  private established = false;
  private failure: TlsError | null = null;
  private peerClosed = false;
  /** destroy() was called with no failure before it: reads end (null) rather than fail. */
  private destroyedHere = false;
  private sentCloseNotify = false;
  private readonly appData: Uint8Array[] = [];
  private appBytes = 0;
  private pulling: Promise<void> | null = null;

  constructor(
    private readonly socket: Socket,
    readonly where: string,
    private readonly mode: 'certificate' | 'psk',
  ) {
    this.input = new SocketInput(socket, where);
    this.keyExchange = mode === 'psk' ? 'psk' : 'dhe';
  }

  /** Runs `handshake` on this connection; on failure sends the alert we owe and rejects with what the caller should see. */
  async handshake(handshake: () => Promise<void>): Promise<void> {
    try {
      await handshake();
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

  // ---- handshake side ------------------------------------------------------------------------

  /** After ServerHello: record headers must carry TLS 1.2 from now on. */
  markVersionNegotiated(): void {
    this.versionNegotiated = true;
  }

  /** Switches the write side to `protection` (after our ChangeCipherSpec). */
  changeWriteProtection(protection: RecordProtection): void {
    this.writeProtection = protection;
  }

  /** Switches the read side to `protection` (after the server's ChangeCipherSpec). */
  changeReadProtection(protection: RecordProtection): void {
    this.readProtection = protection;
  }

  async sendRecords(type: ContentType, data: Uint8Array): Promise<void> {
    await this.writeToSocket(this.sealRecords(type, data));
  }

  /** `data` as records under the current write protection (which advances its sequence number). */
  sealRecords(type: ContentType, data: Uint8Array): Uint8Array {
    if (data.length <= MAX_PLAINTEXT) return encodeRecord(type, this.writeProtection.seal(type, data));
    return concatBytes(...fragmentPlaintext(data).map((f) => encodeRecord(type, this.writeProtection.seal(type, f))));
  }

  writeToSocket(bytes: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(socketErrorToTls(err, this.where)) : resolve()));
    });
  }

  async nextHandshakeMessage(): Promise<HandshakeMessage> {
    for (;;) {
      const msg = this.handshakeBuffer.next();
      // HelloRequest during a handshake is to be ignored (RFC 5246 §7.4.1.1).
      if (msg && msg.type === HandshakeType.HelloRequest && msg.body.length === 0) continue;
      if (msg) return msg;
      const record = await this.nextPlainRecord();
      if (!record) {
        throw new TlsError(
          'connection-closed',
          this.peerClosed
            ? 'server closed the connection during the handshake'
            : `${this.where} closed the connection during the handshake`,
        );
      }
      if (record.type === ContentType.ChangeCipherSpec) throw unexpected('ChangeCipherSpec');
      if (record.type === ContentType.ApplicationData) throw unexpected('application data during the handshake, i.e.');
      this.handshakeBuffer.push(record.fragment);
    }
  }

  async expectServerChangeCipherSpec(): Promise<void> {
    const record = await this.nextPlainRecord();
    if (!record) throw new TlsError('connection-closed', 'server closed the connection before its Finished');
    if (record.type !== ContentType.ChangeCipherSpec || this.handshakeBuffer.hasPartial)
      throw unexpected('a message where ChangeCipherSpec was expected, i.e. something');
    if (record.fragment.length !== 1 || record.fragment[0] !== 1)
      throw new TlsFatal('decode-error', 'malformed ChangeCipherSpec from server', 'decode_error');
  }

  // ---- records in ----------------------------------------------------------------------------

  /** Reads and opens one record; alerts are handled here. Returns null at EOF. */
  private async nextPlainRecord(): Promise<TlsRecord | null> {
    for (let idle = 0; idle < MAX_IDLE_RECORDS; idle++) {
      const record = await this.input.nextRecord({
        versionNegotiated: this.versionNegotiated,
        protectedRead: this.readProtection !== NULL_PROTECTION,
      });
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
      throw receivedAlertError(code, this.mode, this.established ? 'session' : 'handshake');
    }
    throw new TlsFatal('unexpected-message', 'server sent too many empty or warning records', 'unexpected_message');
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
      if (this.peerClosed || this.destroyedHere) return null;
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
        if (this.destroyedHere) throw new TlsError('connection-closed', 'connection was destroyed');
        if (this.peerClosed)
          throw new TlsError('connection-closed', `server closed the connection after ${this.appBytes} of ${n} expected bytes`);
        const pulled = this.pull().then(
          () => 'data' as const,
          () => 'data' as const,
        );
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
    if (this.failure || this.peerClosed || this.destroyedHere) return;
    try {
      for (;;) {
        const record = await this.nextPlainRecord();
        if (!record) {
          if (this.destroyedHere) return;
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
          if (msg.type !== HandshakeType.HelloRequest || msg.body.length !== 0)
            throw unexpected('a handshake message after the handshake, i.e.');
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
    this.socket.end(
      encodeRecord(ContentType.Alert, this.writeProtection.seal(ContentType.Alert, Uint8Array.of(ALERT_WARNING, ALERT_CODES.close_notify))),
    );
  }

  async end(): Promise<void> {
    if (this.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    if (!this.sentCloseNotify && !this.failure) {
      this.sentCloseNotify = true;
      this.socket.end(
        encodeRecord(
          ContentType.Alert,
          this.writeProtection.seal(ContentType.Alert, Uint8Array.of(ALERT_WARNING, ALERT_CODES.close_notify)),
        ),
      );
    } else {
      this.socket.end();
    }
    this.input.detach();
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  /**
   * Closes the socket at once. Reads pending or to come end with null, as on any stream we closed ourselves (no error
   * object: closing is the common end of every session, and errors are costly to make).
   */
  destroy(): void {
    if (this.failure) this.input.fail(this.failure);
    else {
      this.destroyedHere = true;
      this.input.stop();
    }
    this.socket.destroy();
  }
}
