/**
 * What the middleware hands to the render for one request, and its compact
 * wire form (short keys; a verified session is carried as its token alone and
 * re-read from the token's claims, which the signature covers).
 */
import type { MachineAuthState, SessionAuthState, TokenSource, TokenType } from '../../auth-state.js';
import type { RequestKind } from '../request-kind.js';
import type { HandoffRequest } from './request-binding.js';

export const HANDOFF_HEADER = 'x-authlens-auth';
/** Every inbound header with this prefix is removed by the middleware before the render sees the request. */
export const HANDOFF_HEADER_PREFIX = 'x-authlens-';

export interface HandoffState {
  /** Random per-request id: the signature binds to it and request-scoped caches key on it. */
  requestId: string;
  /** Epoch ms when the middleware signed it. */
  issuedAt: number;
  /** The request URL the middleware saw (for `redirect_url`). */
  url: string;
  /** The request the render will serve (a rewrite's target): the render refuses the handoff on any other. */
  request: HandoffRequest & { method: string };
  /** The middleware's clock skew: the render re-checks the credential's expiry with it. */
  clockSkewInMs: number;
  kind: RequestKind;
  /** The presented credential, verified or not; null when none was sent. */
  token: string | null;
  tokenSource: TokenSource;
  /** The presented credential's type (by prefix/claims), even when it failed verification. */
  tokenType: TokenType | null;
  /** The verified caller; null when signed out or the credential failed. */
  auth: SessionAuthState | MachineAuthState | null;
  /** Why `auth` is null (a reason code such as 'no_token', 'expired', 'bad_signature'); null when verified. */
  reason: string | null;
  /** Redirect settings of the middleware, so the render's redirects agree with it. */
  signInUrl: string | null;
  signUpUrl: string | null;
  allowedRedirectOrigins: Array<string | RegExp>;
  /** The middleware span's W3C `traceparent`, so the render's spans can link to it (absent when not traced). */
  traceParent?: string | null;
  /**
   * The middleware's instance keys sealed with `CLERK_ENCRYPTION_KEY` (see instance-keys.ts), when it was given a
   * `secretKey`/`apiUrl` the render's environment does not have; absent otherwise.
   */
  sealedKeys?: string | null;
  /** The middleware's keys differ from the render's environment, and no `CLERK_ENCRYPTION_KEY` sealed them. */
  keysWithheld?: boolean;
}

/** The wire form: short keys. Session state is not sent; the render re-reads it from `t`. */
export interface HandoffWire {
  v: 1;
  id: string;
  iat: number;
  u: string;
  /** The bound request's method, path and canonical search. */
  rm: string;
  rp: string;
  rq: string;
  /** Clock skew, ms. */
  cs: number;
  k: RequestKind;
  t: string | null;
  ts: TokenSource;
  y: TokenType | null;
  /** 's' = verified session (state from `t`), 'm' = verified machine (state in `m`), absent = not verified. */
  a?: 's' | 'm';
  m?: MachineAuthState;
  r: string | null;
  si: string | null;
  su: string | null;
  /** Allowed redirect origins; a RegExp travels as [source, flags]. */
  ro: Array<string | [string, string]>;
  /** The middleware span's traceparent, when traced. */
  tp?: string;
  /** Sealed instance keys, when the middleware's differ from the render's environment. */
  ik?: string;
  /** 1 when the middleware's keys differ from the render's environment but could not be sealed. */
  kw?: 1;
}

export function toWire(state: HandoffState): HandoffWire {
  const wire: HandoffWire = {
    v: 1,
    id: state.requestId,
    iat: state.issuedAt,
    u: state.url,
    rm: state.request.method,
    rp: state.request.path,
    rq: state.request.search,
    cs: state.clockSkewInMs,
    k: state.kind,
    t: state.token,
    ts: state.tokenSource,
    y: state.tokenType,
    r: state.reason,
    si: state.signInUrl,
    su: state.signUpUrl,
    ro: state.allowedRedirectOrigins.map((o) => (o instanceof RegExp ? [o.source, o.flags] : o)),
  };
  if (state.traceParent) wire.tp = state.traceParent;
  if (state.sealedKeys) wire.ik = state.sealedKeys;
  else if (state.keysWithheld) wire.kw = 1;
  if (state.auth?.tokenType === 'session_token') wire.a = 's';
  else if (state.auth) {
    wire.a = 'm';
    wire.m = state.auth;
  }
  return wire;
}
