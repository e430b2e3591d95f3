import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FULL_SAMPLE } from '../../shared/static-routes/testing/samples';
import { readStaticRoutes } from '../../shared/static-routes/static-routes';
import { lineDiff } from '../../shared/static-routes/line-diff';
import { readStaticRoutesFile, writeStaticRoutes, type StaticRoutesContent } from './state-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-lossless-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sample without its CA entry: the simulator would load those files, which this test does not have. */
const SAMPLE = FULL_SAMPLE.replace(/ *<Tls IgnoreCn="true">[\s\S]*?<\/Tls>\n/, '');

describe('the virtual target stores routes without losing what it does not know', () => {
  it('adds a route to a file with comments, Mqtt, SubRoutes and unknown elements and keeps all of them', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    await writeFile(path, SAMPLE);
    const state = await readStaticRoutesFile(dir);
    expect(state?.psk.map((p) => p.identity)).toEqual(['MY_IDENTITY', 'MAINT_ANNA']);
    const content: StaticRoutesContent = {
      routes: [
        ...state!.routes,
        {
          name: 'NEW-PC',
          address: '10.0.0.9',
          netId: '10.0.0.9.1.1',
          type: 'TCP_IP',
          flags: 0,
          temporary: false,
          tls: { mode: 'psk', pskIdentity: 'MY_IDENTITY' },
        },
      ],
      secureOnly: state!.secureOnly,
      psk: state!.psk,
    };
    await writeStaticRoutes(dir, content);
    const after = await readFile(path, 'utf8');
    const changed = lineDiff(SAMPLE, after, 0).filter((l) => l.op !== ' ');
    expect(changed.filter((l) => l.op === '-')).toEqual([]);
    expect(changed.map((l) => l.text.trim())[0]).toBe('<Route>');
    expect(after).toContain('<!-- Maintained by the plant');
    expect(after).toContain('<SubRoute><Name>EL6695</Name>');
    expect(after).toContain('<bk:Audit changed="2026-01-02" by=\'J. O&apos;Neill &amp; co\'/>');
    expect(readStaticRoutes(after).routes.map((r) => r.name)).toEqual(['ENG-LAPTOP', 'CX-123456', 'NEW-PC']);
    const reread = await readStaticRoutesFile(dir);
    expect(reread?.routes.at(-1)?.tls).toEqual({ mode: 'psk', pskIdentity: 'MY_IDENTITY' });

    // Storing the same state again changes nothing, byte for byte.
    await writeStaticRoutes(dir, { ...content, routes: reread!.routes });
    expect(await readFile(path, 'utf8')).toBe(after);
  });

  it('a file it cannot update is an error and stays as it was', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    const broken = '<TcConfig><RemoteConnections><Route><Name>X</Name>';
    await writeFile(path, broken);
    await expect(writeStaticRoutes(dir, { routes: [], secureOnly: false, psk: [] })).rejects.toThrow(/cannot be updated/);
    expect(await readFile(path, 'utf8')).toBe(broken);
  });
});
