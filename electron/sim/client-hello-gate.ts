import type { Socket } from 'node:net';
import { peekClientHello, type ClientHelloSummary } from './client-hello';

/** A fatal handshake_failure alert (TLS 1.2), what a TLS server sends when it refuses a ClientHello. */
const HANDSHAKE_FAILURE_ALERT = Uint8Array.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
const PEEK_TIMEOUT_MS = 5000;

/**
 * Reads the ClientHello off a fresh TCP connection before the TLS stack sees it. `refuse` decides from it: a reason
 * ends the connection with a handshake_failure alert; null puts the bytes back and hands the socket to `accept`
 * (node:tls replays bytes already buffered on the socket). A silent or non-TLS peer is handed on unchanged.
 */
export function gateClientHello(
  socket: Socket,
  refuse: (hello: ClientHelloSummary) => string | null,
  accept: (socket: Socket) => void,
  onRefused: (reason: string) => void,
): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  const finish = (reason: string | null) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.off('data', onData);
    socket.pause();
    if (reason !== null) {
      onRefused(reason);
      socket.end(HANDSHAKE_FAILURE_ALERT);
      return;
    }
    if (length) socket.unshift(Buffer.concat(chunks, length));
    accept(socket);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
    const peek = peekClientHello(new Uint8Array(Buffer.concat(chunks, length)));
    if (peek.kind === 'partial') return;
    finish(peek.kind === 'complete' ? refuse(peek.hello) : null);
  };
  const timer = setTimeout(() => finish(null), PEEK_TIMEOUT_MS);
  socket.once('close', () => clearTimeout(timer));
  socket.on('data', onData);
}
