import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS, LabSims, staticRoutes, type Lab, type LabSim } from './lab';
import { openAddRouteFor as openDialogFor, type AddRouteDialog } from './pages/add-route-dialog';
import { shoot } from './support/screenshots';

/**
 * The Add Route flow end to end: the web app inside the lab's client namespace, virtual TwinCAT targets (`adsroute sim`)
 * in target namespaces, and the target's own StaticRoutes.xml as the proof of what was (or was not) created.
 */

const PASSWORD = 'lab-pass-1';
const PSK_IDENTITY = 'SERVICE';
const PSK_SECRET = 'maintenance-key-7';
const CLIENT_ADDRESS = CLIENT_ADAPTERS[0].address;
const labSims = new LabSims({ user: 'Administrator', password: PASSWORD });

function sim(lab: Lab, name: string, args: string[] = []): Promise<LabSim> {
  return labSims.add(lab, name, args);
}

test.afterEach(() => labSims.stopAll());

async function shot(page: Page, name: string): Promise<void> {
  // Colours mid-transition would not show what the user sees; a running step's spinner animates for as long as the
  // step runs, so `shoot` waits for everything else only (it photographs the progress, not the end).
  await shoot(page, `docs/screenshots/add-route-${name}.png`, page.getByRole('dialog'));
}

const colons = (hex: string) => (hex.toUpperCase().match(/../g) ?? []).join(':');

/**
 * A single target's failure as the user reads it: the step marked failed, its alert with the cause (translated from
 * the error code) word for word, a fix, and the services' own words in the details.
 */
async function expectFailedStep(dialog: AddRouteDialog, step: string, cause: string, details: string): Promise<void> {
  await expect(dialog.step(step)).toHaveAttribute('data-status', 'failed');
  const alert = dialog.stepAlert(step);
  await expect(alert.getByText(cause, { exact: true })).toBeVisible();
  await expect(alert.getByText(/^Fix: /)).toBeVisible();
  await expect(alert.getByText(`Details: ${details}`, { exact: false })).toBeVisible();
  // One failure, one alert: no other step claims to have failed.
  await expect(dialog.progress.getByRole('alert')).toHaveCount(1);
}

test.describe('Add Route in the lab', () => {
  test.setTimeout(120_000);

  test('SSC: a matching fingerprint turns green, the route lands on the target and the row shows Connected', async ({ lab, labApp }) => {
    const cx = await sim(lab, 'CX-SSC');
    const fingerprint = cx.handle.ready.fingerprint;
    expect(fingerprint, 'the sim reports its fingerprint').toMatch(/^[0-9a-f]{64}$/);
    const { targets, dialog } = await openDialogFor(labApp.page, [cx]);
    await expect(dialog.root.getByRole('radio', { name: 'Self-Signed Certificate' })).toBeChecked();
    await expect(dialog.addRouteButton).toBeEnabled();
    await shot(labApp.page, 'settings');
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.compare(colons(fingerprint!));
    await expect(dialog.root.getByText('Fingerprints match')).toBeVisible();
    expect(await dialog.compareVerdict()).toBe('match');
    await expect(dialog.addButton).toBeEnabled();
    await shot(labApp.page, 'login-green');
    await dialog.add();
    // The app writes a duration of a second or more in seconds ("1.1 s").
    expect(await dialog.summary()).toMatch(/^Route to CX-SSC created and verified in (\d+ ms|\d+(\.\d)? s)$/);
    await shot(labApp.page, 'steps-done');
    expect(await staticRoutes(cx)).toContain(CLIENT_ADDRESS);
    await dialog.close();
    await expect(targets.connectedMarker('CX-SSC')).toBeVisible();
    expect(labApp.consoleErrors).toEqual([]);
  });

  test('SSC: a different fingerprint turns red, Add stays disabled and nothing reaches the target', async ({ lab, labApp }) => {
    const cx = await sim(lab, 'CX-RED');
    const { dialog } = await openDialogFor(labApp.page, [cx]);
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    const other = (cx.handle.ready.fingerprint ?? '').replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await dialog.compare(other.toUpperCase());
    await expect(dialog.root.getByText('Fingerprints differ: do not continue unless you know why')).toBeVisible();
    expect(await dialog.compareVerdict()).toBe('differ');
    await expect(dialog.addButton).toBeDisabled();
    // The disabled button says why, next to it and as its description.
    await expect(dialog.addButton).toHaveAccessibleDescription('Compare the fingerprint first');
    await expect(dialog.root.getByText('Compare the fingerprint first', { exact: true })).toBeVisible();
    await shot(labApp.page, 'login-red');
    await dialog.field('Password').press('Enter');
    await expect(dialog.progress).toHaveCount(0);
    expect(await staticRoutes(cx)).not.toContain(CLIENT_ADDRESS);
  });

  test('PSK: the right key creates the route, a wrong key fails with a fix', async ({ lab, labApp }) => {
    const ok = await sim(lab, 'CX-PSK', ['--psk', `${PSK_IDENTITY}:${PSK_SECRET}`]);
    const { dialog } = await openDialogFor(labApp.page, [ok]);
    await dialog.setSecure(true, 'Pre-Shared Key (PSK)');
    await dialog.openLogin();
    await dialog.pskLogin(PSK_IDENTITY, 'not-the-key');
    await dialog.add();
    expect(await dialog.summary()).toBe('Route to CX-PSK failed: PSK identity unknown on the target or wrong key');
    await expectFailedStep(
      dialog,
      'TLS handshake',
      'The target does not know this PSK identity or key',
      'PSK identity unknown on the target or wrong key',
    );
    // The fix names the target's side, and points to this app's Secure ADS server page as the other way.
    await expect(dialog.stepAlert('TLS handshake').getByText(/^Fix: Add the identity and key on the target itself/)).toBeVisible();
    await expect(dialog.stepAlert('TLS handshake').getByRole('link', { name: 'Open the Secure ADS server page' })).toHaveAttribute(
      'href',
      '#/server',
    );
    expect(await staticRoutes(ok)).not.toContain(CLIENT_ADDRESS);

    // The same key would fail again: no Retry, but Change login, which keeps the identity and clears the key.
    await expect(dialog.retryFailedButton).toHaveCount(0);
    await dialog.changeLoginButton.click();
    await expect(dialog.field('Identity')).toHaveValue(PSK_IDENTITY);
    await expect(dialog.field('Key')).toHaveValue('');
    await dialog.pskLogin(PSK_IDENTITY, PSK_SECRET);
    await dialog.add();
    expect(await dialog.summary()).toMatch(/^Route to CX-PSK created and verified/);
    expect(await staticRoutes(ok)).toContain(CLIENT_ADDRESS);
  });

  test('shared CA: matching certificates create the route, a CN mismatch fails', async ({ lab, labApp }) => {
    const pki = await mkdtemp(join(tmpdir(), 'ars-e2e-pki-'));
    try {
      const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: 'pipe' });
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-days',
        '2',
        '-subj',
        '/CN=Lab Test CA',
      );
      const issue = (name: string, cn: string) => {
        openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
        openssl(
          'x509',
          '-req',
          '-in',
          `${name}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-CAcreateserial',
          '-out',
          `${name}.pem`,
          '-days',
          '2',
        );
      };
      const first = await lab.addTarget(1);
      // The services check the certificate's CN against the route name (the name used for the target).
      issue('server-good', 'CX-CA');
      issue('server-bad', 'somebody-else');
      const caArgs = (server: string) => [
        '--ca',
        join(pki, 'ca.pem'),
        '--cert',
        join(pki, `${server}.pem`),
        '--key',
        join(pki, `${server}.key`),
      ];
      const good = await labSims.on(first, 'CX-CA', caArgs('server-good'));
      const bad = await sim(lab, 'CX-CN', caArgs('server-bad'));
      const files = { ca: join(pki, 'ca.pem'), cert: join(pki, 'client.pem'), key: join(pki, 'client.key') };

      const { targets, dialog } = await openDialogFor(labApp.page, [good]);
      // The target checks this PC's certificate CN against the name this PC announces: the Remote Route Name.
      await expect(dialog.field('Remote Route Name')).not.toHaveValue('');
      issue('client', await dialog.field('Remote Route Name').inputValue());
      await dialog.setSecure(true, 'Shared CA');
      await dialog.openLogin();
      await dialog.caLogin(files);
      await dialog.add();
      expect(await dialog.summary()).toMatch(/^Route to CX-CA created and verified/);
      await dialog.close();

      await targets.table.getByRole('checkbox', { name: 'Select CX-CA' }).uncheck();
      await targets.searchHosts([bad.target.address]);
      await targets.waitForRows(['CX-CN']);
      await targets.select(['CX-CN']);
      const second = await targets.openAddRoute();
      await second.setSecure(true, 'Shared CA');
      await second.openLogin();
      await second.caLogin(files);
      await second.add();
      expect(await second.summary()).toBe("Route to CX-CN failed: certificate CN 'somebody-else' differs from route name 'CX-CN'");
      await expectFailedStep(
        second,
        'Check fingerprint',
        'The certificate’s common name (CN) does not match',
        "certificate CN 'somebody-else' differs from route name 'CX-CN'",
      );
      expect(await staticRoutes(bad)).not.toContain(CLIENT_ADDRESS);
    } finally {
      await rm(pki, { recursive: true, force: true });
    }
  });

  test('plain ADS: the right password creates the route, a wrong one is refused', async ({ lab, labApp }) => {
    const plc = await sim(lab, 'PLC-PLAIN', ['--no-tls']);
    const { dialog } = await openDialogFor(labApp.page, [plc]);
    await expect(dialog.root.getByRole('switch', { name: 'Secure ADS' })).not.toBeChecked();
    await dialog.openLogin();
    await dialog.osLogin('Administrator', 'wrong');
    await dialog.add();
    expect(await dialog.summary()).toBe('Route to PLC-PLAIN failed: the target refused the route: wrong user name or password');
    await expectFailedStep(
      dialog,
      'Send credentials',
      'Wrong user name or password',
      'the target refused the route: wrong user name or password',
    );
    expect(await staticRoutes(plc)).not.toContain(CLIENT_ADDRESS);
    await expect(dialog.retryFailedButton).toHaveCount(0);
    await dialog.changeLoginButton.click();
    await expect(dialog.field('User name')).toHaveValue('Administrator');
    await expect(dialog.field('Password')).toHaveValue('');
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.add();
    expect(await dialog.summary()).toMatch(/^Route to PLC-PLAIN created and verified/);
    expect(await staticRoutes(plc)).toContain(CLIENT_ADDRESS);
  });

  test('three targets at once: one login, a results table, every target holds the route', async ({ lab, labApp }) => {
    const sims = [await sim(lab, 'LINE-1', ['--no-tls']), await sim(lab, 'LINE-2', ['--no-tls']), await sim(lab, 'LINE-3', ['--no-tls'])];
    const { dialog } = await openDialogFor(labApp.page, sims);
    await expect(dialog.root.getByRole('table', { name: 'Selected targets' }).getByRole('row')).toHaveCount(4);
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.add();
    expect(await dialog.batchSummary()).toBe('All 3 routes created and verified');
    await shot(labApp.page, 'three-targets');
    for (const one of sims) {
      await expect(dialog.resultRow(one.target.address).getByText('Created')).toBeVisible();
      expect(await staticRoutes(one)).toContain(CLIENT_ADDRESS);
    }
  });

  test('a target through every step shows Created while another target of the batch still runs', async ({ lab, labApp }) => {
    // Each target reports its own result (routes:result) as soon as it is done, not only with the whole batch.
    const live = await sim(lab, 'LINE-LIVE', ['--no-tls']);
    const gone = await sim(lab, 'LINE-GONE', ['--no-tls']);
    const { dialog } = await openDialogFor(labApp.page, [live, gone]);
    const unplug = await gone.target.exec('ip', ['link', 'set', 'eth0', 'down']);
    expect(unplug.code, unplug.stderr).toBe(0);
    await dialog.field('Connection Timeout (s)').fill('10');
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.add();
    await expect(
      dialog.resultRow(live.target.address).getByRole('listitem', { name: /^Verify ADS connection: done in [\d.]+ ms$/ }),
    ).toBeVisible();
    const waiting = dialog.resultRow(gone.target.address).getByRole('listitem', { name: 'Send credentials: running' });
    await expect(waiting).toBeVisible();
    // Well inside the 10 s the other target still waits: this is the live state, not the batch's end.
    await expect(dialog.resultStatus(live.target.address)).toHaveText('Created', { timeout: 2_000 });
    await expect(dialog.batchStatus).toHaveText('1 of 2 done…', { timeout: 1_000 });
    await expect(waiting).toBeVisible();
  });

  test('three targets, one gone silent: the others finish, it fails at the timeout with a fix, Retry failed adds it once it is back', async ({
    lab,
    labApp,
  }) => {
    const sims = [await sim(lab, 'LINE-1', ['--no-tls']), await sim(lab, 'LINE-2', ['--no-tls']), await sim(lab, 'LINE-3', ['--no-tls'])];
    const [first, second, silent] = sims as [LabSim, LabSim, LabSim];
    const { dialog } = await openDialogFor(labApp.page, sims);
    // LINE-3 answered the search; now its cable is pulled: its address stays in the lab, but nothing answers there.
    const unplug = await silent.target.exec('ip', ['link', 'set', 'eth0', 'down']);
    expect(unplug.code, unplug.stderr).toBe(0);
    await dialog.field('Connection Timeout (s)').fill('4');
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.add();

    // In progress: the two live targets are through every step, the silent one still waits for its answer.
    for (const done of [first, second]) {
      await expect(
        dialog.resultRow(done.target.address).getByRole('listitem', { name: /^Verify ADS connection: done in [\d.]+ ms$/ }),
      ).toBeVisible();
      await expect(dialog.resultStatus(done.target.address)).toHaveText('Created');
    }
    const waiting = dialog.resultRow(silent.target.address).getByRole('listitem', { name: 'Send credentials: running' });
    await expect(waiting).toBeVisible();
    await expect(dialog.resultStatus(silent.target.address)).toHaveText('Running');
    await expect(dialog.root.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await shot(labApp.page, 'steps-progress');
    // The shot must still show the running state: had the timeout passed meanwhile, the picture would be a lie.
    await expect(waiting).toBeVisible();

    // Finished: the failed step names the cause (no answer within the timeout) and the fix.
    expect(await dialog.batchSummary()).toBe('2 of 3 routes created, 1 failed');
    await expect(dialog.resultStatus(silent.target.address)).toHaveText('Failed');
    const details = dialog.resultRow(silent.target.address).getByRole('cell').last();
    await expect(details.getByText('Send credentials: The target cannot be reached', { exact: true })).toBeVisible();
    await expect(details.getByText(/^Fix: /)).toBeVisible();
    await expect(
      details.getByText(`Details: no answer from ${silent.target.address} on UDP 48899 within 4000 ms`, { exact: false }),
    ).toBeVisible();
    await expect(dialog.retryFailedButton).toHaveText('Retry failed');
    await shot(labApp.page, 'failed-step');
    expect(await staticRoutes(silent)).not.toContain(CLIENT_ADDRESS);

    // The cable is back: Retry failed runs the failed target only; the others keep their result.
    const plug = await silent.target.exec('ip', ['link', 'set', 'eth0', 'up']);
    expect(plug.code, plug.stderr).toBe(0);
    const firstTime = await dialog.resultRow(first.target.address).getByRole('cell').nth(3).textContent();
    await dialog.retryFailedButton.click();
    expect(await dialog.batchSummary()).toBe('All 3 routes created and verified');
    for (const one of sims) await expect(dialog.resultStatus(one.target.address)).toHaveText('Created');
    // The retried target says so, with no error left; the others ran once.
    await expect(dialog.resultRow(silent.target.address).getByRole('cell').last()).toHaveText('Attempt 2');
    await expect(dialog.resultRow(first.target.address).getByRole('cell').last()).toHaveText('');
    await expect(dialog.resultRow(first.target.address).getByRole('cell').nth(3)).toHaveText(firstTime ?? '');
    await expect(dialog.retryFailedButton).toHaveCount(0);
    await shot(labApp.page, 'retry');
    for (const one of sims) expect(await staticRoutes(one)).toContain(CLIENT_ADDRESS);
  });
});
