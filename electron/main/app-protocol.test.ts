import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse, fileFor } from './app-protocol';
import { createAppUrlCheck } from './app-url';
import { CONTENT_SECURITY_POLICY } from './security';

let base: string;
let renderer: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ars-app-scheme-'));
  renderer = join(base, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>ADS Route Studio</title>');
  await writeFile(join(renderer, 'assets', 'main.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'TOP-SECRET');
  await writeFile(join(base, 'renderer-evil.txt'), 'TOP-SECRET');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// scheme', () => {
  it('serves the renderer with the CSP header on every response', async () => {
    const page = await appResponse('app://ads-route-studio/index.html', renderer);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('ADS Route Studio');
    const script = await appResponse('app://ads-route-studio/assets/main.js', renderer);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses paths that climb out of the renderer folder, however they are spelled, and other hosts', async () => {
    const attempts = [
      'app://ads-route-studio/../secret.txt',
      'app://ads-route-studio/%2e%2e/secret.txt',
      'app://ads-route-studio/..%2fsecret.txt',
      'app://ads-route-studio/assets/..%2f..%2fsecret.txt',
      'app://ads-route-studio/..%5csecret.txt',
      'app://ads-route-studio/../renderer-evil.txt',
      'app://ads-route-studio/%00index.html',
      'app://ads-route-studio/%E0%A4%A',
      'app://other-host/index.html',
      'file:///etc/passwd',
    ];
    for (const url of attempts) {
      const answer = await appResponse(url, renderer);
      expect(answer.status, url).toBe(404);
      expect(await answer.text(), url).not.toContain('TOP-SECRET');
    }
    expect(fileFor('app://ads-route-studio/assets', renderer)).toBe(join(renderer, 'assets'));
    expect((await appResponse('app://ads-route-studio/assets', renderer)).status).toBe(404);
  });

  it('counts only its own index page as the app, whatever hash the router adds', () => {
    const { appUrl, isAppUrl } = createAppUrlCheck();
    expect(appUrl).toBe('app://ads-route-studio/index.html');
    expect(isAppUrl(`${appUrl}#/routes`)).toBe(true);
    for (const url of [
      'app://ads-route-studio/other.html',
      'app://evil/index.html',
      'file:///opt/ars/dist/renderer/index.html',
      'https://ads-route-studio/index.html',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
