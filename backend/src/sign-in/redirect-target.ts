/** Why a `redirect_url` was refused; stable codes for tests and the 400 page. */
export type RedirectTargetErrorCode = 'ERR_REDIRECT_URL_INVALID' | 'ERR_REDIRECT_ORIGIN_NOT_ALLOWED';

export class RedirectTargetError extends Error {
  override readonly name = 'RedirectTargetError';
  readonly code: RedirectTargetErrorCode;
  /** The refused origin (never the full URL: its query may carry anything). */
  readonly origin: string | null;

  constructor(code: RedirectTargetErrorCode, message: string, origin: string | null = null) {
    super(message);
    this.code = code;
    this.origin = origin;
  }
}

/** Normalises configured origins (`http://localhost:3000/` → `http://localhost:3000`); bad entries are dropped. */
export function normaliseOrigins(origins: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const origin of origins) {
    try {
      const url = new URL(origin);
      if (url.protocol === 'http:' || url.protocol === 'https:') out.add(url.origin);
    } catch {
      // An unparsable configured origin can never match anything; ignoring it keeps the rest working.
    }
  }
  return out;
}

/**
 * The URL to redirect to after sign-in/out, only when it is an absolute http(s) URL whose origin is one of the
 * allowed origins. Anything else throws, so the caller can never produce an open redirect.
 */
export function resolveRedirectTarget(redirectUrl: string, allowedOrigins: ReadonlySet<string>): URL {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    throw new RedirectTargetError('ERR_REDIRECT_URL_INVALID', 'redirect_url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectTargetError('ERR_REDIRECT_URL_INVALID', 'redirect_url must be an absolute http(s) URL');
  }
  if (!allowedOrigins.has(url.origin)) {
    throw new RedirectTargetError(
      'ERR_REDIRECT_ORIGIN_NOT_ALLOWED',
      `redirect_url origin ${url.origin} is not an allowed origin (start the backend with --allowed-origin ${url.origin})`,
      url.origin,
    );
  }
  return url;
}
