import { createInterface } from 'node:readline';
import type { LabNamespace } from './namespace';

// Tiny Node programs run inside lab namespaces: an echo server that tells the sender which address it saw,
// and a one-shot client. They bind the lab address and an ephemeral port, never 48899.
const ECHO_SERVER = `
const s = require('node:dgram').createSocket('udp4');
s.on('message', (m, r) => s.send(JSON.stringify({ echo: m.toString(), from: r.address }), r.port, r.address));
s.bind(0, process.argv[1], () => console.log(JSON.stringify({ port: s.address().port })));
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

const ONE_SHOT_CLIENT = `
const s = require('node:dgram').createSocket('udp4');
const guard = setTimeout(() => { console.log(JSON.stringify({ error: 'no reply' })); process.exit(2); }, 5000);
s.on('message', (m) => { clearTimeout(guard); console.log(m.toString()); s.close(); });
s.send(process.argv[3], Number(process.argv[2]), process.argv[1]);
`;

export interface UdpEcho {
  port: number;
  /** True once the echo process has ended, by stop() or by its lab going away. */
  readonly ended: boolean;
  stop(): Promise<void>;
}

export async function startUdpEcho(ns: LabNamespace, address: string): Promise<UdpEcho> {
  const child = ns.spawn(process.execPath, ['-e', ECHO_SERVER, address]);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`UDP echo in ${ns.name} exited (code ${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return {
    port,
    get ended() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sends one datagram from `ns` and returns the echo: what came back and the sender address the server saw. */
export async function udpRoundTrip(
  ns: LabNamespace,
  address: string,
  port: number,
  text: string,
): Promise<{ echo?: string; from?: string; error?: string }> {
  const result = await ns.exec(process.execPath, ['-e', ONE_SHOT_CLIENT, address, String(port), text], { timeoutMs: 15_000 });
  try {
    return JSON.parse(result.stdout.trim()) as { echo?: string; from?: string; error?: string };
  } catch {
    return { error: `client exited ${result.code ?? result.signal}: ${result.stderr.trim()}` };
  }
}
