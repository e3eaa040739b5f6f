import { TokenVerificationError } from './errors.js';
import type { Jwks } from './jwks-cache.js';

export const DEFAULT_API_URL = 'https://api.clerk.com';
export const DEFAULT_API_VERSION = 'v1';

export interface FetchJwksOptions {
  secretKey: string;
  apiUrl?: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** `{apiUrl}/{apiVersion}/jwks`, keeping any path prefix of `apiUrl`. */
export function jwksUrl(apiUrl: string = DEFAULT_API_URL, apiVersion: string = DEFAULT_API_VERSION): string {
  const url = new URL(apiUrl);
  const segments = [...url.pathname.split('/'), ...apiVersion.split('/'), 'jwks'].filter(Boolean);
  url.pathname = `/${segments.join('/')}`;
  return url.href;
}

/**
 * A minimal `loadJwks` for `JwksCache`: `GET {apiUrl}/v1/jwks` with the secret
 * key. (The backend-api client's `loadJwks` does the same with rate-limit
 * tracking; either can feed the cache.)
 */
export function createFetchJwksLoader(options: FetchJwksOptions): () => Promise<Jwks> {
  const { secretKey, timeoutMs = 10_000 } = options;
  if (!secretKey) throw new TokenVerificationError('key_unavailable', 'A secret key is needed to load the JWKS.');
  const url = jwksUrl(options.apiUrl, options.apiVersion);
  const doFetch = options.fetch ?? globalThis.fetch;
  return async () => {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { Authorization: `Bearer ${secretKey}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new TokenVerificationError('key_unavailable', 'The JWKS endpoint could not be reached.', { cause });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new TokenVerificationError('key_unavailable', `The JWKS endpoint answered HTTP ${response.status}.`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TokenVerificationError('key_unavailable', 'The JWKS response is not JSON.', { cause });
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys))
      throw new TokenVerificationError('key_unavailable', 'The JWKS response has no "keys" array.');
    return { keys };
  };
}
