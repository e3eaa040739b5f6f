/** Requests to the example app as a browser, an API client or a server-action call would make them. */
import { readFileSync } from 'node:fs';
import { e2e } from './context.js';

export type Kind = 'document' | 'api';

export interface AppRequest {
  /** Sent as the `__session` cookie (browsers) … */
  cookie?: string;
  /** … or as `Authorization: Bearer` (API clients, machines). */
  bearer?: string;
  kind?: Kind;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Defaults to the proxy.ts app. */
  base?: string;
}

export function appFetch(path: string, req: AppRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {
    ...(req.kind === 'document'
      ? { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }
      : { accept: 'application/json', 'sec-fetch-dest': 'empty' }),
    ...(req.cookie ? { cookie: `__session=${req.cookie}` } : {}),
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
