import {
  eventChannels,
  requestChannels,
  type EventChannel,
  type EventOf,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import { type IpcError, type IpcResult } from '../../shared/ipc/result';
import { TypedError } from '../../shared/typed-error';
import type { RendererApi } from '../../shared/ipc/transport';

type FakeHandler<C extends RequestChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

export interface FakeCall {
  channel: RequestChannel;
  request: unknown;
}

/**
 * A RendererApi for renderer tests. Register an answer per channel (a handler, a fixed error, or a promise the test
 * settles itself), emit events, and read back what the view asked for. Answers and events are checked against the
 * IPC contract, so a fixture that the real services could never send fails the test instead of passing it.
 */
export class FakeApi implements RendererApi {
  readonly calls: FakeCall[] = [];
  private readonly handlers = new Map<RequestChannel, (request: unknown) => Promise<IpcResult<unknown>>>();
  private readonly listeners = new Map<EventChannel, Set<(event: unknown) => void>>();

  /** Answers `channel` with what `handler` returns; a thrown TypedError becomes its error result. */
  handle<C extends RequestChannel>(channel: C, handler: FakeHandler<C>): this {
    this.handlers.set(channel, async (request) => {
      try {
        const response = await handler(request as RequestOf<C>);
        return { ok: true, data: requestChannels[channel].response.parse(response) };
      } catch (error) {
        if (error instanceof TypedError) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    });
    return this;
  }

  /** Answers `channel` with this fixed response. */
  respond<C extends RequestChannel>(channel: C, response: ResponseOf<C>): this {
    return this.handle(channel, () => response);
  }

  /** Answers `channel` with an error result, e.g. `{ code: 'transport', message: '…' }` for a dead host. */
  fail(channel: RequestChannel, error: IpcError): this {
    this.handlers.set(channel, async () => ({ ok: false, error }));
    return this;
  }

  /** Leaves `channel` unanswered until the test calls the returned settle function (for loading states). */
  defer<C extends RequestChannel>(channel: C): { resolve(response: ResponseOf<C>): void; reject(error: IpcError): void } {
    let settle: (result: IpcResult<unknown>) => void = () => {};
    const answer = new Promise<IpcResult<unknown>>((resolve) => {
      settle = resolve;
    });
    this.handlers.set(channel, () => answer);
    return {
      resolve: (response) => settle({ ok: true, data: requestChannels[channel].response.parse(response) }),
      reject: (error) => settle({ ok: false, error }),
    };
  }

  async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'unknown-channel', message: `FakeApi has no handler for ${channel}` } };
    return (await handler(request)) as IpcResult<ResponseOf<C>>;
  }

  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener as (event: unknown) => void);
    this.listeners.set(channel, set);
    return () => {
      set.delete(listener as (event: unknown) => void);
    };
  }

  /** Paths the test says Electron would report for picked files, by file name; '' (a browser) otherwise. */
  readonly filePaths = new Map<string, string>();

  pathForFile(file: object): string {
    return this.filePaths.get((file as { name?: string }).name ?? '') ?? '';
  }

  /** Delivers an event to every current listener, as the services would. */
  emit<C extends EventChannel>(channel: C, event: EventOf<C>): void {
    const parsed = eventChannels[channel].parse(event);
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(parsed);
  }

  listenerCount(channel: EventChannel): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request);
  }
}

export function createFakeApi(): FakeApi {
  return new FakeApi();
}
