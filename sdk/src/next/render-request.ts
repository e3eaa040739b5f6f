/**
 * The request the render is serving, as Next itself knows it — never from request headers, which a client controls
 * on routes the middleware does not cover. Next keeps the path and search in its request store (Next 15 and 16:
 * `workUnitAsyncStorage`, `url.pathname`/`url.search`, the rewritten path after a middleware rewrite). It keeps no
 * method there; its action store says when a Server Action (or a form / `next-action` POST to a Route Handler) is
 * running, which is a POST. Elsewhere the method is unknown (null) and the binding is path and search.
 */
import { actionAsyncStorage } from 'next/dist/server/app-render/action-async-storage.external.js';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external.js';
import type { HandoffRequest } from './handoff/request-binding.js';

export interface RenderRequest {
  /** Next's store of this request: stable for the request, so per-request results can be kept against it. */
  store: object;
  request: HandoffRequest;
}

/** This render's request; null outside one (no request store, or a prerender). */
export function renderRequest(): RenderRequest | null {
  const store = workUnitAsyncStorage.getStore();
  if (store?.type !== 'request') return null;
  const method = actionAsyncStorage.getStore()?.isAction === true ? 'POST' : null;
  return { store, request: { method, path: store.url.pathname, search: store.url.search } };
}
