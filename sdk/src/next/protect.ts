/**
 * `auth.protect(params?, options?)`, shared by the render and the middleware:
 * resolve the auth object for the accepted token type(s), ask `decideProtect`,
 * then apply its outcome (redirect / notFound / 401), or return the object.
 */
import { SpanName } from '@authlens/otel';
import type { AnyAuthObject } from '../any-auth-object.js';
import type { ProtectDecision } from '../protect-decision.js';
import { recordProtect } from '../telemetry/protect-span.js';
import { failSpan } from '../telemetry/span-status.js';
import { authlensTracer } from '../telemetry/tracer.js';
import type {
  AcceptsToken,
  AuthorizationCondition,
  AuthProtect,
  AuthProtectOptions,
  CheckAuthorizationParams,
  HasParams,
} from '../types.js';
import { type AuthObjectDeps, type RequestAuthState, resolveAuthObject } from './auth-objects.js';
import { controlFlowOf, throwNotFound, throwRedirect, throwUnauthorized } from './control-flow.js';
import { decideProtect } from './decide-protect.js';
import { authPageUrl, checkedRedirectTarget, type RedirectContext } from './redirect-targets.js';
import type { RequestKind } from './request-kind.js';

export interface ProtectContext {
  request: RequestAuthState & { kind: RequestKind };
  redirect: RedirectContext;
  deps: AuthObjectDeps;
}

const AUTHORIZATION_KEYS = ['role', 'permission', 'feature', 'plan', 'reverification'] as const;

/** The authorization part of protect's first argument: a condition, or only the `has()` keys (options excluded). */
export function authorizationOf(arg: unknown): HasParams | AuthorizationCondition | null {
  if (typeof arg === 'function') return arg as AuthorizationCondition;
  if (!arg || typeof arg !== 'object') return null;
  const params: HasParams = {};
  let any = false;
  for (const key of AUTHORIZATION_KEYS) {
    const value = (arg as Record<string, unknown>)[key];
    if (value !== undefined) {
      (params as Record<string, unknown>)[key] = value;
      any = true;
    }
  }
  return any ? params : null;
}

/** Options may come in either argument (`auth.protect({ token: 'm2m_token' })`); the first one given wins, as in Clerk. */
export function protectOptionsOf(first: unknown, second: unknown): AuthProtectOptions {
  const a = (typeof first === 'object' && first ? first : {}) as AuthProtectOptions;
  const b = (typeof second === 'object' && second ? second : {}) as AuthProtectOptions;
  return {
    token: a.token ?? b.token,
    unauthenticatedUrl: a.unauthenticatedUrl || b.unauthenticatedUrl,
    unauthorizedUrl: a.unauthorizedUrl || b.unauthorizedUrl,
    treatPendingAsSignedOut: a.treatPendingAsSignedOut ?? b.treatPendingAsSignedOut,
  };
}

/** Throws what the decision says (never returns for a non-allowed outcome). */
export function enforceProtectDecision(decision: ProtectDecision, ctx: RedirectContext): void {
  if (decision.outcome === 'allowed') return;
  if (decision.outcome === 'not_found') throwNotFound();
  if (decision.outcome === 'unauthorized') throwUnauthorized();
  throwRedirect(
    decision.outcome === 'redirect_sign_in'
      ? authPageUrl('sign-in', ctx)
      : checkedRedirectTarget(
          decision.url!,
          ctx,
          decision.outcome === 'redirect_unauthorized_url' ? 'unauthorizedUrl' : 'unauthenticatedUrl',
        ),
  );
}

export interface ProtectEvaluation {
  authObject: AnyAuthObject;
  decision: ProtectDecision;
}

/** The decision for one protect call, without applying it. */
export function evaluateProtect(ctx: ProtectContext, first?: unknown, second?: unknown): ProtectEvaluation {
  const options = protectOptionsOf(first, second);
  const accepts: AcceptsToken = options.token ?? 'session_token';
  const treatPendingAsSignedOut = options.treatPendingAsSignedOut ?? false;
  const authObject = resolveAuthObject(ctx.request, { acceptsToken: accepts, treatPendingAsSignedOut }, ctx.deps);
  const check = authorizationOf(first);
  let authorized: boolean | null = null;
  if (check && authObject.tokenType === 'session_token' && authObject.isAuthenticated) {
    authorized =
      typeof check === 'function' ? check(authObject.has) : authObject.has(check as CheckAuthorizationParams);
  }
  const sessionStatus = authObject.tokenType === 'session_token' ? authObject.sessionStatus : null;
  const decision = decideProtect({
    kind: ctx.request.kind,
    accepts,
    tokenType: authObject.tokenType,
    isAuthenticated: authObject.isAuthenticated,
    sessionStatus,
    treatPendingAsSignedOut,
    authorized,
    unauthenticatedUrl: options.unauthenticatedUrl,
    unauthorizedUrl: options.unauthorizedUrl,
  });
  return { authObject, decision };
}

export function createProtect(load: () => Promise<ProtectContext>): AuthProtect {
  return (async (first?: unknown, second?: unknown) =>
    authlensTracer().startActiveSpan(SpanName.protect, async (span) => {
      try {
        const ctx = await load();
        const { authObject, decision } = evaluateProtect(ctx, first, second);
        const options = protectOptionsOf(first, second);
        const call = {
          authorization: authorizationOf(first),
          accepts: options.token,
          treatPendingAsSignedOut: options.treatPendingAsSignedOut ?? false,
        };
        try {
          enforceProtectDecision(decision, ctx.redirect);
        } catch (flow) {
          const control = controlFlowOf(flow);
          const redirect = control?.type === 'redirect' ? control : null;
          recordProtect(span, ctx.request, call, authObject, decision, redirect?.status ?? null, redirect?.url ?? null);
          throw flow;
        }
        recordProtect(span, ctx.request, call, authObject, decision, null);
        return authObject;
      } catch (error) {
        // A redirect / 404 / 401 is the decision (recorded above), not a failure.
        if (!controlFlowOf(error)) failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    })) as AuthProtect;
}
