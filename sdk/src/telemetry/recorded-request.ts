/**
 * What the auth spans record of one request: the facts the middleware established, which the handoff carries to the
 * render. Telemetry declares the shape it reads, in the contract's words, so it needs no type from the layers above;
 * the handoff state and the render's request state satisfy it as they are.
 */
import type { RequestKind } from '@authlens/otel';
import type { TokenSource, TokenType, VerifiedAuthState } from '../auth-state.js';

export interface RecordedRequest {
  /** The per-request id the handoff is signed with: it joins the middleware's spans and the render's. */
  requestId: string;
  kind: RequestKind;
  tokenSource: TokenSource;
  /** The presented credential's type, even when it failed verification; null when none was sent. */
  tokenType: TokenType | null;
  /** The verified caller; null when signed out. */
  auth: VerifiedAuthState | null;
  /** Why `auth` is null (`no_token`, a verification reason, …); null when verified. */
  reason: string | null;
  /** The middleware span's W3C `traceparent`, which the render's spans link to (absent when not traced). */
  traceParent?: string | null;
}
