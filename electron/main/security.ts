import type { Session, WebContents } from 'electron';

/** Same policy as the browser host minus the WebSocket: the window talks to services only through the preload. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Copy buttons (Net IDs, fingerprints) use navigator.clipboard.writeText; a sanitized write cannot read anything back,
 * so it is the one permission granted, and only to our own page.
 */
const GRANTED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * Sets the CSP on every network response the session receives. The app's own page comes from the app:// handler, which
 * sets the same header itself.
 */
export function installContentSecurityPolicy(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    // A response's own CSP header must not replace ours, whatever its casing.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

export function denyPermissions(session: SessionLike, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(GRANTED_PERMISSIONS.has(permission) && isAppUrl(contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    return GRANTED_PERMISSIONS.has(permission) && isAppUrl(url);
  });
}

type ContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * Applied to every WebContents the app creates: no popups, no webviews, no navigation or redirect away from our page.
 * A compromised renderer that could navigate would keep the preload's bridge on a foreign page.
 */
export function hardenWebContents(contents: ContentsLike, isAppUrl: (url: string) => boolean, onBlocked: (what: string) => void): void {
  contents.setWindowOpenHandler(() => {
    onBlocked('window.open');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    onBlocked(`navigation to ${describeUrl(url)}`);
  });
  // Also a subframe's navigation (will-navigate fires for the main frame only): no frame may leave for a foreign page.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    onBlocked(`${event.isMainFrame ? 'navigation' : 'frame navigation'} to ${describeUrl(event.url)}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    onBlocked(`redirect to ${describeUrl(url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('a <webview>');
  });
}

/** Only the scheme and host go to the log: a URL's path or query may carry something the user typed. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'an invalid URL';
  }
}
