export { assembleDecisions } from './assemble-decisions.js';
export { ATTRIBUTE_CATALOGUE, type AttributeSpec, type AttributeValueType } from './attribute-catalogue.js';
export { AttributeName } from './attribute-names.js';
export { type AuthlensProviders, authlensProviders, setAuthlensProviders } from './authlens-providers.js';
export {
  type BackendCall,
  type CurrentUserCall,
  DECISION_RECORD_FIELDS,
  type DecisionError,
  type DecisionRecord,
  type GetTokenCall,
  type MiddlewarePass,
  type ProtectCall,
  type Verification,
} from './decision-record.js';
export {
  type DecisionSpan,
  decisionSpanFromReadableSpan,
  hrTimeToMilliseconds,
  type ReadableSpanLike,
  SpanStatusCodeNumber,
} from './decision-span.js';
export { explainDecision } from './explain-decision.js';
export { INSTRUMENTATION_SCOPE } from './instrumentation-scope.js';
export {
  HANDSHAKE_FOLLOW_WINDOW_MS,
  HANDSHAKE_LOOP_REDIRECTS,
  HANDSHAKE_LOOP_WINDOW_MS,
  type HandshakeChain,
  type HandshakeChainStep,
  linkHandshakeChains,
  linkRedirectChains,
  REDIRECT_LOOP_VISITS,
  type RedirectChain,
  type RedirectChainStep,
} from './link-handshake-chains.js';
export { Metric, type MetricInstrument, type MetricName, type MetricSpec } from './metrics.js';
export { SPAN_CATALOGUE, type SpanSpec } from './span-catalogue.js';
export { isAuthlensSpanName, SpanEventName, SpanName } from './span-names.js';
export { CACHE_NAME_DESCRIPTIONS, CacheName } from './values/cache-name.js';
export { DEDUPE_RESULT_DESCRIPTIONS, DedupeResult } from './values/dedupe-result.js';
export { isValueOf, type ValuesOf } from './values/define-values.js';
export { JWKS_CACHE_RESULT_DESCRIPTIONS, JwksCacheResult } from './values/jwks-cache-result.js';
export { OUTCOME_DESCRIPTIONS, Outcome } from './values/outcome.js';
export { PENDING_POLICY_DESCRIPTIONS, PendingPolicy } from './values/pending-policy.js';
export { PROTECT_REQUIREMENT_KIND_DESCRIPTIONS, ProtectRequirementKind } from './values/protect-requirement-kind.js';
export { REASON_DESCRIPTIONS, Reason } from './values/reason.js';
export { REQUEST_KIND_DESCRIPTIONS, RequestKind } from './values/request-kind.js';
export { SESSION_STATUS_DESCRIPTIONS, SessionStatus } from './values/session-status.js';
export { TOKEN_SOURCE_DESCRIPTIONS, TokenSource } from './values/token-source.js';
export { TOKEN_TYPE_DESCRIPTIONS, TokenType } from './values/token-type.js';
export { VERIFICATION_RESULT_DESCRIPTIONS, VerificationResult } from './values/verification-result.js';
