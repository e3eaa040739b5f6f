/**
 * A tiny router over Web `Request`/`Response`: path templates like `/users/{user_id}`, literal segments winning over
 * parameters, and every versioned route served both under `/v1` and bare (as @clerk/backend calls either).
 */
import type { RouteContext } from './route-context.js';

export type Handler = (c: RouteContext) => Response | Promise<Response>;

/**
 * Who may call a route, and which cross-cutting rules apply:
 * - `secret_key`: `Authorization: Bearer <instance secret key>`; counted, faults, rate limited (the default).
 * - `handler`: the handler authenticates the caller itself (e.g. a machine secret key); counted, faults, rate limited
 *   by the bearer value.
 * - `public`: no credentials (JWKS, the sign-in page); counted, faults, not rate limited.
 * - `admin`: instance secret key; not counted, no faults, not rate limited.
 */
export type RouteAccess = 'secret_key' | 'handler' | 'public' | 'admin';

export interface RouteOptions {
  access?: RouteAccess;
  /** Serve the path exactly as written, without the `/v1` twin (admin endpoints, HTML pages). */
  unversioned?: boolean;
}

export interface Route {
  method: string;
  /** The template as registered, e.g. `/users/{user_id}`. */
  path: string;
  /** Method and normalised template, the key of counters and faults: `GET /v1/users/{user_id}`. */
  name: string;
  access: RouteAccess;
  unversioned: boolean;
  handler: Handler;
  segments: readonly string[];
  literalCount: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export type MatchResult = { kind: 'found'; match: RouteMatch } | { kind: 'method_not_allowed' } | { kind: 'not_found' };

const PARAM = /^\{([a-z_][a-z0-9_]*)\}$/i;

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export class Router {
  readonly #routes: Route[] = [];

  on(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
    const upper = method.toUpperCase();
    const segments = splitPath(path);
    const unversioned = options.unversioned ?? false;
    const name = `${upper} ${unversioned ? path : `/v1${path}`}`;
    if (this.#routes.some((r) => r.name === name)) throw new Error(`Route registered twice: ${name}`);
    this.#routes.push({
      method: upper,
      path,
      name,
      access: options.access ?? 'secret_key',
      unversioned,
      handler,
      segments,
      literalCount: segments.filter((s) => !PARAM.test(s)).length,
    });
    return this;
  }

  get(path: string, handler: Handler, options?: RouteOptions): this {
    return this.on('GET', path, handler, options);
  }
  post(path: string, handler: Handler, options?: RouteOptions): this {
    return this.on('POST', path, handler, options);
  }
  patch(path: string, handler: Handler, options?: RouteOptions): this {
    return this.on('PATCH', path, handler, options);
  }
  put(path: string, handler: Handler, options?: RouteOptions): this {
    return this.on('PUT', path, handler, options);
  }
  delete(path: string, handler: Handler, options?: RouteOptions): this {
    return this.on('DELETE', path, handler, options);
  }

  get routes(): readonly Route[] {
    return this.#routes;
  }

  match(method: string, pathname: string): MatchResult {
    const raw = splitPath(pathname);
    let best: RouteMatch | undefined;
    let pathMatched = false;
    for (const route of this.#routes) {
      const candidates: string[][] = [raw];
      if (!route.unversioned && raw[0] === 'v1') candidates.push(raw.slice(1));
      for (const segs of candidates) {
        if (route.unversioned && segs !== raw) continue;
        const params = matchSegments(route.segments, segs);
        if (!params) continue;
        pathMatched = true;
        if (route.method !== method.toUpperCase() && !(method.toUpperCase() === 'HEAD' && route.method === 'GET')) {
          continue;
        }
        if (!best || route.literalCount > best.route.literalCount) best = { route, params };
      }
    }
    if (best) return { kind: 'found', match: best };
    return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
  }
}

function matchSegments(template: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const a = actual[i]!;
    const param = PARAM.exec(t);
    if (param) {
      let value: string;
      try {
        value = decodeURIComponent(a);
      } catch {
        return undefined;
      }
      params[param[1]!] = value;
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}
