import { expect, type Locator, type Page } from '@playwright/test';

/** The six areas of the left navigation, in their on-screen order (UI contract). */
export const AREAS = [
  { label: 'Targets', hash: '#/targets' },
  { label: 'Routes', hash: '#/routes' },
  { label: 'Secure ADS server', hash: '#/server' },
  { label: 'Certificates', hash: '#/certificates' },
  { label: 'Log', hash: '#/log' },
  { label: 'Settings', hash: '#/settings' },
] as const;

export type AreaLabel = (typeof AREAS)[number]['label'];

export const APP_TITLE = 'ADS Route Studio';
export const CONNECTION_ERROR = 'Cannot reach the ADS Route Studio services';

export class AppFrame {
  readonly banner: Locator;
  readonly nav: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** Navigation entries may be links or buttons; either way they are found by their accessible name. */
  navItem(label: AreaLabel): Locator {
    return this.nav.getByRole('link', { name: label, exact: true }).or(this.nav.getByRole('button', { name: label, exact: true }));
  }

  /** All entries of the main navigation, in document order. */
  navItems(): Locator {
    return this.nav.getByRole('link').or(this.nav.getByRole('button'));
  }

  connectionError(): Locator {
    return this.page.getByRole('alert').filter({ hasText: CONNECTION_ERROR });
  }

  async goTo(area: AreaLabel): Promise<void> {
    await this.navItem(area).click();
    await expect(this.heading).toHaveText(area);
  }
}
