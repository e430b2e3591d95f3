import { expect, type Locator, type Page } from '@playwright/test';

export type SecureMethodLabel = 'Self-Signed Certificate' | 'Pre-Shared Key (PSK)' | 'Shared CA';

/** The Targets view as far as the Add Route flow needs it: search, select rows, open the dialog, read Connected. */
export class TargetsView {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Targets' });
  }

  async broadcastSearch(): Promise<void> {
    await this.page.getByRole('button', { name: 'Broadcast Search' }).click();
  }

  /** Searches these addresses (unicast, one search so no result replaces another): reliable whatever adapters are ticked. */
  async searchHosts(addresses: readonly string[]): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Host name / IP', exact: true }).fill(addresses.join(', '));
    await this.page.getByRole('button', { name: 'Search host', exact: true }).click();
  }

  row(hostname: string): Locator {
    return this.table.getByRole('row').filter({ hasText: hostname });
  }

  async waitForRows(hostnames: readonly string[]): Promise<void> {
    for (const hostname of hostnames) await expect(this.row(hostname)).toBeVisible({ timeout: 20_000 });
  }

  async select(hostnames: readonly string[]): Promise<void> {
    for (const hostname of hostnames) await this.table.getByRole('checkbox', { name: `Select ${hostname}` }).check();
  }

  /** The page's own "Add Route" button (outside the dialog, which has one of the same name). */
  async openAddRoute(): Promise<AddRouteDialog> {
    await this.page.getByRole('main').getByRole('button', { name: 'Add Route', exact: true }).first().click();
    const dialog = new AddRouteDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  /** The Connected column's marker (XAE's "X"): present once this PC holds a route to the system. */
  connectedMarker(hostname: string): Locator {
    return this.row(hostname).getByRole('img', { name: 'Route exists' });
  }
}

/** Opens the Targets page's search for these systems by address, selects them and opens Add Route for them. */
export async function openAddRouteFor(
  page: Page,
  systems: ReadonlyArray<{ name: string; target: { address: string } }>,
): Promise<{ targets: TargetsView; dialog: AddRouteDialog }> {
  const targets = new TargetsView(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
  await targets.searchHosts(systems.map((one) => one.target.address));
  await targets.waitForRows(systems.map((one) => one.name));
  await targets.select(systems.map((one) => one.name));
  return { targets, dialog: await targets.openAddRoute() };
}

export class AddRouteDialog {
  readonly root: Locator;
  readonly addRouteButton: Locator;
  readonly addButton: Locator;
  readonly compareWith: Locator;
  readonly outOfBand: Locator;
  readonly progress: Locator;
  readonly results: Locator;
  /** The multi-target status line above the results table ("2 of 3 done…", "2 of 3 routes created, 1 failed"). */
  readonly batchStatus: Locator;
  readonly retryFailedButton: Locator;
  /** Offered instead of Retry when the same login would fail again (wrong password, unknown PSK identity). */
  readonly changeLoginButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /^Add Route/ });
    this.addRouteButton = this.root.getByRole('button', { name: 'Add Route', exact: true });
    this.addButton = this.root.getByRole('button', { name: 'Add', exact: true });
    this.compareWith = this.root.getByRole('textbox', { name: 'Compare with', exact: true });
    this.outOfBand = this.root.getByRole('checkbox', { name: 'I verified this fingerprint another way' });
    this.progress = this.root.getByRole('region', { name: 'Progress' });
    this.results = this.root.getByRole('table', { name: 'Route results' });
    this.batchStatus = this.progress.getByRole('status').filter({ hasText: /done…$|routes created/ });
    this.retryFailedButton = this.root.getByRole('button', { name: /^Retry( failed)?$/ });
    this.changeLoginButton = this.root.getByRole('button', { name: 'Change login', exact: true });
  }

  /** A text field by its label (password fields included: Chromium exposes them as textboxes too). */
  field(label: string): Locator {
    return this.root.getByRole('textbox', { name: label, exact: true });
  }

  async setSecure(on: boolean, method?: SecureMethodLabel): Promise<void> {
    await this.root.getByRole('switch', { name: 'Secure ADS' }).setChecked(on);
    if (on && method) await this.root.getByRole('radio', { name: method }).check();
  }

  async openLogin(): Promise<void> {
    await expect(this.addRouteButton).toBeEnabled();
    await this.addRouteButton.click();
    await expect(this.root.getByRole('form', { name: 'Login' })).toBeVisible();
  }

  async osLogin(user: string, password: string): Promise<void> {
    await this.field('User name').fill(user);
    await this.field('Password').fill(password);
  }

  async pskLogin(identity: string, key: string): Promise<void> {
    await this.field('Identity').fill(identity);
    await this.field('Key').fill(key);
  }

  async caLogin(files: { ca: string; cert: string; key: string }, ignoreCn = false): Promise<void> {
    await this.field('CA certificate').fill(files.ca);
    await this.field('Client certificate').fill(files.cert);
    await this.field('Private key').fill(files.key);
    await this.root.getByRole('checkbox', { name: 'Ignore CN' }).setChecked(ignoreCn);
  }

  /** The fingerprint the TLS handshake presented, as shown (grouped), once it has been fetched. */
  async liveFingerprint(): Promise<string> {
    const shown = this.root.getByTestId('live-fingerprint');
    await expect(shown).toBeVisible({ timeout: 15_000 });
    return (await shown.textContent()) ?? '';
  }

  async compare(text: string): Promise<void> {
    await this.liveFingerprint();
    await this.compareWith.fill(text);
  }

  compareVerdict(): Promise<string | null> {
    return this.compareWith.getAttribute('data-compare');
  }

  async add(): Promise<void> {
    await expect(this.addButton).toBeEnabled();
    await this.addButton.click();
    await expect(this.progress).toBeVisible();
  }

  /** The single-target summary once the batch is over ("Route to X created and verified in N ms" or "… failed: …"). */
  async summary(): Promise<string> {
    const status = this.progress.getByRole('status').filter({ hasText: /^Route to / });
    await expect(status).toBeVisible({ timeout: 30_000 });
    return (await status.textContent()) ?? '';
  }

  /** The multi-target line once nothing runs any more. */
  async batchSummary(): Promise<string> {
    const status = this.progress.getByRole('status').filter({ hasText: /routes created/ });
    await expect(status).toBeVisible({ timeout: 45_000 });
    return (await status.textContent()) ?? '';
  }

  resultRow(address: string): Locator {
    return this.results.locator(`tr[data-target="${address}"]`);
  }

  /** A results row's status chip as the user reads it: Waiting, Running, Created or Failed. */
  resultStatus(address: string): Locator {
    return this.resultRow(address).getByRole('cell').nth(1);
  }

  /** A single target's stepper entry for one step, found by the label the user reads ("TLS handshake"). */
  step(label: string): Locator {
    return this.progress.getByRole('listitem').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }

  /** The alert under a failed step of the single-target stepper: the cause as its title, then "Fix: …". */
  stepAlert(label: string): Locator {
    return this.step(label).getByRole('alert');
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await expect(this.root).toBeHidden();
  }
}
