// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { takeToken } from './client';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('browser host token', () => {
  it('is taken from the link once, then removed from the address bar and the history entry', () => {
    history.replaceState(null, '', '/?token=a%2Bb&lang=de#/targets');
    expect(takeToken(window)).toBe('a+b');
    expect(location.href).not.toContain('token');
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/?lang=de#/targets');
    expect(history.length).toBe(1);
  });

  it('survives a reload of the same tab without being in the address again', () => {
    history.replaceState(null, '', '/?token=xyz');
    takeToken(window);
    // The reload: same tab, the address no longer holds the token.
    expect(location.search).toBe('');
    expect(takeToken(window)).toBe('xyz');
  });

  it('is empty without a link or an earlier visit in this tab', () => {
    expect(takeToken(window)).toBe('');
  });
});
