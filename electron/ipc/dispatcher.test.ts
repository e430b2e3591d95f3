import { describe, expect, it, vi } from 'vitest';
import { TypedError } from '../../shared/typed-error';
import { createDispatcher } from './dispatcher';

const context = { clientId: 'test' };

function makeLog() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('dispatcher', () => {
  it('returns the handler result wrapped as ok', async () => {
    const dispatcher = createDispatcher({ 'network:adapters': () => [] }, makeLog());
    await expect(dispatcher.dispatch('network:adapters', {}, context)).resolves.toEqual({ ok: true, data: [] });
  });

  it('refuses an unknown channel with a typed error and logs it', async () => {
    const log = makeLog();
    const dispatcher = createDispatcher({}, log);
    const result = await dispatcher.dispatch('shell:exec', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('shell:exec'));
  });

  it('refuses a payload that does not match the request schema without calling the handler', async () => {
    const handler = vi.fn(() => []);
    const dispatcher = createDispatcher({ 'network:adapters': handler }, makeLog());
    const result = await dispatcher.dispatch('network:adapters', { includeLoopback: 'yes' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a TypedError through with its code and message', async () => {
    const dispatcher = createDispatcher(
      {
        'network:adapters': () => {
          throw new TypedError('no-adapters', 'No network adapter is up');
        },
      },
      makeLog(),
    );
    await expect(dispatcher.dispatch('network:adapters', {}, context)).resolves.toEqual({
      ok: false,
      error: { code: 'no-adapters', message: 'No network adapter is up' },
    });
  });

  it('hides the text of unexpected errors from the renderer but logs them', async () => {
    const log = makeLog();
    const dispatcher = createDispatcher(
      {
        'network:adapters': () => {
          throw new Error('EACCES /secret/path');
        },
      },
      log,
    );
    const result = await dispatcher.dispatch('network:adapters', {}, context);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'network:adapters failed unexpectedly' } });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
  });

  it('refuses a handler response outside the contract', async () => {
    const dispatcher = createDispatcher({ 'network:adapters': () => [{ name: 42 }] as never }, makeLog());
    await expect(dispatcher.dispatch('network:adapters', {}, context)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-response' },
    });
  });

  it('answers a channel with no registered service with a typed error', async () => {
    const dispatcher = createDispatcher({}, makeLog());
    await expect(dispatcher.dispatch('network:adapters', {}, context)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });
});
