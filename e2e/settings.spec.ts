import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS } from './lab';
import { AppFrame } from './pages/app-frame';
import { ADAPTER_COLUMNS, SettingsPage } from './pages/settings-page';

test('Settings lists exactly the lab client adapters lab1 and lab2, loopback excluded', async ({ labApp }) => {
  const frame = new AppFrame(labApp.page);
  await frame.goTo('Settings');
  const settings = new SettingsPage(labApp.page);
  await expect(settings.adaptersHeading).toBeVisible();
  await expect(settings.adaptersTable.getByRole('columnheader')).toHaveText([...ADAPTER_COLUMNS]);

  expect(await settings.adapterRows()).toEqual(
    CLIENT_ADAPTERS.map((adapter) => ({
      name: adapter.name,
      address: adapter.address,
      netmask: adapter.netmask,
      broadcast: adapter.broadcast,
      linkLocal: 'No',
    })),
  );
  await expect(settings.adaptersTable.getByText('link-local', { exact: true })).toHaveCount(0);
  expect(labApp.consoleErrors).toEqual([]);
});
