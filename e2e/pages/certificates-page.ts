import { expect, type Locator, type Page } from '@playwright/test';

/** The Certificates page, found the way a user finds things: by headings, labels and button names. */
export class CertificatesPage {
  readonly main: Locator;
  readonly fingerprint: Locator;
  readonly expirySummary: Locator;
  readonly expiryTable: Locator;
  readonly devicesTable: Locator;
  readonly knownTable: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.fingerprint = page.getByTestId('identity-fingerprint');
    this.expirySummary = page.getByTestId('expiry-summary');
    this.expiryTable = page.getByRole('table', { name: 'Certificate expiry' });
    this.devicesTable = page.getByRole('table', { name: 'Issued device certificates' });
    this.knownTable = page.getByRole('table', { name: 'Known target fingerprints' });
  }

  section(heading: string): Locator {
    return this.page.locator('section').filter({ has: this.page.getByRole('heading', { level: 2, name: heading, exact: true }) });
  }

  field(scope: Locator, label: string | RegExp): Locator {
    return scope.getByRole('textbox', { name: label });
  }

  async createCa(options: { organization: string; password: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Create CA' });
    await this.field(form, /Organization \(O\)/).fill(options.organization);
    await this.field(form, /^CA password/).fill(options.password);
    await this.field(form, /^Repeat CA password/).fill(options.password);
    await form.getByRole('button', { name: 'Create CA' }).click();
  }

  async issue(names: string[], options: { days: number; caPassword: string; keyPassword?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Device certificates' });
    await this.field(form, /More names or addresses/).fill(names.join('\n'));
    await this.field(form, /Valid for \(days\)/).fill(String(options.days));
    await this.field(form, /Key password \(KeyPwd/).fill(options.keyPassword ?? '');
    await this.field(form, /^CA password/).fill(options.caPassword);
    await form.getByRole('button', { name: names.length === 1 ? 'Issue 1 certificate' : `Issue ${names.length} certificates` }).click();
    await expect(
      this.page
        .getByRole('alert')
        .filter({ hasText: names.length === 1 ? '1 certificate issued.' : `${names.length} certificates issued.` }),
    ).toBeVisible();
  }

  expiryRow(name: string): Locator {
    return this.expiryTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  }

  /** "Install on target…" of one issued device certificate: leads to the Secure ADS server page. */
  async installOnTarget(name: string): Promise<void> {
    const row = this.devicesTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
    await row.getByRole('button', { name: 'Install on target…' }).click();
  }

  navLink(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates', exact: true });
  }
}
