// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../test-utils/render';
import { NoTwincat } from './NoTwincat';
import { placesOf } from './places';
import { RestartConfirm } from './RestartConfirm';
import { ServerPage } from './ServerPage';
import { route, serverApi } from './test-fixtures';

/** The services' reason, which is English in every UI language: the German page must say so with lang="en". */
const REASON = 'EACCES: permission denied, open StaticRoutes.xml';

describe('Secure ADS server page in German: the services’ English is marked as English', () => {
  afterEach(cleanup);

  it("a route list that cannot be read: a German lead, the services' reason in English", async () => {
    renderWithApi(<ServerPage />, serverApi().fail('routes:list', { code: 'io', message: REASON }), { language: 'de' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Die Routenliste dieses PCs konnte nicht gelesen werden')).toBeTruthy();
    expect(within(alert).getByText(REASON).getAttribute('lang')).toBe('en');
  });

  it("a TwinCAT folder that cannot be set: a German lead, the services' reason in English", async () => {
    renderWithApi(
      <NoTwincat tried={['C:\\TwinCAT\\3.1']} onSetFolder={async () => ({ code: 'not-found', message: REASON })} />,
      undefined,
      {
        language: 'de',
      },
    );
    await userEvent
      .setup({ delay: null })
      .type(screen.getByRole('textbox', { name: 'TwinCAT-Target-Ordner dieses PCs' }), 'D:\\TwinCAT\\3.1\\Target');
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Diesen Ordner verwenden' }));
    const reason = await screen.findByText(REASON);
    expect(reason.getAttribute('lang')).toBe('en');
    expect(within(reason.closest<HTMLElement>('[role="alert"]')!).getByText('Der Ordner konnte nicht festgelegt werden')).toBeTruthy();
  });

  it("a system whose state cannot be read before a restart: its line in German, the services' reason in English", async () => {
    const api = serverApi().handle('server-config:state', ({ targets }) =>
      targets.map((target) => ({
        place: `${target.name} (${target.netId})`,
        ok: false,
        adsState: null,
        error: { code: 'timeout', message: REASON, diff: null },
      })),
    );
    const places = placesOf([route('CX-ONE', 11)], new Map()).filter((place) => place.route);
    renderWithApi(<RestartConfirm mode="config" places={places} onCancel={() => undefined} onConfirm={() => undefined} />, api, {
      language: 'de',
    });
    const reason = await screen.findByText(REASON);
    expect(reason.getAttribute('lang')).toBe('en');
    expect(reason.closest('li')?.textContent).toBe(`CX-ONE (10.77.1.11.1.1): Zustand unbekannt (${REASON})`);
  });
});
