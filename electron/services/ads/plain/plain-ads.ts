import { AmsChannel, type VerifiedTarget } from '../transport/ams-channel';
import { connectTcp, socketStream } from '../transport/tcp-stream';

export const ADS_TCP_PORT = 48898;

/** Proves a plain ADS route: AMS/TCP on 48898 with ReadState + ReadDeviceInfo to the target's system service. */
export async function verifyPlainAds(options: {
  host: string;
  port?: number;
  targetNetId: string;
  localNetId: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<VerifiedTarget> {
  const port = options.port ?? ADS_TCP_PORT;
  const socket = await connectTcp({
    host: options.host,
    port,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    service: 'ADS',
    refusedFix: `TCP ${port} refused: plain ADS disabled (SecureOnly / DisableAdsTcpListening) or blocked by a firewall on the target`,
  });
  const channel = new AmsChannel(socketStream(socket), { tcpPrefix: true, localNetId: options.localNetId });
  const onAbort = () => channel.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await channel.verify(options.targetNetId, options.timeoutMs);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    channel.close();
  }
}
