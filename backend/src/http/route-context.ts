import { ApiError } from './api-error.js';

/** What a handler receives: the Web request, its URL, the path parameters and helpers to read the body. */
export interface RouteContext {
  readonly req: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** The matched route's name, e.g. `GET /v1/users/{user_id}`. */
  readonly route: string;
  /** The bearer credential the request carried, if any. */
  readonly bearer: string | undefined;
  /** The body as a JSON object (`{}` when empty); 400 `malformed_request` when it is not a JSON object. */
  body(): Promise<Record<string, unknown>>;
  /** A path parameter that the route template guarantees. */
  param(name: string): string;
}

export function createRouteContext(
  req: Request,
  url: URL,
  route: string,
  params: Record<string, string>,
  bearer: string | undefined,
): RouteContext {
  let parsed: Promise<Record<string, unknown>> | undefined;
  return {
    req,
    url,
    params,
    route,
    bearer,
    body() {
      parsed ??= readJsonObject(req);
      return parsed;
    },
    param(name) {
      const value = params[name];
      if (value === undefined) throw new Error(`Route ${route} has no parameter ${name}`);
      return value;
    },
  };
}

async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'malformed_request', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'malformed_request', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
