/** The dashboard's two views: the list, and the list with one request open (`/requests/<trace id or request id>`). */
export type Route = { view: 'list' } | { view: 'request'; id: string };

export function routeFromPath(pathname: string): Route {
  const match = /^\/requests\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { view: 'list' };
  try {
    return { view: 'request', id: decodeURIComponent(match[1]!) };
  } catch {
    return { view: 'list' };
  }
}

export function pathFromRoute(route: Route): string {
  return route.view === 'request' ? `/requests/${encodeURIComponent(route.id)}` : '/';
}
