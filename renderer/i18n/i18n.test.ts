// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from './i18n';
import { LANGUAGE_STORAGE_KEY } from './languages';

const fromOtherWindow = (newValue: string | null, key = LANGUAGE_STORAGE_KEY) =>
  window.dispatchEvent(new StorageEvent('storage', { key, newValue }));

describe('the UI language of a running app', () => {
  afterEach(() => setLanguage('en'));

  it('switches at once and is remembered for the next start', async () => {
    await setLanguage('de');
    expect(i18n.language).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de');
  });

  it('follows a language chosen in another window, and ignores other keys and unknown languages', async () => {
    fromOtherWindow('de');
    await expect.poll(() => i18n.language).toBe('de');
    fromOtherWindow('fr');
    fromOtherWindow('en', 'another-key');
    expect(i18n.language).toBe('de');
    fromOtherWindow('en');
    await expect.poll(() => i18n.language).toBe('en');
  });
});
