import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './event-bus';

const entry = { time: '2026-11-26T00:00:00.000Z', level: 'info' as const, source: 'test', target: null, message: 'hello' };

describe('EventBus', () => {
  it('delivers valid events to every subscriber until it unsubscribes', () => {
    const bus = new EventBus();
    const a = vi.fn();
    const b = vi.fn();
    const stopA = bus.subscribe(a);
    bus.subscribe(b);
    bus.emit('log:entry', entry);
    stopA();
    bus.emit('log:entry', entry);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledWith('log:entry', entry);
  });

  it('drops an event that breaks the contract and reports it', () => {
    const onInvalid = vi.fn();
    const bus = new EventBus(onInvalid);
    const listener = vi.fn();
    bus.subscribe(listener);
    bus.emit('log:entry', { ...entry, level: 'loud' } as never);
    expect(listener).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledWith('log:entry', expect.any(String));
  });
});
