import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-protocol';

/**
 * The one page this app ever shows is its own index.html, served from app://ads-route-studio/. A URL is "ours" when it
 * is that page, whatever hash or query the renderer's router puts on it; anything else (http, file:, data:,
 * javascript:, another path) is foreign.
 */
export function createAppUrlCheck(): { appUrl: string; isAppUrl(url: string): boolean } {
  return {
    appUrl: APP_INDEX_URL,
    isAppUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html';
    },
  };
}
