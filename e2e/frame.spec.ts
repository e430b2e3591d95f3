import { test, expect } from './fixtures';
import { APP_TITLE, AREAS, AppFrame } from './pages/app-frame';

test('the frame shows the title and the six areas in order, Targets first', async ({ app }) => {
  const frame = new AppFrame(app.page);
  await expect(frame.banner).toContainText(APP_TITLE);
  const items = frame.navItems();
  await expect(items).toHaveCount(AREAS.length);
  for (const [index, area] of AREAS.entries()) await expect(items.nth(index)).toHaveAccessibleName(area.label);

  await expect(frame.heading).toHaveText('Targets');
  await expect(frame.navItem('Targets')).toHaveAttribute('aria-current', 'page');
  expect(app.consoleErrors).toEqual([]);
});

test('each navigation entry opens its page, moves the selection and the address', async ({ app }) => {
  const frame = new AppFrame(app.page);
  // Walk backwards so that every step really changes the page, including the last one back to Targets.
  for (const area of [...AREAS].reverse()) {
    await frame.goTo(area.label);
    await expect(app.page).toHaveURL(new RegExp(`${area.hash.replace('/', '\\/')}$`));
    await expect(frame.navItem(area.label)).toHaveAttribute('aria-current', 'page');
    for (const other of AREAS) {
      if (other.label !== area.label) await expect(frame.navItem(other.label)).not.toHaveAttribute('aria-current', 'page');
    }
  }
  expect(app.consoleErrors).toEqual([]);
});

test('a hash link opens its page directly and survives a reload', async ({ app }) => {
  test.skip(app.host.kind !== 'web', 'deep links are typed into a browser address bar');
  const frame = new AppFrame(app.page);
  await expect(frame.heading).toHaveText('Targets');
  await app.page.goto(`${app.host.kind === 'web' ? app.host.url : ''}#/log`);
  await expect(frame.heading).toHaveText('Log');
  // A reload is a fresh start of the app on that link, as when someone pastes it.
  await app.page.reload();
  await expect(frame.heading).toHaveText('Log');
  await expect(frame.navItem('Log')).toHaveAttribute('aria-current', 'page');
  expect(app.consoleErrors).toEqual([]);
});

test('the token leaves the address bar once read, and the tab still reaches its services after a reload', async ({ app }) => {
  test.skip(app.host.kind !== 'web', 'only the browser host has a token');
  const frame = new AppFrame(app.page);
  await expect(frame.heading).toHaveText('Targets');
  await expect.poll(() => app.page.url()).not.toContain('token=');
  await app.page.goto(`${app.page.url().split('#')[0]}#/settings`);
  await app.page.reload();
  await expect(frame.heading).toHaveText('Settings');
  expect(app.page.url()).not.toContain('token=');
  await expect(app.page.getByRole('table', { name: 'Network adapters' })).toBeVisible();
  await expect(frame.connectionError()).toBeHidden();
});

test('with a wrong token the app says it cannot reach its services', async ({ app }) => {
  test.skip(app.host.kind !== 'web', 'only the browser host has a token');
  const url = new URL(app.host.kind === 'web' ? app.host.url : '');
  url.searchParams.set('token', 'not-the-token');
  // Settings asks the services for the adapters at once, so the failure shows without any click.
  url.hash = '#/settings';
  await app.page.goto(url.toString());
  await expect(new AppFrame(app.page).connectionError()).toBeVisible();
});
