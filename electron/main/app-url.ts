import { pathToFileURL } from 'node:url';

/**
 * The one page this app ever shows is its own index.html. A URL is "ours" when it is that file, whatever hash or
 * query the renderer's router puts on it; anything else (http, another file, data:, javascript:) is foreign.
 */
export function createAppUrlCheck(indexHtmlPath: string): { appUrl: string; isAppUrl(url: string): boolean } {
  const appUrl = pathToFileURL(indexHtmlPath).href;
  const own = new URL(appUrl);
  return {
    appUrl,
    isAppUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      return parsed.protocol === 'file:' && parsed.host === own.host && parsed.pathname === own.pathname;
    },
  };
}
