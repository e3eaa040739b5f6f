/** The span names authlens emits. Span names are low-cardinality: ids and paths go in attributes, never here. */
export const SpanName = {
  middleware: 'authlens.middleware',
  tokenVerify: 'authlens.token.verify',
  auth: 'authlens.auth',
  protect: 'authlens.protect',
  redirect: 'authlens.redirect',
  currentUser: 'authlens.current_user',
  backendRequest: 'authlens.backend.request',
  getToken: 'authlens.get_token',
} as const;

export type SpanName = (typeof SpanName)[keyof typeof SpanName];

const spanNames: ReadonlySet<string> = new Set(Object.values(SpanName));

export function isAuthlensSpanName(name: unknown): name is SpanName {
  return typeof name === 'string' && spanNames.has(name);
}

/** Span events authlens adds: the shared store (Redis) stopped answering, or answered again. */
export const SpanEventName = {
  storeFallback: 'authlens.store.fallback',
  storeRecovered: 'authlens.store.recovered',
} as const;
