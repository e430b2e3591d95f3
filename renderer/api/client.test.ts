import { describe, expect, it, vi } from 'vitest';
import { fromBridge, fromWebSocket, TRANSPORT_ERROR } from './client';

/** Stands in for the browser WebSocket so the tests drive open, error, close and frames themselves. */
class ScriptedSocket {
  static instances: ScriptedSocket[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  readonly sent: unknown[] = [];
  closed = false;

  constructor(readonly url: string) {
    ScriptedSocket.instances.push(this);
  }
  send(data: string) {
    if (this.closed) throw new Error('socket closed');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.();
  }
  fail() {
    this.onerror?.();
    this.onclose?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
}

function setup(connectTimeoutMs = 5_000) {
  ScriptedSocket.instances = [];
  const api = fromWebSocket(
    { host: '127.0.0.1:4000', protocol: 'http:', search: '?token=a%2Bb' },
    ScriptedSocket as unknown as typeof WebSocket,
    connectTimeoutMs,
  );
  const socket = (index = 0) => {
    const found = ScriptedSocket.instances[index];
    if (!found) throw new Error(`no socket #${index}`);
    return found;
  };
  return { api, socket };
}

/** The client sends once its awaited connect() has continued; wait for exactly that. */
const sentOn = (socket: ScriptedSocket, count: number) => vi.waitFor(() => expect(socket.sent).toHaveLength(count));

describe('WebSocket client', () => {
  it('sends the token, answers a request with the matching result and ignores frames it cannot read', async () => {
    const { api, socket } = setup();
    const answer = api.invoke('log:recent', {});
    expect(socket().url).toBe('ws://127.0.0.1:4000/ipc?token=a%2Bb');
    socket().open();
    await sentOn(socket(), 1);
    expect(socket().sent).toEqual([{ type: 'invoke', id: 1, channel: 'log:recent', request: {} }]);
    socket().receive('not json {');
    socket().receive('null');
    socket().receive({ type: 'result', id: 1, result: { ok: true, data: [] } });
    await expect(answer).resolves.toEqual({ ok: true, data: [] });
  });

  it('turns a host that cannot be reached into a transport error result and dials again on the next request', async () => {
    const { api, socket } = setup();
    const first = api.invoke('log:recent', {});
    socket(0).fail();
    await expect(first).resolves.toMatchObject({ ok: false, error: { code: TRANSPORT_ERROR } });

    const second = api.invoke('log:recent', {});
    socket(1).open();
    await sentOn(socket(1), 1);
    socket(1).receive({ type: 'result', id: 1, result: { ok: true, data: [] } });
    await expect(second).resolves.toEqual({ ok: true, data: [] });
  });

  it('settles requests in flight with a transport error when the connection drops', async () => {
    const { api, socket } = setup();
    const answer = api.invoke('network:adapters', {});
    socket().open();
    await sentOn(socket(), 1);
    socket().onclose?.();
    await expect(answer).resolves.toEqual({ ok: false, error: { code: TRANSPORT_ERROR, message: 'Connection to the host closed' } });
  });

  it('gives up on a connection that never opens', async () => {
    const { api, socket } = setup(20);
    await expect(api.invoke('log:recent', {})).resolves.toMatchObject({ ok: false, error: { code: TRANSPORT_ERROR } });
    expect(socket().closed).toBe(true);
  });

  it('delivers events to subscribed listeners only, and a throwing listener does not stop the others', async () => {
    const { api, socket } = setup();
    const seen: string[] = [];
    api.on('log:entry', () => {
      throw new Error('buggy view');
    });
    const off = api.on('log:entry', (entry) => seen.push(entry.message));
    socket().open();
    const entry = { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 's', message: 'one' };
    const originalError = console.error;
    console.error = () => {};
    try {
      socket().receive({ type: 'events', events: [{ channel: 'log:entry', event: entry }] });
      off();
      socket().receive({ type: 'events', events: [{ channel: 'log:entry', event: { ...entry, message: 'two' } }] });
    } finally {
      console.error = originalError;
    }
    expect(seen).toEqual(['one']);
  });
  it('delivers the events of one batched frame in their order', () => {
    const { api, socket } = setup();
    const seen: string[] = [];
    api.on('log:entry', (entry) => seen.push(entry.message));
    socket().open();
    const entry = { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 's' };
    socket().receive({
      type: 'events',
      events: ['one', 'two', 'three'].map((message) => ({ channel: 'log:entry', event: { ...entry, message } })),
    });
    expect(seen).toEqual(['one', 'two', 'three']);
  });

  it('drops a malformed batched frame whole, and still delivers the next good one', () => {
    const { api, socket } = setup();
    const seen: string[] = [];
    api.on('log:entry', (entry) => seen.push(entry.message));
    socket().open();
    const event = { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 's', message: 'lost' };
    expect(() => socket().receive({ type: 'events', events: [{ channel: 'log:entry', event }, null] })).not.toThrow();
    expect(() => socket().receive({ type: 'events', events: { channel: 'log:entry', event } })).not.toThrow();
    socket().receive({ type: 'events', events: [{ channel: 'log:entry', event: { ...event, message: 'kept' } }] });
    expect(seen).toEqual(['kept']);
  });
});

describe('Electron bridge client', () => {
  it('turns a rejected ipc call into a transport error result', async () => {
    const api = fromBridge({ invoke: () => Promise.reject(new Error('main process gone')), on: () => () => {}, pathForFile: () => '' });
    await expect(api.invoke('log:recent', {})).resolves.toMatchObject({ ok: false, error: { code: TRANSPORT_ERROR } });
  });

  it("asks the bridge for a picked file's path; a browser (no bridge) reveals none", () => {
    const picked = { name: 'ca.pem' };
    const api = fromBridge({ invoke: async () => null, on: () => () => {}, pathForFile: (f) => (f === picked ? '/certs/ca.pem' : '') });
    expect(api.pathForFile(picked)).toBe('/certs/ca.pem');
  });
});
