import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app-frame';

export type ServerCellStatus = 'pending' | 'running' | 'ok' | 'unchanged' | 'absent' | 'failed' | 'skipped';

/** One system's row of a result table: the status of each column shown ('change', 'restart', 'verify') and its text. */
export interface ServerResultRow {
  system: string;
  change?: ServerCellStatus;
  restart?: ServerCellStatus;
  verify?: ServerCellStatus;
  text: string;
}

/** The change dialog (Add PSK identity, Set CA files, Change SecureOnly, remove, clear): confirm, results, restart. */
export class ServerChangeDialog {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /** The systems the one confirmation lists, as "NAME (NETID), now STATE". */
  async confirmedSystems(): Promise<string[]> {
    return this.root.getByRole('list', { name: 'Systems' }).getByRole('listitem').allTextContents();
  }

  /** Ticks the lock-out acknowledgement, when the confirmation asks for it. */
  async acknowledgeLockout(): Promise<void> {
    await this.root.getByRole('checkbox', { name: 'I understand that this PC loses its plain ADS access' }).check();
  }

  /** Applies the change (on the confirmation) and waits until every system has its result. */
  async apply(): Promise<ServerResultRow[]> {
    await this.root.getByRole('button', { name: 'Apply' }).click();
    return this.results();
  }

  /** The result table once no system is still running. */
  async results(): Promise<ServerResultRow[]> {
    return readResults(this.root);
  }

  async retryFailed(): Promise<ServerResultRow[]> {
    await this.root.getByRole('button', { name: 'Retry failed' }).click();
    return this.results();
  }

  /** Restarts the systems the change reached, confirms (returning what the confirmation listed) and waits for the results. */
  async restart(mode: 'config' | 'run'): Promise<{ confirmed: string[]; rows: ServerResultRow[] }> {
    await this.root.getByRole('button', { name: mode === 'config' ? 'Restart in Config mode' : 'Restart in Run mode' }).click();
    const confirmed = await confirmRestart(this.page, mode);
    return { confirmed, rows: await this.results() };
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
    await expect(this.root).toBeHidden();
  }
}

/** Confirms the restart dialog after its state list is read; returns the lines it named. */
async function confirmRestart(page: Page, mode: 'config' | 'run'): Promise<string[]> {
  const confirm = page.getByRole('dialog', { name: mode === 'config' ? 'Restart in Config mode?' : 'Restart in Run mode?' });
  const list = confirm.getByRole('list', { name: 'Systems' });
  await expect(list).toBeVisible({ timeout: 30_000 });
  const confirmed = await list.getByRole('listitem').allTextContents();
  await confirm.getByRole('button', { name: 'Restart' }).click();
  await expect(confirm).toBeHidden();
  return confirmed;
}

async function readResults(scope: Locator): Promise<ServerResultRow[]> {
  const table = scope.getByRole('table', { name: 'Results' });
  await expect(table).toBeVisible();
  await expect(table.locator('[data-status="running"]')).toHaveCount(0, { timeout: 60_000 });
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const result: Record<string, string> = { system: row.getAttribute('data-place') ?? '', text: row.textContent ?? '' };
      for (const cell of row.querySelectorAll('[data-column]'))
        result[cell.getAttribute('data-column')!] = cell.getAttribute('data-status')!;
      return result as unknown as ServerResultRow;
    }),
  );
}

/** The Secure ADS server page, found by its accessible names. */
export class ServerPage {
  readonly places: Locator;

  constructor(readonly page: Page) {
    this.places = page.getByRole('table', { name: 'Systems' });
  }

  async open(): Promise<void> {
    await new AppFrame(this.page).goTo('Secure ADS server');
  }

  /** The row of a system; 'This PC' for this PC's own TwinCAT. */
  row(name: string): Locator {
    return this.places.locator(`tr[data-place="${name}"]`);
  }

  /** Waits until each of these systems has been read (its status chip says Read). */
  async waitForRead(names: string[], timeout = 30_000): Promise<void> {
    for (const name of names) await expect(this.row(name).getByText('Read', { exact: true })).toBeVisible({ timeout });
  }

  async select(names: string[]): Promise<void> {
    for (const name of names) await this.places.getByRole('checkbox', { name: `Select ${name}` }).check();
  }

  async deselect(names: string[]): Promise<void> {
    for (const name of names) await this.places.getByRole('checkbox', { name: `Select ${name}` }).uncheck();
  }

  /** Types the PSK secret of a PSK route (this PC keeps none), so the page can reach that target. */
  async giveSecret(name: string, secret: string): Promise<void> {
    await this.places.getByRole('button', { name: `Credentials for ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Credentials for ${name}` });
    await dialog.getByLabel(/^PSK secret of/).fill(secret);
    await dialog.getByRole('button', { name: 'Use' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Shows one system's file below the table and returns that region. */
  async show(name: string): Promise<Locator> {
    await this.places.getByRole('button', { name: `Show ${name}` }).click();
    return this.page.getByRole('region', { name: `StaticRoutes.xml of ${name}` });
  }

  /** The PSK identity names in a system's file. */
  async identities(name: string): Promise<string[]> {
    const details = await this.show(name);
    const table = details.getByRole('table', { name: `PSK identities of ${name}` });
    if (!(await table.isVisible())) return [];
    return (await table.locator('tr td:first-child').allTextContents()).map((text) => text.trim());
  }

  /**
   * Adds a PSK identity to the selected systems up to the confirmation: with `secret` typed, else generated (read
   * from the dialog, where it is shown this once). Returns the secret and the dialog on its confirmation step.
   */
  async addPskIdentity(identity: string, options: { secret?: string } = {}): Promise<{ secret: string; dialog: ServerChangeDialog }> {
    await this.page.getByRole('toolbar').getByRole('button', { name: 'Add PSK identity' }).click();
    const root = this.page.getByRole('dialog', { name: 'Add PSK identity' });
    await root.getByRole('textbox', { name: 'Identity' }).fill(identity);
    let secret = options.secret ?? '';
    if (options.secret !== undefined) {
      await root.getByRole('radio', { name: 'Type a secret' }).check();
      await root.getByLabel(/^Your secret/).fill(options.secret);
    } else {
      await root.getByRole('button', { name: 'Generate' }).click();
      const field = root.getByRole('textbox', { name: 'Generated secret' });
      await expect(field).not.toHaveValue('');
      secret = await field.inputValue();
    }
    await root.getByRole('button', { name: 'Next' }).click();
    return { secret, dialog: new ServerChangeDialog(this.page, root) };
  }

  /** Removes a PSK identity from the selected systems up to the confirmation, choosing it among those they hold. */
  async removePskIdentity(identity: string): Promise<ServerChangeDialog> {
    await this.page.getByRole('toolbar').getByRole('button', { name: 'Remove PSK identity' }).click();
    const root = this.page.getByRole('dialog', { name: 'Remove PSK identity' });
    await root.getByRole('combobox', { name: /^Identity/ }).click();
    await this.page.getByRole('option', { name: new RegExp(`^${identity}: on`) }).click();
    await root.getByRole('button', { name: 'Next' }).click();
    return new ServerChangeDialog(this.page, root);
  }

  /**
   * Opens Set CA files for the selection and goes to the confirmation; returns the three files the form held
   * (filled by hand before, or handed over from the Certificates page).
   */
  async setCaFiles(): Promise<{ files: string[]; dialog: ServerChangeDialog }> {
    await this.page.getByRole('toolbar').getByRole('button', { name: 'Set CA files' }).click();
    const root = this.page.getByRole('dialog', { name: 'Set CA files' });
    const files = [];
    for (const label of [/^CA certificate/, /^Server certificate/, /^Server private key/])
      files.push(await root.getByRole('textbox', { name: label }).inputValue());
    await root.getByRole('button', { name: 'Next' }).click();
    return { files, dialog: new ServerChangeDialog(this.page, root) };
  }

  /** Opens Change SecureOnly for the selection, picks on or off and goes to the confirmation. */
  async setSecureOnly(on: boolean): Promise<ServerChangeDialog> {
    await this.page.getByRole('toolbar').getByRole('button', { name: 'Change SecureOnly' }).click();
    const root = this.page.getByRole('dialog', { name: 'Change SecureOnly' });
    await root.getByRole('radio', { name: on ? /^On/ : /^Off/ }).check();
    await root.getByRole('button', { name: 'Next' }).click();
    return new ServerChangeDialog(this.page, root);
  }

  /** Restarts the selected systems from the toolbar: confirms, waits for the results and closes the dialog. */
  async restart(mode: 'config' | 'run'): Promise<{ confirmed: string[]; rows: ServerResultRow[] }> {
    await this.page
      .getByRole('toolbar')
      .getByRole('button', { name: mode === 'config' ? 'Restart in Config mode' : 'Restart in Run mode' })
      .click();
    const confirmed = await confirmRestart(this.page, mode);
    const root = this.page.getByRole('dialog', { name: mode === 'config' ? 'Restart in Config mode' : 'Restart in Run mode' });
    const rows = await readResults(root);
    await root.getByRole('button', { name: 'Close' }).click();
    await expect(root).toBeHidden();
    return { confirmed, rows };
  }
}
