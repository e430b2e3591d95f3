// Helpers for the simulator's tests only: small clients with bounded waits, every socket closed on return.
import { createSocket } from 'node:dgram';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { AmsStreamParser, encodeAmsPacket, encodeAmsTcpFrame, type AmsPacket } from '../../shared/protocol/ams';
import {
  decodeTlsConnectInfo,
  encodeTlsConnectInfo,
  type TlsConnectInfo,
  type TlsConnectInfoInput,
} from '../../shared/protocol/tls-connect-info';

/** Sends one datagram from an ephemeral port and resolves with the first reply, or null after `timeoutMs`. */
export function udpExchange(address: string, port: number, payload: Uint8Array, timeoutMs = 2000): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => finish(null), timeoutMs);
    const finish = (value: Buffer | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    socket.once('message', (msg) => finish(msg));
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.bind(0, '127.0.0.1', () => socket.send(payload, port, address));
  });
}

/**
 * Sends AMS/TCP frames on one connection; resolves with `expected` responses (default: one per request), or 'closed'
 * if the target hung up first.
 */
export function adsTcpExchange(
  address: string,
  port: number,
  requests: AmsPacket[],
  timeoutMs = 3000,
  expected = requests.length,
): Promise<AmsPacket[] | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    const parser = new AmsStreamParser({ tcpPrefix: true });
    const got: AmsPacket[] = [];
    let settled = false;
    const settle = (value: AmsPacket[] | 'closed' | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const timer = setTimeout(() => settle(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => {
      for (const r of requests) socket.write(encodeAmsTcpFrame(r));
    });
    socket.on('data', (chunk) => {
      got.push(...parser.push(new Uint8Array(chunk)));
      if (got.length >= expected) settle(got);
    });
    socket.on('error', () => settle('closed'));
    socket.on('close', () => settle('closed'));
  });
}

export interface SecureSession {
  socket: TLSSocket;
  response: TlsConnectInfo;
  /** Sends AMS packets (no prefix) and resolves with as many responses. */
  request(packets: AmsPacket[], timeoutMs?: number): Promise<AmsPacket[]>;
  close(): void;
}

/** TLS 1.2 to the target (OpenSSL client via node:tls), then one TlsConnectInfo; rejects if no answer arrives. */
export function secureConnect(options: ConnectionOptions, info: TlsConnectInfoInput, timeoutMs = 5000): Promise<SecureSession> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...options,
    });
    let buffer = new Uint8Array(0);
    let done = false;
    const timer = setTimeout(() => fail(new Error(`no TlsConnectInfo response within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed before the TlsConnectInfo response')));
    socket.once('secureConnect', () => socket.write(encodeTlsConnectInfo(info)));
    const onData = (chunk: Buffer) => {
      buffer = new Uint8Array([...buffer, ...chunk]);
      if (buffer.length < 64) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      const response = decodeTlsConnectInfo(buffer.subarray(0, 64));
      const parser = new AmsStreamParser({ tcpPrefix: false });
      const leftover = buffer.subarray(64);
      resolve({
        socket,
        response,
        close: () => socket.destroy(),
        request: (packets, wait = 3000) =>
          new Promise((res, rej) => {
            const got: AmsPacket[] = leftover.length ? parser.push(leftover) : [];
            const t = setTimeout(() => rej(new Error('no AMS response in time')), wait);
            const onAms = (c: Buffer) => {
              got.push(...parser.push(new Uint8Array(c)));
              if (got.length >= packets.length) {
                clearTimeout(t);
                socket.off('data', onAms);
                res(got);
              }
            };
            socket.on('data', onAms);
            for (const p of packets) socket.write(encodeAmsPacket(p));
          }),
      });
    };
    socket.on('data', onData);
  });
}

/** Resolves when the peer closes the socket (bounded). */
export function closedWithin(socket: TLSSocket, timeoutMs = 3000): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}
