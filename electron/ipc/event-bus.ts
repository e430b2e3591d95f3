import { eventChannels, type EventChannel, type EventOf } from '../../shared/ipc/contract';

type Listener = (channel: EventChannel, event: unknown) => void;

/**
 * Services publish typed events here; transports subscribe and forward them. Every event is validated against the
 * contract before it leaves, so a service bug cannot push malformed data into the renderer.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly onInvalid: (channel: string, message: string) => void = () => {}) {}

  emit<C extends EventChannel>(channel: C, event: EventOf<C>): void {
    const parsed = eventChannels[channel].safeParse(event);
    if (!parsed.success) {
      this.onInvalid(channel, parsed.error.message);
      return;
    }
    for (const listener of this.listeners) listener(channel, parsed.data);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
