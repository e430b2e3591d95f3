import { expect, type Locator, type Page } from '@playwright/test';

export interface AdapterRow {
  name: string;
  address: string;
  netmask: string;
  broadcast: string;
  /** The Link-local column: "Yes" or "No" (a "link-local" chip may sit elsewhere in the row). */
  linkLocal: string;
}

export const ADAPTER_COLUMNS = ['Name', 'IPv4 address', 'Netmask', 'Broadcast', 'Link-local'] as const;

export class SettingsPage {
  readonly adaptersHeading: Locator;
  readonly adaptersTable: Locator;

  constructor(readonly page: Page) {
    this.adaptersHeading = page.getByRole('heading', { level: 2, name: 'Network adapters' });
    this.adaptersTable = page.getByRole('table', { name: 'Network adapters' });
  }

  /** Waits until the adapters are loaded, then reads each body row by the column headers' names. */
  async adapterRows(): Promise<AdapterRow[]> {
    await expect(this.adaptersTable).toBeVisible();
    await expect(this.page.getByRole('progressbar')).toHaveCount(0);
    const headers = (await this.adaptersTable.getByRole('columnheader').allTextContents()).map((text) => text.trim());
    const column = (name: (typeof ADAPTER_COLUMNS)[number]) => {
      const index = headers.indexOf(name);
      if (index < 0) throw new Error(`Network adapters table has no "${name}" column (has ${headers.join(', ')})`);
      return index;
    };
    const rows = await this.adaptersTable
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim())));
    return rows.map((cells) => {
      const cell = (name: (typeof ADAPTER_COLUMNS)[number]) => cells[column(name)] ?? '';
      return {
        name: cell('Name'),
        address: cell('IPv4 address'),
        netmask: cell('Netmask'),
        broadcast: cell('Broadcast'),
        linkLocal: /^(Yes|No)/.exec(cell('Link-local'))?.[1] ?? cell('Link-local'),
      };
    });
  }
}
