import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { LogBook } from '../services/log/logger';
import { startWebHost, type WebHost } from './web-host';

let staticDir: string;
let host: WebHost;
let events: EventBus;
const open: WebSocket[] = [];

beforeEach(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'ars-web-host-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>ADS Route Studio</title>');
  const logBook = new LogBook();
  events = new EventBus();
  host = await startWebHost({
    dispatcher: createDispatcher({}, logBook.logger('ipc')),
    events,
    log: logBook.logger('web-host'),
    staticDir,
    maxClients: 3,
  });
});
afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await host.close();
  await rm(staticDir, { recursive: true, force: true });
});

/** A GET with the Host header a browser would send after resolving `hostHeader` to this host. */
function get(hostHeader: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: hostHeader } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(options: { hostHeader?: string; origin?: string } = {}): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${encodeURIComponent(host.token)}`, {
      origin: options.origin ?? host.origin,
      headers: options.hostHeader ? { Host: options.hostHeader } : {},
    });
    ws.once('open', () => {
      open.push(ws);
      resolve({ ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('browser host', () => {
  it('serves the page only for its own Host: 127.0.0.1:PORT or localhost:PORT, never a rebound name', async () => {
    expect(await get(`127.0.0.1:${host.port}`)).toMatchObject({ status: 200, body: expect.stringContaining('ADS Route Studio') });
    expect((await get(`localhost:${host.port}`)).status).toBe(200);
    for (const foreign of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `attacker.localhost:${host.port}`]) {
      const answer = await get(foreign);
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain('ADS Route Studio');
    }
  });

  it('refuses a WebSocket whose Host is foreign, even with the right token and origin', async () => {
    expect(await connect({ hostHeader: `evil.example:${host.port}` })).toEqual({ status: 421 });
    expect(await connect({ hostHeader: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })).toHaveProperty('ws');
  });

  it('caps open WebSocket connections and takes a new one once another has closed', async () => {
    const first = await connect();
    await connect();
    await connect();
    expect(await connect()).toEqual({ status: 503 });
    if (!('ws' in first)) throw new Error('first connection refused');
    await new Promise<void>((resolve) => {
      first.ws.once('close', () => resolve());
      first.ws.close();
    });
    // The server side notices the close on its own turn; the next connection then fits.
    await expect
      .poll(async () => {
        const next = await connect();
        return 'ws' in next;
      })
      .toBe(true);
  });

  /** Collects the frames the host sends on a fresh connection, and the events they carry in arrival order. */
  async function listen() {
    const connection = await connect();
    if (!('ws' in connection)) throw new Error('connection refused');
    const messages: { type: string; events?: { channel: string; event: { message: string } }[] }[] = [];
    connection.ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number]));
    const received = () =>
      messages.flatMap((m) => (m.type === 'events' ? (m.events ?? []).map((e) => e.event.message) : [`${m.type} frame`]));
    return { messages, received };
  }
  const entry = { time: '2026-11-29T08:00:00.000Z', level: 'info' as const, source: 'discovery', target: null };

  it('sends a burst of events in order: the first at once, the rest of the tick in a few messages', async () => {
    const { messages, received } = await listen();
    for (let i = 0; i < 450; i++) events.emit('log:entry', { ...entry, message: `reply ${i}` });
    await expect.poll(() => received().length).toBe(450);
    expect(received()).toEqual(Array.from({ length: 450 }, (_, i) => `reply ${i}`));
    expect(messages[0]).toEqual({ type: 'events', events: [{ channel: 'log:entry', event: { ...entry, message: 'reply 0' } }] });
    expect(messages.length).toBeLessThanOrEqual(4);
  });

  it('sends a lone event as a batch of one, in order with the events after it', async () => {
    const { messages, received } = await listen();
    events.emit('log:entry', { ...entry, message: 'alone' });
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toEqual({ type: 'events', events: [{ channel: 'log:entry', event: { ...entry, message: 'alone' } }] });
    events.emit('log:entry', { ...entry, message: 'later 1' });
    events.emit('log:entry', { ...entry, message: 'later 2' });
    await expect.poll(() => received().length).toBe(3);
    // A frame of any other kind would show up in this list as '<type> frame'.
    expect(received()).toEqual(['alone', 'later 1', 'later 2']);
  });
});
