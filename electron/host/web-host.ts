import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WS_PATH, type WsClientFrame, type WsServerFrame } from '../../shared/ipc/transport';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { createEventBatcher } from '../ipc/event-batcher';
import type { Logger } from '../services/log/logger';

export interface WebHostOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  log: Logger;
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** WebSocket connections open at once (tabs, reconnects); more are refused with 503. */
  maxClients?: number;
}

export interface WebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Same policy as the Electron window, plus the WebSocket back to this host. */
function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const MAX_FRAME_BYTES = 1 << 20;
/** A few tabs and their reconnects; beyond this, a page or local process opening sockets in a loop is refused. */
export const MAX_WEB_CLIENTS = 16;

/**
 * The Host header names this host itself: its own address or localhost, with its port. Anything else is a DNS
 * rebinding attempt (a foreign name resolving to 127.0.0.1) and gets no page and no socket.
 */
function allowedHosts(host: string, port: number): Set<string> {
  return new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * Serves the renderer and the IPC contract over a WebSocket on 127.0.0.1 only. Every WebSocket must present this
 * run's token and come from this host's own origin, so another local user's page or a foreign site cannot drive it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const log = options.log;
  const maxClients = options.maxClients ?? MAX_WEB_CLIENTS;
  let origin = '';
  let hosts = new Set<string>();
  const hostAllowed = (req: IncomingMessage) => hosts.has((req.headers.host ?? '').toLowerCase());

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req)) {
      log.warn('web host: refused a request for a foreign Host');
      res.writeHead(421, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Misdirected request');
      return;
    }
    void serveStatic(options.staticDir, req, res, () => origin).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let nextClient = 1;

  server.on('upgrade', (req, socket, head) => {
    const refusal = !hostAllowed(req)
      ? { status: '421 Misdirected Request', reason: 'foreign Host' }
      : (checkUpgrade(req, origin, tokenBytes) ??
        (wss.clients.size >= maxClients
          ? { status: '503 Service Unavailable', reason: `more than ${maxClients} connections` }
          : undefined));
    if (refusal) {
      log.warn(`web host: refused WebSocket (${refusal.reason})`);
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, `web-${nextClient++}`));
  });

  function attachClient(ws: WebSocket, clientId: string): void {
    const sendNow = (frame: WsServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const batcher = createEventBatcher((events) => sendNow({ type: 'events', events }));
    const send = (frame: WsServerFrame) => {
      batcher.flush();
      sendNow(frame);
    };
    const unsubscribeBus = options.events.subscribe((channel, event) => batcher.push(channel, event));
    const unsubscribe = () => {
      unsubscribeBus();
      batcher.dispose();
    };
    ws.on('message', (data) => {
      let frame: WsClientFrame;
      try {
        frame = JSON.parse(messageText(data)) as WsClientFrame;
      } catch {
        log.warn('web host: dropped a frame that is not JSON');
        return;
      }
      if (frame?.type !== 'invoke' || typeof frame.id !== 'number') {
        log.warn('web host: dropped a frame of unknown shape');
        return;
      }
      void options.dispatcher
        .dispatch(frame.channel, frame.request, { clientId })
        .then((result) => send({ type: 'result', id: frame.id, result }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  hosts = allowedHosts(host, port);
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function checkUpgrade(req: IncomingMessage, origin: string, token: Buffer): { status: string; reason: string } | undefined {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname !== WS_PATH) return { status: '404 Not Found', reason: 'wrong path' };
  if (req.headers.origin !== origin && req.headers.origin !== origin.replace(/^http:\/\/[^:]+:/, 'http://localhost:'))
    return { status: '403 Forbidden', reason: 'foreign origin' };
  const offered = Buffer.from(url.searchParams.get('token') ?? '');
  if (offered.length !== token.length || !timingSafeEqual(offered, token)) return { status: '401 Unauthorized', reason: 'wrong token' };
  return undefined;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, origin: () => string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) {
    res.writeHead(404).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy(origin()),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A WebSocket message as text, whichever of its three shapes ws delivers (a fragmented one comes as a list). */
function messageText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
