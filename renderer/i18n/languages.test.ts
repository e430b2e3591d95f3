import { describe, expect, it } from 'vitest';
import { initialLanguage, LANGUAGE_STORAGE_KEY, languageOf } from './languages';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === LANGUAGE_STORAGE_KEY ? value : null) });

describe('the UI language at start', () => {
  it('follows the OS language when the user has not chosen one', () => {
    expect(initialLanguage(storage(null), ['de-DE', 'en-US'])).toBe('de');
    expect(initialLanguage(storage(null), ['de-AT'])).toBe('de');
    expect(initialLanguage(storage(null), ['en-GB'])).toBe('en');
  });

  it('takes the first OS language the UI has and falls back to English', () => {
    expect(initialLanguage(storage(null), ['fr-FR', 'de-CH'])).toBe('de');
    expect(initialLanguage(storage(null), ['fr-FR', 'ja'])).toBe('en');
    expect(initialLanguage(undefined, undefined)).toBe('en');
  });

  it('keeps the choice made in Settings over the OS language, and ignores a stored value it does not know', () => {
    expect(initialLanguage(storage('en'), ['de-DE'])).toBe('en');
    expect(initialLanguage(storage('de'), ['en-US'])).toBe('de');
    expect(initialLanguage(storage('xx'), ['de-DE'])).toBe('de');
  });

  it('still starts when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(initialLanguage(broken, ['de'])).toBe('de');
  });

  it('maps language tags to the languages the UI has', () => {
    expect(languageOf('de_DE')).toBe('de');
    expect(languageOf('EN')).toBe('en');
    expect(languageOf('pt-BR')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });
});
