import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalRoute } from '../../../shared/domain/route';
import { FULL_SAMPLE } from '../../../shared/static-routes/testing/samples';
import { LogBook } from '../log/logger';
import { writeLocalFolderSetting } from './local-folder-setting';
import { createOwnTwinCat, type OwnTwinCat } from './testing/own-twincat';
import { LocalTwinCatRoutes } from './local-twincat-routes';

const logger = new LogBook().logger('test');
const at = new Date('2026-11-29T19:05:00Z');
let own: OwnTwinCat;
let dataDir: string;
let folder: string;

beforeEach(async () => {
  own = await createOwnTwinCat({ prefix: 'twincat-routes-data-' });
  ({ dataDir, folder } = own);
});
afterEach(async () => {
  await own.remove();
});

const route = (name: string, overrides: Partial<LocalRoute> = {}): LocalRoute => ({
  name,
  address: '10.77.1.10',
  netId: '10.77.1.10.1.1',
  virtualNetId: null,
  type: 'TCP_IP',
  flags: null,
  temporary: false,
  unidirectional: false,
  tls: null,
  createdAt: '2026-11-29T19:00:00.000Z',
  verifiedAt: null,
  ...overrides,
});
const psk = { mode: 'psk' as const, fingerprint: null, pskIdentity: 'MAINT', ignoreCn: false, caFile: null, certFile: null, keyFile: null };
const service = (changes: unknown[] = []) =>
  new LocalTwinCatRoutes({ dataDir, logger, platform: 'linux', env: {}, now: () => at, onChange: (r) => changes.push(r) });
const file = () => own.readStaticRoutes();

describe("a new route in this PC's TwinCAT StaticRoutes.xml", () => {
  it('adds a plain route as TwinCAT writes it, keeps every other byte and a backup of the old file', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    const changes: unknown[] = [];
    const result = await service(changes).addRoute(route('PLC-7'));
    expect(result).toMatchObject({ outcome: 'written', path: join(folder, 'StaticRoutes.xml') });
    expect(result.detail).toMatch(/after its router restarts/);
    const text = await file();
    const added =
      '\n    <Route>\n      <Name>PLC-7</Name>\n      <Address>10.77.1.10</Address>\n      <NetId>10.77.1.10.1.1</NetId>\n      <Type>TCP_IP</Type>\n      <Flags>32</Flags>\n    </Route>';
    expect(text).toContain(added);
    // Everything else is the old file, byte for byte: comments, Mqtt, the server section with its secrets, PIs.
    expect(text.replace(added, '')).toBe(FULL_SAMPLE);
    expect(await readFile(result.backup!, 'utf8')).toBe(FULL_SAMPLE);
    expect(result.backup).toBe(join(folder, 'StaticRoutes.xml.bak-20261129T190500Z'));
    expect(changes).toHaveLength(1);
    expect((await service().list()).routes.map((r) => r.name)).toEqual(['ENG-LAPTOP', 'CX-123456', 'PLC-7']);
  });

  it('writes a Secure ADS route with an empty <Tls> and no Flags (what TwinCAT puts there is not public)', async () => {
    await service().addRoute(route('CX-PSK', { tls: psk, unidirectional: true, address: 'cx-psk.plant.local' }));
    const text = await file();
    expect(text).toMatch(
      /<Route Unidirectional="true">\s*<Name>CX-PSK<\/Name>\s*<Address>cx-psk\.plant\.local<\/Address>\s*<NetId>10\.77\.1\.10\.1\.1<\/NetId>\s*<Type>TCP_IP<\/Type>\s*<Tls \/>\s*<\/Route>/,
    );
    expect(text).not.toContain('<Flags>');
    expect((await service().list()).routes).toEqual([expect.objectContaining({ name: 'CX-PSK', secure: true, unidirectional: true })]);
  });

  it('refuses a file it cannot parse and leaves it alone, without a backup', async () => {
    const broken = FULL_SAMPLE.replace('</RemoteConnections>', '');
    await own.writeStaticRoutes(broken);
    const result = await service().addRoute(route('PLC-7'));
    expect(result.outcome).toBe('refused');
    expect(result.detail).toMatch(/^not added to /);
    expect(await file()).toBe(broken);
    expect((await readdir(folder)).sort()).toEqual(['StaticRoutes.xml']);
    expect((await service().list()).error?.code).toBeTruthy();
  });

  it('never replaces an entry of the same name, and knows its own entry is already there', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    expect((await service().addRoute(route('ENG-LAPTOP'))).outcome).toBe('name-taken');
    expect((await service().addRoute(route('ENG-LAPTOP', { address: '192.168.10.20', netId: '192.168.10.20.1.1' }))).outcome).toBe(
      'already-there',
    );
    expect(await file()).toBe(FULL_SAMPLE);
  });

  it('adds a batch of routes given at once, none lost to another', async () => {
    const s = service();
    const names = ['A1', 'A2', 'A3', 'A4', 'A5'];
    const results = await Promise.all(names.map((n, i) => s.addRoute(route(n, { address: `10.77.1.${i + 10}` }))));
    expect(results.map((r) => r.outcome)).toEqual(names.map(() => 'written'));
    expect((await s.list()).routes.map((r) => r.name)).toEqual(names);
  });

  it('writes one batch into the folder it found at the batch start; the next batch follows a changed folder', async () => {
    const s = service();
    const batch = s.forOneBatch();
    expect((await batch.addRoute(route('B1'))).outcome).toBe('written');
    const other = join(dataDir, 'Other', 'Target');
    await mkdir(other, { recursive: true });
    await writeLocalFolderSetting(dataDir, other);
    expect(await batch.addRoute(route('B2', { address: '10.77.1.11' }))).toMatchObject({
      outcome: 'written',
      path: join(folder, 'StaticRoutes.xml'),
    });
    expect((await s.forOneBatch().addRoute(route('C1', { address: '10.77.1.12' }))).path).toBe(join(other, 'StaticRoutes.xml'));
    expect(await file()).toContain('<Name>B2</Name>');
    expect(await readFile(join(other, 'StaticRoutes.xml'), 'utf8')).not.toContain('<Name>B2</Name>');
  });

  it('leaves temporary routes out, and says when this PC has no TwinCAT', async () => {
    expect((await service().addRoute(route('TEMP', { temporary: true }))).outcome).toBe('temporary');
    await writeLocalFolderSetting(dataDir, null);
    const none = new LocalTwinCatRoutes({ dataDir, logger, platform: 'win32', env: {} });
    expect((await none.addRoute(route('PLC-7'))).outcome).toBe('no-twincat');
    expect(await none.list()).toMatchObject({ found: false, path: null, tried: expect.arrayContaining(['C:\\TwinCAT\\3.1\\Target']) });
  });
});

describe("removing a route from this PC's TwinCAT StaticRoutes.xml", () => {
  const engLaptop = { name: 'ENG-LAPTOP', address: '192.168.10.20', netId: '192.168.10.20.1.1' };
  const engLaptopEntry =
    '\n    <Route>\n      <Name>ENG-LAPTOP</Name>\n      <Address>192.168.10.20</Address>\n      <NetId>192.168.10.20.1.1</NetId>\n      <Type>TCP_IP</Type>\n      <Flags>32</Flags>\n    </Route>';

  it('removes its own entry and nothing else, keeps a backup of the old file and announces the new list', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    const changes: unknown[] = [];
    const result = await service(changes).removeRoute(engLaptop);
    expect(result).toMatchObject({ outcome: 'removed', path: join(folder, 'StaticRoutes.xml') });
    expect(result.detail).toMatch(/after its router restarts/);
    // Every other byte stays: the comment before the entry, the other route, Mqtt, the server section with its secrets.
    expect(FULL_SAMPLE).toContain(engLaptopEntry);
    expect(await file()).toBe(FULL_SAMPLE.replace(engLaptopEntry, ''));
    expect(result.backup).toBe(join(folder, 'StaticRoutes.xml.bak-20261129T190500Z'));
    expect(await readFile(result.backup!, 'utf8')).toBe(FULL_SAMPLE);
    expect(changes).toEqual([expect.objectContaining({ routes: [expect.objectContaining({ name: 'CX-123456' })] })]);
  });

  it('takes out exactly what Add Route put in', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    const s = service();
    expect((await s.addRoute(route('PLC-7'))).outcome).toBe('written');
    expect((await s.removeRoute(route('PLC-7'))).outcome).toBe('removed');
    expect(await file()).toBe(FULL_SAMPLE);
  });

  it('leaves an entry of the same name with another NetId or address alone, and says why', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    const s = service();
    const otherNetId = await s.removeRoute({ ...engLaptop, netId: '192.168.10.21.1.1' });
    expect(otherNetId.outcome).toBe('differs');
    expect(otherNetId.detail).toMatch(/another route named 'ENG-LAPTOP' \(192\.168\.10\.20\.1\.1 at 192\.168\.10\.20\); left as it is$/);
    expect(otherNetId.detail).not.toContain('\n');
    expect((await s.removeRoute({ ...engLaptop, address: 'eng-laptop.plant.local' })).outcome).toBe('differs');
    expect(await file()).toBe(FULL_SAMPLE);
    expect((await readdir(folder)).sort()).toEqual(['StaticRoutes.xml']);
  });

  it('says when the route is not in the file, or there is no file yet, and writes nothing', async () => {
    expect((await service().removeRoute(engLaptop)).outcome).toBe('not-there');
    expect(await readdir(folder)).toEqual([]);
    await own.writeStaticRoutes(FULL_SAMPLE);
    const result = await service().removeRoute({ ...engLaptop, name: 'PLC-9' });
    expect(result).toMatchObject({ outcome: 'not-there', backup: null });
    expect(await file()).toBe(FULL_SAMPLE);
    expect((await readdir(folder)).sort()).toEqual(['StaticRoutes.xml']);
  });

  it('refuses a file it cannot parse and leaves it untouched, without a backup', async () => {
    const broken = FULL_SAMPLE.replace('</RemoteConnections>', '');
    await own.writeStaticRoutes(broken);
    const result = await service().removeRoute(engLaptop);
    expect(result.outcome).toBe('refused');
    expect(result.detail).toMatch(/^not removed from /);
    expect(await file()).toBe(broken);
    expect((await readdir(folder)).sort()).toEqual(['StaticRoutes.xml']);
  });

  it('says when this PC has no TwinCAT', async () => {
    await writeLocalFolderSetting(dataDir, null);
    const none = new LocalTwinCatRoutes({ dataDir, logger, platform: 'win32', env: {} });
    expect((await none.removeRoute(engLaptop)).outcome).toBe('no-twincat');
  });

  it('runs in the same queue as the adds: an add and a remove given at once both land', async () => {
    await own.writeStaticRoutes(FULL_SAMPLE);
    const s = service();
    const [added, removed] = await Promise.all([s.addRoute(route('PLC-7')), s.removeRoute(engLaptop)]);
    expect([added.outcome, removed.outcome]).toEqual(['written', 'removed']);
    expect((await s.list()).routes.map((r) => r.name)).toEqual(['CX-123456', 'PLC-7']);
  });
});
