import WebSocket from 'ws';
import { test, expect } from './fixtures';
import type { WebHostProcess } from './support/web-host-process';

type Opened = { ws: WebSocket } | { status: number };

/** Opens the host's IPC socket as a browser would, and reports either the socket or the HTTP status that refused it. */
function openIpc(host: WebHostProcess, token: string, origin: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${encodeURIComponent(token)}`, { origin });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** A WebSocket message as text, whichever of its three shapes ws delivers. */
function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

/** One request/response round trip of the IPC protocol, matched by id. */
function invoke(
  ws: WebSocket,
  id: number,
  channel: string,
  request: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(rawText(data)) as { type: string; id?: number; result?: never };
      if (frame.type === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result!);
      }
    };
    ws.on('message', onMessage);
    ws.once('close', () => reject(new Error('socket closed before the answer')));
    ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
  });
}

test.describe('browser host', () => {
  test('a WebSocket with a wrong token is refused with 401', async ({ webHost }) => {
    expect(await openIpc(webHost, 'wrong-token', webHost.origin)).toEqual({ status: 401 });
  });

  test('a WebSocket from a foreign origin is refused with 403 even with the right token', async ({ webHost }) => {
    expect(await openIpc(webHost, webHost.token, 'http://evil.example')).toEqual({ status: 403 });
  });

  test('the right token from its own origin answers requests', async ({ webHost }) => {
    const opened = await openIpc(webHost, webHost.token, webHost.origin);
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    try {
      const info = await invoke(opened.ws, 1, 'app:info', {});
      expect(info).toMatchObject({ ok: true, data: { name: 'ADS Route Studio', transport: 'web' } });
    } finally {
      opened.ws.close();
    }
  });

  test('unknown channels and invalid payloads get typed errors and the host keeps serving', async ({ webHost }) => {
    const opened = await openIpc(webHost, webHost.token, webHost.origin);
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    const ws = opened.ws;
    try {
      expect(await invoke(ws, 1, 'no-such:channel', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(await invoke(ws, 2, 'network:adapters', { includeLoopback: 'yes please' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      ws.send('this is not JSON');
      expect(await invoke(ws, 3, 'network:adapters', { includeLoopback: true })).toMatchObject({ ok: true });

      // A second client still gets in, so one misbehaving page did not take the host down.
      const again = await openIpc(webHost, webHost.token, webHost.origin);
      if (!('ws' in again)) throw new Error(`refused with ${again.status}`);
      expect(await invoke(again.ws, 1, 'app:info', {})).toMatchObject({ ok: true });
      again.ws.close();
    } finally {
      ws.close();
    }
    expect(webHost.process.exitCode).toBeNull();
  });
});
