import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { seriousAxeViolations } from './support/axe';
import { CertificatesPage } from './pages/certificates-page';
import { shoot } from './support/screenshots';

const CA_PASSWORD = 'plant-ca-pass-1';

async function shot(page: Page, name: string, target?: ReturnType<Page['locator']>): Promise<void> {
  await shoot(page, `docs/screenshots/${name}.png`, target, { fullPage: true });
}

test('Certificates page: plant CA, device certificates with expiry warnings and badge, export, inspect, identity, known fingerprints', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const page = app.page;
  const dataDir = app.host.dataDir;
  const out = await mkdtemp(join(tmpdir(), 'ars-e2e-cert-export-'));
  try {
    // A fingerprint remembered after an earlier self-signed route.
    const seen = '2026-11-01T08:00:00.000Z';
    await writeFile(
      join(dataDir, 'known-fingerprints.json'),
      JSON.stringify({
        version: 1,
        entries: [{ netId: '192.168.10.20.1.1', address: '192.168.10.20', fingerprint: 'ab'.repeat(32), firstSeen: seen, lastSeen: seen }],
      }),
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await new AppFrame(page).goTo('Certificates');
    const certs = new CertificatesPage(page);

    // This PC: the fingerprint in large monospace, the same as OpenSSL computes from the file.
    await expect(certs.fingerprint).toHaveText(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const pem = execFileSync('openssl', [
      'x509',
      '-in',
      join(dataDir, 'client-certificate.pem'),
      '-noout',
      '-fingerprint',
      '-sha256',
    ]).toString();
    const hex = pem.split('=')[1]!.trim().replace(/:/g, '');
    expect((await certs.fingerprint.textContent())!.replace(/ /g, '')).toBe(hex);
    await expect(certs.section('This PC').getByText('No TwinCAT found on this PC', { exact: false })).toBeVisible();
    await expect(certs.expirySummary).toHaveText('No certificate expires within 30 days.');
    await expect(certs.section('Plant CA').getByText('No plant CA yet.', { exact: false })).toBeVisible();
    expect(await seriousAxeViolations(page), 'page without a CA').toEqual([]);

    // A plant CA in three steps: subject (prefilled CN), password twice, Create.
    await certs.createCa({ organization: 'Demo Plant', password: CA_PASSWORD });
    await expect(page.getByRole('alert').filter({ hasText: 'Plant CA "Plant Root CA" is ready.' })).toBeVisible();
    await expect(page.getByTestId('ca-summary')).toContainText('O=Demo Plant, CN=Plant Root CA');

    // Device certificates: two for a year, one ending in 5 and one in 20 days.
    await certs.issue(['CX-LINE1', '192.168.10.21'], { days: 360, caPassword: CA_PASSWORD, keyPassword: 'key-pw-1' });
    await certs.issue(['PLC-SOON'], { days: 5, caPassword: CA_PASSWORD });
    await certs.issue(['PLC-MONTH'], { days: 20, caPassword: CA_PASSWORD });
    await expect(certs.devicesTable.getByRole('rowheader')).toHaveText(['192.168.10.21', 'CX-LINE1', 'PLC-MONTH', 'PLC-SOON']);

    // Warnings at 30 and 7 days: on the page and as the badge in the navigation (its name stays "Certificates").
    await expect(certs.expirySummary).toHaveText('2 certificates need attention.');
    await expect(certs.expiryRow('PLC-SOON').getByText('Expires in days · 5 days')).toBeVisible();
    await expect(certs.expiryRow('PLC-MONTH').getByText('Expires soon · 20 days')).toBeVisible();
    await expect(certs.expiryRow('PLC-SOON')).toContainText('PLC-SOON no longer accepts Secure ADS connections with this certificate');
    await expect(certs.expiryRow('CX-LINE1').getByText('Valid · 360 days')).toBeVisible();
    await expect(page.getByTestId('certificates-badge')).toContainText('2');
    await expect(certs.navLink()).toHaveAccessibleDescription('2 certificates need attention');
    await shot(page, 'certificates-expiry', certs.section('Expiry'));

    // Export CX-LINE1 for its target: a folder with the four files, never the CA key.
    await certs.devicesTable.getByRole('checkbox', { name: 'Select CX-LINE1 for export' }).check();
    await certs.field(certs.section('Device certificates'), 'Export to folder').fill(out);
    await page.getByRole('button', { name: 'Export 1 folder' }).click();
    await expect(page.getByRole('alert').filter({ hasText: `Exported to ${join(out, 'CX-LINE1')}` })).toBeVisible();
    expect((await readdir(join(out, 'CX-LINE1'))).sort()).toEqual([
      'CX-LINE1.crt',
      'CX-LINE1.key',
      'StaticRoutes-Server.xml',
      'rootCA.pem',
    ]);
    expect(
      execFileSync('openssl', ['verify', '-CAfile', join(out, 'CX-LINE1', 'rootCA.pem'), join(out, 'CX-LINE1', 'CX-LINE1.crt')]).toString(),
    ).toContain(': OK');

    // This PC's certificate from the same CA, with the three paths the Add Route dialog needs.
    const thisPc = certs.section("This PC's CA certificate");
    await certs.field(thisPc, /^CA password/).fill(CA_PASSWORD);
    await thisPc.getByRole('button', { name: 'Issue for this PC' }).click();
    await expect(page.getByRole('alert').filter({ hasText: "This PC's CA certificate is ready." })).toBeVisible();
    await expect(page.getByTestId('this-pc-files')).toContainText('rootCA.pem');
    await shot(page, 'certificates');

    // Inspect the exported certificate against the plant CA.
    const inspect = certs.section('Inspect a certificate');
    await certs.field(inspect, /^Certificate file/).fill(join(out, 'CX-LINE1', 'CX-LINE1.crt'));
    await certs.field(inspect, /^CA to check against/).fill(join(out, 'CX-LINE1', 'rootCA.pem'));
    await inspect.getByRole('button', { name: 'Inspect', exact: true }).click();
    await expect(page.getByTestId('inspect-result')).toContainText('CN=CX-LINE1');
    await expect(page.getByTestId('inspect-result')).toContainText('RSA 2048 bit');
    await expect(page.getByTestId('inspect-chain')).toContainText('Chains to the CA: Yes');
    await shot(page, 'certificates-inspect', inspect);

    // Known fingerprints: listed with first and last seen, and forgotten.
    await expect(certs.knownTable.getByRole('rowheader')).toHaveText(['192.168.10.20.1.1']);
    expect(await seriousAxeViolations(page), 'page with CA, devices, warnings and inspection').toEqual([]);
    await certs.knownTable.getByRole('button', { name: 'Forget the fingerprint of 192.168.10.20.1.1' }).click();
    await expect(certs.section('Known fingerprints').getByText('No fingerprints remembered yet.')).toBeVisible();

    // Export of this PC's identity: the key only after its own confirmation.
    await certs.section('This PC').getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: "Export this PC's certificate" });
    await exportDialog.getByRole('textbox', { name: /^Folder/ }).fill(join(out, 'identity'));
    await exportDialog.getByRole('checkbox', { name: 'Also export the private key' }).check();
    await expect(exportDialog.getByRole('button', { name: 'Export' })).toBeDisabled();
    expect(await seriousAxeViolations(page, '[role="dialog"]'), 'export dialog').toEqual([]);
    await exportDialog.getByRole('checkbox', { name: 'I understand: export the private key' }).check();
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    await expect(exportDialog).toBeHidden();
    expect((await readdir(join(out, 'identity'))).sort()).toEqual(['client-certificate.pem', 'client-key.pem']);

    // Regenerate: warned first, then a new fingerprint.
    const before = await certs.fingerprint.textContent();
    await certs.section('This PC').getByRole('button', { name: 'Regenerate…' }).click();
    const regenerate = page.getByRole('dialog', { name: 'Regenerate the client certificate?' });
    await expect(regenerate).toContainText('routes stop working until they are added again');
    await shot(page, 'certificates-regenerate', regenerate);
    expect(await seriousAxeViolations(page, '[role="dialog"]'), 'regenerate dialog').toEqual([]);
    await regenerate.getByRole('button', { name: 'Regenerate' }).click();
    await expect(regenerate).toBeHidden();
    await expect(certs.fingerprint).not.toHaveText(before ?? '');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
