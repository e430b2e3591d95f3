import {
  adsErrorText,
  adsStateName,
  AmsStreamParser,
  decodeReadDeviceInfoResponse,
  decodeReadStateResponse,
  encodeAmsPacket,
  encodeAmsTcpFrame,
  readDeviceInfoRequest,
  readStateRequest,
  type AmsPacket,
} from '../../../../shared/protocol/ams';
import { concatBytes } from '../../../../shared/protocol/bytes';
import { RouteFailure } from '../route-failure';
import type { ByteStream } from '../secure/secure-transport';

export interface AmsChannelOptions {
  /** true on plain TCP 48898 (6-byte AMS/TCP prefix); false inside Secure ADS TLS, where the prefix is rejected. */
  tcpPrefix: boolean;
  localNetId: string;
  localPort?: number;
  /** Bytes that already arrived after the TlsConnectInfo response. */
  initial?: Uint8Array;
}

export interface VerifiedTarget {
  adsState: number;
  adsStateName: string;
  deviceState: number;
  deviceName: string;
  version: string;
}

/** Our AMS source port; any free number works for a client without its own router. */
export const CLIENT_AMS_PORT = 32905;

/**
 * Request/response AMS over one stream: responses are matched by invoke id, so a late or unrelated packet never
 * answers the wrong request.
 */
export class AmsChannel {
  private readonly parser: AmsStreamParser;
  private readonly pending = new Map<number, { resolve: (p: AmsPacket) => void; reject: (e: Error) => void }>();
  private nextInvokeId = 1;
  /** Why the channel is closed; the error is made only when someone is told (a stack trace per closed route adds up). */
  private closedWith: (() => Error) | null = null;

  constructor(
    private readonly stream: ByteStream,
    private readonly options: AmsChannelOptions,
  ) {
    this.parser = new AmsStreamParser({ tcpPrefix: options.tcpPrefix });
    if (options.initial?.length) this.deliver(options.initial);
    void this.pump();
  }

  async request(build: (invokeId: number) => AmsPacket, timeoutMs: number): Promise<AmsPacket> {
    return this.requestAll([build], timeoutMs)[0]!;
  }

  /**
   * Sends several requests in one write (one TCP segment, one TLS record) and answers each by its invoke id: AMS lets a
   * client have requests outstanding, and one write costs both ends less than one per request.
   */
  private requestAll(builds: Array<(invokeId: number) => AmsPacket>, timeoutMs: number): Array<Promise<AmsPacket>> {
    if (this.closedWith) {
      const closed = this.closedWith();
      return builds.map(() => Promise.reject(closed));
    }
    // Every frame is built before any request waits, so one that cannot be built leaves nothing pending.
    const requests = builds.map((build) => {
      const invokeId = this.nextInvokeId++;
      const packet = build(invokeId);
      return { invokeId, frame: this.options.tcpPrefix ? encodeAmsTcpFrame(packet) : encodeAmsPacket(packet) };
    });
    const frames = requests.map((r) => r.frame);
    const waits = requests.map((r) => this.answerTo(r.invokeId, timeoutMs));
    const written = this.stream.write(frames.length === 1 ? frames[0]! : concatBytes(...frames));
    return waits.map(async ({ answer, forget }) => {
      try {
        await written;
        return await answer;
      } finally {
        forget();
      }
    });
  }

  private answerTo(invokeId: number, timeoutMs: number): { answer: Promise<AmsPacket>; forget: () => void } {
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<AmsPacket>((resolve, reject) => {
      this.pending.set(invokeId, { resolve, reject });
      timer = setTimeout(() => {
        this.pending.delete(invokeId);
        reject(
          new RouteFailure(
            'timeout',
            `no ADS answer within ${timeoutMs} ms`,
            'the route may be missing on the target, or the TwinCAT router is busy: retry, then check the route list on the target',
          ),
        );
      }, timeoutMs);
    });
    // Settled later or never (when the write fails first); its outcome is read through the request's own promise.
    answer.catch(() => undefined);
    return {
      answer,
      forget: () => {
        clearTimeout(timer);
        this.pending.delete(invokeId);
      },
    };
  }

  /** One ReadState to the system service; resolves with the ADS state (5 = Run). */
  async readState(targetNetId: string, timeoutMs: number): Promise<number> {
    const reply = await this.request(
      (invokeId) =>
        readStateRequest({
          target: targetNetId,
          source: this.options.localNetId,
          sourcePort: this.options.localPort ?? CLIENT_AMS_PORT,
          invokeId,
        }),
      timeoutMs,
    );
    checkAmsError(reply);
    const state = decodeReadStateResponse(reply);
    if (state.result !== 0) throw adsFailure('ReadState', state.result);
    return state.adsState;
  }

  /** ReadState + ReadDeviceInfo to the system service (AMS port 10000): proof that ADS really flows. */
  async verify(targetNetId: string, timeoutMs: number): Promise<VerifiedTarget> {
    const base = { target: targetNetId, source: this.options.localNetId, sourcePort: this.options.localPort ?? CLIENT_AMS_PORT };
    const [stateAnswer, infoAnswer] = this.requestAll(
      [(invokeId) => readStateRequest({ ...base, invokeId }), (invokeId) => readDeviceInfoRequest({ ...base, invokeId })],
      timeoutMs,
    );
    // Read after ReadState, or not at all when ReadState already failed.
    infoAnswer!.catch(() => undefined);
    const stateReply = await stateAnswer!;
    checkAmsError(stateReply);
    const state = decodeReadStateResponse(stateReply);
    if (state.result !== 0) throw adsFailure('ReadState', state.result);
    const infoReply = await infoAnswer!;
    checkAmsError(infoReply);
    const info = decodeReadDeviceInfoResponse(infoReply);
    if (info.result !== 0) throw adsFailure('ReadDeviceInfo', info.result);
    return {
      adsState: state.adsState,
      adsStateName: adsStateName(state.adsState),
      deviceState: state.deviceState,
      deviceName: info.name,
      version: `${info.major}.${info.minor}.${info.build}`,
    };
  }

  close(): void {
    this.fail(() => new RouteFailure('verify-failed', 'the ADS connection was closed', null));
    this.stream.destroy();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const chunk = await this.stream.read();
        if (chunk === null) break;
        this.deliver(chunk);
        if (this.closedWith) return;
      }
      this.fail(
        () =>
          new RouteFailure(
            'verify-failed',
            'the target closed the ADS connection',
            "the target refused ADS from this PC: check that the route exists on the target and uses this PC's NetId",
          ),
      );
    } catch (error) {
      this.fail(
        () =>
          new RouteFailure('verify-failed', `the ADS connection failed: ${error instanceof Error ? error.message : String(error)}`, null),
      );
    }
  }

  private deliver(chunk: Uint8Array): void {
    let packets: AmsPacket[];
    try {
      packets = this.parser.push(chunk);
    } catch (error) {
      this.fail(() => new RouteFailure('verify-failed', `the target sent a malformed AMS frame: ${(error as Error).message}`, null));
      this.stream.destroy();
      return;
    }
    for (const packet of packets) {
      // Only responses to our requests matter; anything else (notifications, stray frames) is ignored.
      if ((packet.stateFlags & 0x0001) === 0) continue;
      this.pending.get(packet.invokeId)?.resolve(packet);
    }
  }

  private fail(make: () => Error): void {
    if (this.closedWith) return;
    let error: Error | undefined;
    this.closedWith = () => (error ??= make());
    for (const waiter of this.pending.values()) waiter.reject(this.closedWith());
    this.pending.clear();
  }
}

function checkAmsError(packet: AmsPacket): void {
  if (packet.errorCode !== 0) throw adsFailure('AMS', packet.errorCode);
}

function adsFailure(what: string, code: number): RouteFailure {
  const fix =
    code === 0x6 || code === 0x7
      ? 'the target does not route ADS back to this PC: check the route on the target (NetId and address of this PC)'
      : 'check the route on the target and that TwinCAT is running';
  return new RouteFailure('verify-failed', `${what} answered with ${adsErrorText(code)}`, fix);
}
