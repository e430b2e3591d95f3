import { isRequestChannel, requestChannels, type RequestChannel } from '../../shared/ipc/contract';
import { fail, ok, type IpcResult } from '../../shared/ipc/result';
import { TypedError } from '../../shared/typed-error';
import type { CallContext, Handler, PartialHandlers } from './handlers';

export interface DispatcherLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface Dispatcher {
  dispatch(channel: unknown, request: unknown, context: CallContext): Promise<IpcResult<unknown>>;
}

/**
 * The single entry for every transport: validates the channel, the request and the handler's response against the
 * contract, and turns every failure into a typed error. Nothing a renderer sends can throw past this point.
 */
export function createDispatcher(handlers: PartialHandlers, log: DispatcherLog): Dispatcher {
  return {
    async dispatch(channel, request, context) {
      if (!isRequestChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
        log.warn(`IPC: unknown channel ${JSON.stringify(name)}`);
        return fail('unknown-channel', `Unknown channel ${JSON.stringify(name)}`);
      }
      const schema = requestChannels[channel];
      const parsed = schema.request.safeParse(request ?? {});
      if (!parsed.success) {
        log.warn(`IPC: invalid request on ${channel}: ${summarizeIssues(parsed.error.issues)}`);
        return fail('invalid-request', `Invalid request for ${channel}: ${summarizeIssues(parsed.error.issues)}`);
      }
      // Widened on purpose: indexed by the channel union, the handlers would only accept every request type at once.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the rule misses that widening
      const handler = handlers[channel] as Handler<RequestChannel> | undefined;
      if (!handler) {
        log.warn(`IPC: no handler for ${channel}`);
        return fail('unknown-channel', `No service answers ${channel}`);
      }
      let response: unknown;
      try {
        response = await handler(parsed.data, context);
      } catch (error) {
        if (error instanceof TypedError) return fail(error.code, error.message);
        log.error(`IPC: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
        return fail('internal', `${channel} failed unexpectedly`);
      }
      const checked = schema.response.safeParse(response);
      if (!checked.success) {
        log.error(`IPC: ${channel} returned an invalid response: ${summarizeIssues(checked.error.issues)}`);
        return fail('invalid-response', `${channel} returned data outside the contract`);
      }
      return ok(checked.data);
    },
  };
}

function summarizeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
