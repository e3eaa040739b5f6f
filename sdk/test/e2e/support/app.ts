/** Requests to the example app as a browser, an API client or a server-action call would make them. */
import { readFileSync } from 'node:fs';
import { e2e } from './context.js';

export type Kind = 'document' | 'api';

/** The dev browser a browser that has been through Clerk's development instance carries (`__clerk_db_jwt`). */
export const DEV_BROWSER = 'dvb_e2e_browser';

/**
 * The cookies a browser that has been through Clerk sends on a development instance (Clerk's cookie protocol): its
 * dev browser and `__client_uat`, plus, when signed in, the session token — with `__client_uat` at the token's `iat`
 * (the client changed when the session was last updated), or `0` when signed out.
 */
export function browserCookies(sessionToken?: string): string {
  if (!sessionToken) return `__clerk_db_jwt=${DEV_BROWSER}; __client_uat=0`;
  return `__session=${sessionToken}; __client_uat=${clientUatFor(sessionToken)}; __clerk_db_jwt=${DEV_BROWSER}`;
}

/** The token's `iat` when it has one; a garbage token still comes with a signed-in `__client_uat`. */
function clientUatFor(token: string): number {
  try {
    const iat = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).iat;
    if (typeof iat === 'number') return iat;
  } catch {
    // not a JWT
  }
  return Math.floor(Date.now() / 1000) - 60;
}

export interface AppRequest {
  /** Sent as the session token in a browser's cookies (see {@link browserCookies}) … */
  cookie?: string;
  /** … or as `Authorization: Bearer` (API clients, machines). */
  bearer?: string;
  kind?: Kind;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Defaults to the proxy.ts app. */
  base?: string;
  /** A browser's first visit: none of Clerk's cookies (a document then gets the handshake). */
  firstVisit?: boolean;
}

export function appFetch(path: string, req: AppRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {
    ...(req.kind === 'document'
      ? { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }
      : { accept: 'application/json', 'sec-fetch-dest': 'empty' }),
    ...(req.firstVisit ? {} : { cookie: browserCookies(req.cookie) }),
    ...(req.bearer ? { authorization: `Bearer ${req.bearer}` } : {}),
    ...req.headers,
  };
  return fetch(`${req.base ?? e2e().appUrl}${path}`, {
    method: req.method ?? 'GET',
    headers,
    body: req.body,
    redirect: 'manual',
  });
}

export async function json<T = any>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`expected JSON, got ${res.status}: ${text.slice(0, 300)}`);
  }
}

/** The id Next gave a server action, from the build's server-reference-manifest.json. */
export function actionId(exportedName: string, file: string, variant = false): string {
  const ctx = e2e();
  const manifest = JSON.parse(readFileSync(variant ? ctx.variantActionManifest : ctx.actionManifest, 'utf8'));
  for (const [id, entry] of Object.entries<{ filename?: string; exportedName?: string }>(manifest.node)) {
    if (entry.exportedName === exportedName && entry.filename?.endsWith(file)) return id;
  }
  throw new Error(`no server action ${exportedName} in ${file}`);
}

/** Calls a server action the way Next's client does: POST to the page with `next-action`. */
export function callAction(
  page: string,
  exportedName: string,
  file: string,
  req: Omit<AppRequest, 'kind' | 'method' | 'body'> & { args?: unknown[] } = {},
): Promise<Response> {
  return appFetch(page, {
    ...req,
    method: 'POST',
    body: JSON.stringify(req.args ?? []),
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': actionId(exportedName, file, req.base === e2e().variantUrl),
      ...req.headers,
    },
  });
}

/** A page's HTML with React's text separators (`<!-- -->`) removed, so rendered text reads as written. */
export async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll('<!-- -->', '');
}
