import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import { composeServices, type AppServices } from '../compose';

const CA_PASSWORD = 'Feature-CA-Secret';
let dataDir: string;
let services: AppServices;
const events: Array<{ channel: EventChannel; event: unknown }> = [];
const client = { clientId: 'test' };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-cert-ipc-'));
  services = composeServices({ dataDir, transport: 'web' });
  services.context.events.subscribe((channel, event) => events.push({ channel, event }));
});
afterAll(async () => {
  await services.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('certificates IPC feature', () => {
  it('creates a CA and issues a device certificate; each change announces the new attention count; no password in the log', async () => {
    const dispatch = services.dispatcher.dispatch.bind(services.dispatcher);
    const created = await dispatch('certificates:ca-create', { subject: { CN: 'IPC CA', O: 'Plant' }, password: CA_PASSWORD }, client);
    expect(created).toMatchObject({ ok: true, data: { subject: 'O=Plant, CN=IPC CA', isCa: true, keyBits: 2048 } });
    const issued = await dispatch('certificates:issue', { caPassword: CA_PASSWORD, commonNames: ['PLC-SOON'], days: 5 }, client);
    expect(issued).toMatchObject({ ok: true, data: { issued: [{ commonName: 'PLC-SOON', keyEncrypted: false }] } });
    expect(events.filter((e) => e.channel === 'certificates:changed').map((e) => e.event)).toEqual([{ attention: 0 }, { attention: 1 }]);
    const overview = await dispatch('certificates:overview', {}, client);
    expect(overview).toMatchObject({
      ok: true,
      data: { attention: 1, ca: { certificate: { commonName: 'IPC CA' } }, devices: [{ commonName: 'PLC-SOON' }] },
    });
    const wrong = await dispatch('certificates:issue', { caPassword: 'wrong-one', commonNames: ['X'] }, client);
    expect(wrong).toEqual({ ok: false, error: { code: 'ca-bad-password', message: 'the CA password is wrong' } });
    const log = services.context.logBook
      .recent()
      .map((entry) => entry.message)
      .join('\n');
    expect(log).toContain('plant CA "IPC CA" created (RSA 2048, 3600 days)');
    expect(log).not.toContain(CA_PASSWORD);
  });

  it('refuses a short CA password and a key export without its confirmation', async () => {
    const short = await services.dispatcher.dispatch(
      'certificates:ca-create',
      { subject: { CN: 'X' }, password: 'short', replace: true },
      client,
    );
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const unconfirmed = await services.dispatcher.dispatch(
      'certificates:identity-export',
      { folder: join(dataDir, 'out'), includeKey: true },
      client,
    );
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('confirmation') } });
    const confirmed = await services.dispatcher.dispatch(
      'certificates:identity-export',
      { folder: join(dataDir, 'out'), includeKey: true, keyConfirmed: true },
      client,
    );
    expect(confirmed).toMatchObject({
      ok: true,
      data: { files: [join(dataDir, 'out', 'client-certificate.pem'), join(dataDir, 'out', 'client-key.pem')] },
    });
  });
});
