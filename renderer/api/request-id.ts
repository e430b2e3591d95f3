/**
 * A fresh id for a request whose events the caller must recognise from the very first one (a search, a route batch).
 * The caller picks it, so no event can arrive before the caller knows it. getRandomValues works in every context the
 * app runs in, secure or not.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
