/** Test-only helpers: certificates, DH parameters, free ports, loopback servers. Never used by the engine. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';

export interface TestCredentials {
  certPem: string;
  keyPem: string;
  certDer: Uint8Array;
  certFile: string;
  keyFile: string;
}

/** A scratch directory holding certs and DH parameters; call cleanup() in afterAll. */
export class TestMaterial {
  readonly dir = mkdtempSync(join(tmpdir(), 'tls-engine-test-'));

  rsaCertificate(cn: string, bits = 2048): TestCredentials {
    const certFile = join(this.dir, `${cn}.crt`);
    const keyFile = join(this.dir, `${cn}.key`);
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', keyFile, '-out', certFile],
      { stdio: 'ignore' },
    );
    const certPem = readFileSync(certFile, 'utf8');
    const der = execFileSync('openssl', ['x509', '-in', certFile, '-outform', 'DER']);
    return { certPem, keyPem: readFileSync(keyFile, 'utf8'), certDer: new Uint8Array(der), certFile, keyFile };
  }

  /** RFC 7919 ffdhe2048 (instant) or freshly made DSA-style parameters of `bits`. */
  dhParams(bits: 2048 | 1024): { pem: string; file: string } {
    const file = join(this.dir, `dh${bits}.pem`);
    if (bits === 2048)
      execFileSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', file], {
        stdio: 'ignore',
      });
    else execFileSync('openssl', ['dhparam', '-dsaparam', '-out', file, String(bits)], { stdio: 'ignore' });
    return { pem: readFileSync(file, 'utf8'), file };
  }

  write(name: string, content: string): string {
    const file = join(this.dir, name);
    writeFileSync(file, content);
    return file;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback port that was free a moment ago (for servers that need an explicit port). */
export async function freePort(): Promise<number> {
  const s = createNetServer();
  const port = await listen(s);
  await closeServer(s);
  return port;
}

export interface EchoServer {
  port: number;
  /** Application data the server received, per connection. */
  received: Buffer[];
  /** Errors the server saw from clients (e.g. alerts we sent). */
  clientErrors: Error[];
  /** Resolves with the first client error. */
  firstClientError: Promise<Error>;
  sockets: TLSSocket[];
  close(): Promise<void>;
}

/** Node's (OpenSSL) TLS server, echoing every byte back. */
export async function startEchoServer(options: TlsOptions): Promise<EchoServer> {
  const received: Buffer[] = [];
  const clientErrors: Error[] = [];
  const sockets: TLSSocket[] = [];
  let reportError: (e: Error) => void = () => undefined;
  const firstClientError = new Promise<Error>((resolve) => (reportError = resolve));
  const server = createTlsServer(options, (socket) => {
    sockets.push(socket);
    const index = received.push(Buffer.alloc(0)) - 1;
    socket.on('data', (d: Buffer) => {
      received[index] = Buffer.concat([received[index] ?? Buffer.alloc(0), d]);
      socket.write(d);
    });
    socket.on('end', () => socket.end());
    socket.on('error', (e) => {
      clientErrors.push(e);
      reportError(e);
    });
  });
  server.on('tlsClientError', (e) => {
    clientErrors.push(e);
    reportError(e);
  });
  const port = await listen(server);
  return {
    port,
    received,
    clientErrors,
    firstClientError,
    sockets,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/** A raw TCP server whose behaviour per connection the test scripts. */
export async function startRawServer(onConnection: (socket: Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  const port = await listen(server);
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

export interface OpenSslServer {
  port: number;
  process: ChildProcess;
  /** Everything s_server printed so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Starts `openssl s_server -tls1_2` on a loopback port and waits for its ACCEPT line. */
export async function startOpenSslServer(args: string[]): Promise<OpenSslServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn('openssl', ['s_server', '-tls1_2', '-accept', `127.0.0.1:${port}`, '-naccept', '1', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await new Promise<boolean>((resolve) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes('ACCEPT')) resolve(true);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => resolve(false));
    });
    if (ready) {
      return {
        port,
        process: child,
        output: () => out,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill();
          await exited;
        },
      };
    }
    if (attempt >= 3) throw new Error(`openssl s_server did not start: ${out}`);
  }
}
