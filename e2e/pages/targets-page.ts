import { expect, type Locator, type Page } from '@playwright/test';

export const TARGET_COLUMNS = [
  'Host Name',
  'Connected',
  'Address',
  'AMS NetId',
  'TwinCAT',
  'OS Version',
  'Comment',
  'Secure ADS',
  'Fingerprint',
] as const;
export type TargetColumnName = (typeof TARGET_COLUMNS)[number];

export type TimeoutChoice = '1 s' | '3 s' | '5 s' | '10 s';

/** The Targets view: search area, the list of found systems, and what it says when a search goes wrong. */
export class TargetsPage {
  readonly broadcastButton: Locator;
  readonly hostField: Locator;
  readonly hostButton: Locator;
  readonly rangeField: Locator;
  readonly rangeButton: Locator;
  readonly timeout: Locator;
  readonly progress: Locator;
  readonly cancelButton: Locator;
  readonly table: Locator;
  readonly bodyRows: Locator;
  readonly filter: Locator;
  readonly addRouteButton: Locator;
  /** The per-host warnings listed under the table. */
  readonly problems: Locator;
  /** The "Nothing found" explanation. */
  readonly emptyHint: Locator;

  constructor(readonly page: Page) {
    this.broadcastButton = page.getByRole('button', { name: 'Broadcast Search', exact: true });
    this.hostField = page.getByRole('textbox', { name: 'Host name / IP', exact: true });
    this.hostButton = page.getByRole('button', { name: 'Search host', exact: true });
    this.rangeField = page.getByRole('textbox', { name: 'Address range', exact: true });
    this.rangeButton = page.getByRole('button', { name: 'Search range', exact: true });
    this.timeout = page.getByRole('combobox', { name: 'Timeout' });
    this.progress = page.getByRole('progressbar', { name: 'Search progress' });
    this.cancelButton = page.getByRole('button', { name: 'Cancel', exact: true });
    this.table = page.getByRole('table', { name: 'Targets' });
    this.bodyRows = this.table.locator('tbody tr[data-key]');
    this.filter = page.getByRole('textbox', { name: 'Filter targets' });
    this.addRouteButton = page.getByRole('button', { name: 'Add Route', exact: true });
    this.problems = page.getByRole('status', { name: 'Problems during the search' });
    this.emptyHint = page.getByRole('alert').filter({ hasText: 'Nothing found' });
  }

  /** The checkbox of one adapter, found by its name ("lab1 — 10.77.1.2/24"). */
  adapter(name: string): Locator {
    return this.page.getByRole('checkbox', { name: new RegExp(`^${name} — `) });
  }

  async chooseAdapters(names: readonly string[], all: readonly string[]): Promise<void> {
    for (const name of all) await this.adapter(name).setChecked(names.includes(name));
  }

  async chooseTimeout(choice: TimeoutChoice): Promise<void> {
    await this.timeout.click();
    await this.page.getByRole('option', { name: choice, exact: true }).click();
    await expect(this.timeout).toHaveText(choice);
  }

  async broadcast(): Promise<void> {
    await this.broadcastButton.click();
    await expect(this.progress).toBeVisible();
  }

  async searchHost(hosts: string): Promise<void> {
    await this.hostField.fill(hosts);
    await this.hostButton.click();
  }

  async searchRange(range: string): Promise<void> {
    await this.rangeField.fill(range);
    await this.rangeButton.click();
  }

  /** Waits until the running search has ended (the progress bar goes with it). */
  async waitForSearchEnd(timeoutMs = 20_000): Promise<void> {
    await expect(this.progress).toHaveCount(0, { timeout: timeoutMs });
    await expect(this.broadcastButton).toBeEnabled();
  }

  foundCount(): Locator {
    return this.page.getByText(/^\d+ systems? found/);
  }

  row(address: string): Locator {
    return this.bodyRows.filter({ has: this.page.getByRole('cell', { name: address, exact: true }) });
  }

  /** One column of every body row, in on-screen order, located through the header's name. */
  async column(name: TargetColumnName): Promise<string[]> {
    const headers = (await this.table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`Targets table has no "${name}" column (has ${headers.join(', ')})`);
    return this.bodyRows.evaluateAll((rows, i) => rows.map((row) => (row.querySelectorAll('td')[i]?.textContent ?? '').trim()), index);
  }

  /** The addresses listed, sorted so a spec can compare sets of systems whatever order they answered in. */
  async addresses(): Promise<string[]> {
    return (await this.column('Address')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  }
}
