import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCertificate } from '../certificates/index';
import { CERT_FILE, KEY_FILE } from './client-certificate';
import { IdentityService } from './index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsroute-identity-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('IdentityService', () => {
  it('creates the client certificate once (RSA, TwinCAT validity, CN with the host name) and reuses it', async () => {
    const first = await new IdentityService(dir, () => 'ENG-PC').clientCertificate();
    const d = describeCertificate(first.certPem);
    expect(d.commonName).toBe('ADS Route Studio ENG-PC');
    expect(d.notBefore).toBe('2000-01-01T00:00:00.000Z');
    expect(d.notAfter).toBe('2061-01-01T00:00:00.000Z');
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    const again = await new IdentityService(dir, () => 'OTHER').clientCertificate();
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(await readFile(join(dir, CERT_FILE), 'utf8')).toBe(first.certPem);
  });

  it('derives the NetId from the adapter that reaches the target, truncates the host name, and persists overrides', async () => {
    const service = new IdentityService(dir, () => 'A-VERY-LONG-ENGINEERING-PC-NAME-0123456789');
    expect(await service.localNetIdFor('127.0.45.7')).toBe('127.0.0.1.1.1');
    expect(await service.hostname()).toBe('A-VERY-LONG-ENGINEERING-PC-NAME');
    expect(await service.set({ localNetId: '10.1.2.3.1.1', hostname: 'LAPTOP' })).toEqual({
      localNetId: '10.1.2.3.1.1',
      hostname: 'LAPTOP',
    });
    const reopened = new IdentityService(dir, () => 'IGNORED');
    expect(await reopened.localNetIdFor('127.0.45.7')).toBe('10.1.2.3.1.1');
    expect(await reopened.hostname()).toBe('LAPTOP');
  });

  it('tells the truth about the NetId targets get: derived per adapter until one is configured, and back again', async () => {
    const service = new IdentityService(dir, () => 'ENG-PC');
    const derived = await service.summary();
    expect(derived.localNetIdConfigured).toBe(false);
    // A target on this PC is reached over loopback and gets 127.0.0.1.1.1, which the summary lists.
    expect(derived.adapterNetIds).toContainEqual(expect.objectContaining({ address: '127.0.0.1', netId: '127.0.0.1.1.1' }));
    expect(await service.localNetIdFor('127.0.45.7')).toBe('127.0.0.1.1.1');

    await service.set({ localNetId: '10.1.2.3.1.1' });
    expect(await service.summary()).toMatchObject({ localNetId: '10.1.2.3.1.1', localNetIdConfigured: true });
    expect(await service.localNetIdFor('127.0.45.7')).toBe('10.1.2.3.1.1');

    await service.set({ localNetId: null });
    expect((await service.summary()).localNetIdConfigured).toBe(false);
    expect(await service.localNetIdFor('127.0.45.7')).toBe('127.0.0.1.1.1');
  });
});
