// @vitest-environment jsdom
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeApi } from '../test-utils/fake-api';
import { App } from './App';
import { createAppTheme, useAppTheme } from '../theme/theme';

type ColorScheme = 'light' | 'dark';

/**
 * The operating system as the renderer sees it: `window.matchMedia` answering `prefers-color-scheme` (and
 * `prefers-reduced-motion`) from a setting the test changes, with the change events a real browser fires.
 */
class FakeOs {
  private scheme: ColorScheme;
  private readonly lists = new Set<{ query: string; listeners: Set<(event: MediaQueryListEvent) => void>; list: MediaQueryList }>();

  constructor(scheme: ColorScheme) {
    this.scheme = scheme;
  }

  readonly matchMedia = (query: string): MediaQueryList => {
    const entry = { query, listeners: new Set<(event: MediaQueryListEvent) => void>(), list: undefined as unknown as MediaQueryList };
    const isMatch = () => this.matches(query);
    entry.list = {
      media: query,
      get matches() {
        return isMatch();
      },
      onchange: null,
      addEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) => entry.listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) => entry.listeners.delete(listener),
      addListener: (listener: (event: MediaQueryListEvent) => void) => entry.listeners.add(listener),
      removeListener: (listener: (event: MediaQueryListEvent) => void) => entry.listeners.delete(listener),
      dispatchEvent: () => true,
    } as unknown as MediaQueryList;
    this.lists.add(entry);
    return entry.list;
  };

  /** The user flips the OS setting; every open query list hears about it, as in a browser. */
  switchTo(scheme: ColorScheme): void {
    this.scheme = scheme;
    for (const entry of this.lists) {
      const event = { matches: this.matches(entry.query), media: entry.query } as MediaQueryListEvent;
      for (const listener of [...entry.listeners]) listener(event);
    }
  }

  private matches(query: string): boolean {
    if (/prefers-color-scheme:\s*dark/.test(query)) return this.scheme === 'dark';
    if (/prefers-color-scheme:\s*light/.test(query)) return this.scheme === 'light';
    return false;
  }
}

const DARK = createAppTheme('dark');
const LIGHT = createAppTheme('light');

/** jsdom reports colours as rgb(); the theme writes hex. */
function rgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}

describe('theme follows the OS light/dark preference', () => {
  let os: FakeOs;

  function useOs(scheme: ColorScheme): void {
    os = new FakeOs(scheme);
    vi.stubGlobal('matchMedia', os.matchMedia);
  }

  beforeEach(() => {
    window.history.replaceState(null, '', '/');
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('is dark when the OS prefers dark', () => {
    useOs('dark');
    const { result } = renderHook(() => useAppTheme());
    expect(result.current.palette.mode).toBe('dark');
    expect(result.current.palette.background.default).toBe(DARK.palette.background.default);
    expect(result.current.palette.primary.main).toBe(DARK.palette.primary.main);
  });

  it('is light when the OS prefers light', () => {
    useOs('light');
    const { result } = renderHook(() => useAppTheme());
    expect(result.current.palette.mode).toBe('light');
    expect(result.current.palette.background.default).toBe(LIGHT.palette.background.default);
    expect(result.current.palette.primary.main).toBe(LIGHT.palette.primary.main);
  });

  it('switches live when the OS setting changes, both ways, without a reload', () => {
    useOs('light');
    const { result } = renderHook(() => useAppTheme());
    expect(result.current.palette.mode).toBe('light');
    act(() => os.switchTo('dark'));
    expect(result.current.palette.mode).toBe('dark');
    act(() => os.switchTo('light'));
    expect(result.current.palette.mode).toBe('light');
  });

  it('gives the running app the page background of the OS preference', () => {
    // The two modes must differ, or the checks below could not tell them apart.
    expect(DARK.palette.background.default).not.toBe(LIGHT.palette.background.default);
    useOs('dark');
    render(<App api={new FakeApi()} />);
    expect(getComputedStyle(document.body).backgroundColor).toBe(rgb(DARK.palette.background.default));
    act(() => os.switchTo('light'));
    expect(getComputedStyle(document.body).backgroundColor).toBe(rgb(LIGHT.palette.background.default));
  });
});
