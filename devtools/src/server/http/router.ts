import type { FetchHandler } from './node-handler.js';

export type RouteHandler = (
  request: Request,
  params: Readonly<Record<string, string>>,
  url: URL,
) => Response | Promise<Response>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A tiny router: `add('GET', '/api/requests/:id', handler)`. Paths match segment by segment (`:name` captures a
 * segment, percent-decoded); a known path with another method gets 405; anything else goes to `fallback`.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    this.#routes.push({ method, segments: path.split('/').filter(Boolean), handler });
    return this;
  }

  handler(fallback: RouteHandler): FetchHandler {
    return (request) => {
      const url = new URL(request.url);
      const segments = url.pathname.split('/').filter(Boolean);
      let pathMatched = false;
      for (const route of this.#routes) {
        const params = matchSegments(route.segments, segments);
        if (!params) continue;
        pathMatched = true;
        if (route.method === request.method || (route.method === 'GET' && request.method === 'HEAD')) {
          return route.handler(request, params, url);
        }
      }
      if (pathMatched) {
        return Response.json(
          { error: 'ERR_METHOD_NOT_ALLOWED', message: `${request.method} is not allowed on ${url.pathname}` },
          { status: 405 },
        );
      }
      return fallback(request, {}, url);
    };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const segment = actual[i]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}
