/** Per-call options every Backend API operation takes. */
export interface CallOptions {
  /** Stops waiting (and, unless the call is a shared GET, cancels it): `ERR_BACKEND_API_ABORTED`. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}

/** Copies the caller's per-call options onto a request, leaving absent ones out. */
export function withCallOptions<R extends object>(req: R, options: CallOptions | undefined): R & CallOptions {
  const out: R & CallOptions = { ...req };
  if (options?.signal) out.signal = options.signal;
  if (options?.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}
