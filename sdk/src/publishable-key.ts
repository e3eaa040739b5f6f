/**
 * Clerk publishable keys: `pk_test_` (a development instance) or `pk_live_`
 * (production), then the base64 of the instance's Frontend API host and a `$`.
 * authlens reads one for a single purpose, as @clerk/nextjs does when no
 * sign-in/up URL is configured: where the instance's Account Portal pages are.
 */

export interface PublishableKey {
  instanceType: 'development' | 'production';
  /** The Frontend API host, e.g. `happy-hippo-1.clerk.accounts.dev` (a port too for the local backend). */
  frontendApi: string;
}

const PREFIXES = { pk_test_: 'development', pk_live_: 'production' } as const;

/**
 * The key's parts, or null when it is not a publishable key. Clerk's rules (one `$`, at the end, and a dotted host),
 * except that a loopback host needs no dot: the local backend's key may name `localhost` or `[::1]`.
 */
export function parsePublishableKey(key: string): PublishableKey | null {
  const prefix = key.slice(0, 8);
  if (prefix !== 'pk_test_' && prefix !== 'pk_live_') return null;
  const encoded = key.slice(8);
  if (encoded.length === 0 || encoded.includes('_')) return null;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return null;
  }
  const frontendApi = decoded.slice(0, -1);
  if (!decoded.endsWith('$') || frontendApi.includes('$')) return null;
  if (!frontendApi.includes('.') && !isLoopback(frontendApi)) return null;
  return { instanceType: PREFIXES[prefix], frontendApi };
}

/** Hosts served over plain HTTP: the local backend's Account Portal pages (Clerk's are always HTTPS). */
export function isLoopback(host: string): boolean {
  const hostname = host.replace(/:\d+$/, '');
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * The Account Portal's origin for a Frontend API host: Clerk's rule is the
 * host with its leading `clerk.accounts.` or `clerk.` (`clerk.accountsstage.`
 * on staging) turned into `accounts.` (`accountsstage.`), over HTTPS. A
 * loopback host (the local backend, which serves the pages itself) keeps its
 * name and uses HTTP.
 */
export function accountPortalUrl(frontendApi: string): string {
  if (isLoopback(frontendApi)) return `http://${frontendApi}`;
  const host = frontendApi
    .replace(/clerk\.accountsstage\./, 'accountsstage.')
    .replace(/clerk\.accounts\.|clerk\./, 'accounts.');
  return `https://${host}`;
}
