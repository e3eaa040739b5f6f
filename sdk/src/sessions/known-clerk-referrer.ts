/**
 * Whether a `Referer` is one of Clerk's own pages (the Frontend API, the Account Portal, a development Account
 * Portal): a signed-in navigation from there needs no cross-origin handshake.
 */
import type { SessionInstance } from './session-instance.js';

const CURRENT_DEV_SUFFIXES = ['.accounts.dev', '.accountsstage.dev', '.accounts.lclclerk.com'];
const LEGACY_DEV_SUFFIXES = ['.lcl.dev', '.lclstage.dev', '.lclclerk.com'];

export function isKnownClerkReferrer(referrer: string | null, instance: SessionInstance): boolean {
  if (!referrer) return false;
  try {
    const url = new URL(referrer);
    const host = url.hostname;
    if (host === new URL(instance.frontendApiUrl).hostname) return true;
    if (instance.instanceType !== 'production') {
      if (CURRENT_DEV_SUFFIXES.some((s) => host.endsWith(s) && !host.endsWith(`.clerk${s}`))) return true;
      if (LEGACY_DEV_SUFFIXES.some((s) => host.startsWith('accounts.') && host.endsWith(s))) return true;
    }
    const accounts = instance.frontendApi
      .replace(/clerk\.accountsstage\./, 'accountsstage.')
      .replace(/clerk\.accounts\.|clerk\./, 'accounts.');
    return url.origin === new URL(`https://${accounts}`).origin;
  } catch {
    return false;
  }
}
