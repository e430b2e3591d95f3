import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes } from './bytes';
import { connectTls, TlsError } from './index';
import { pskPreMaster } from './key-exchange';
import { masterSecret, prf } from './prf';
import { CbcProtection, ContentType } from './record-layer';
import { handshake, readClientHello, serverHello, serverHelloDone, tlsRecord } from './testing/fake-server';
import { startRawServer } from './testing/fixtures';

// A server that knows the PSK (so every record it sends decrypts and authenticates) but ends the handshake with a
// Finished whose verify_data is wrong: the client must refuse the session rather than treat it as established.
const PSK = new Uint8Array(32).fill(0x42);
const PSK_AES128_CBC_SHA256 = 0x00ae;

describe('server Finished', () => {
  it('a correctly encrypted Finished with wrong verify_data: handshake-failure, the connection never opens', async () => {
    const srv = await startRawServer((socket) => {
      void readClientHello(socket).then(({ random: clientRandom }) => {
        const serverRandom = randomBytes(32);
        socket.write(
          tlsRecord(
            ContentType.Handshake,
            Buffer.concat([serverHello({ random: serverRandom, suite: PSK_AES128_CBC_SHA256 }), serverHelloDone()]),
          ),
        );
        const master = masterSecret('sha256', pskPreMaster(PSK), clientRandom, serverRandom);
        // key_block: client MAC, server MAC (32 each), client key, server key (16 each); CBC in TLS 1.2 has no fixed IV.
        const block = prf('sha256', master, 'key expansion', concatBytes(serverRandom, clientRandom), 96);
        const server = new CbcProtection(block.slice(80, 96), block.slice(32, 64), 'sha256');
        const wrongFinished = handshake(20, new Uint8Array(12).fill(7));
        socket.write(
          Buffer.concat([
            tlsRecord(ContentType.ChangeCipherSpec, Uint8Array.of(1)),
            tlsRecord(ContentType.Handshake, server.seal(ContentType.Handshake, wrongFinished)),
          ]),
        );
      });
    });
    try {
      const error = await connectTls({
        host: '127.0.0.1',
        port: srv.port,
        mode: 'psk',
        psk: { identity: 'LINE1', key: PSK },
        timeoutMs: 5000,
      }).then(
        (conn) => {
          conn.destroy();
          return null;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TlsError);
      expect(error).toMatchObject({ code: 'handshake-failure', message: expect.stringContaining('Finished does not verify') });
    } finally {
      await srv.close();
    }
  });
});
