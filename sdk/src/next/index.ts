// Internal barrel of the Next.js integration (not the public API: see server.ts). Telemetry instruments these.

export { acceptsType } from '../accepts-token.js';
export type { AnyAuthObject } from '../any-auth-object.js';
export type { ProtectDecision, ProtectOutcome, ProtectReason } from '../protect-decision.js';
export { auth } from './auth.js';
export { type RequestAuthState, resolveAuthObject } from './auth-objects.js';
export { clerkMiddleware } from './clerk-middleware.js';
export { type ControlFlow, controlFlowOf } from './control-flow.js';
export { createRouteMatcher } from './create-route-matcher.js';
export { currentUser } from './current-user.js';
export { decideProtect, type ProtectInput } from './decide-protect.js';
export { HANDOFF_HEADER, HANDOFF_HEADER_PREFIX, type HandoffState } from './handoff/handoff-state.js';
export { evaluateProtect, type ProtectEvaluation } from './protect.js';
export { type Deduped, dedupeInRequest } from './request-cache.js';
export { type RequestKind, requestKind } from './request-kind.js';
