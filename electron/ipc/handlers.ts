import type { ParsedRequestOf, RequestChannel, ResponseOf } from '../../shared/ipc/contract';

/** Who asked: lets a handler tie long-running work (a search, a route add) to one renderer. */
export interface CallContext {
  clientId: string;
}

export type Handler<C extends RequestChannel> = (
  request: ParsedRequestOf<C>,
  context: CallContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in RequestChannel]: Handler<C> };
export type PartialHandlers = { [C in RequestChannel]?: Handler<C> };
