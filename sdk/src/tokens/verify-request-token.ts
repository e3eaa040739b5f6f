import { SpanName } from '@authlens/otel';
import type { MachineAuthState, MachineTokenType, TokenType, VerifiedAuthState } from '../auth-state.js';
import { hasOpaquePrefix, opaqueTokenType } from '../backend-api/opaque-token-format.js';
import { instruments } from '../telemetry/instruments.js';
import { authlensTracer, tracingRegistered } from '../telemetry/tracer.js';
import {
  finishVerification,
  jwksCacheResult,
  newVerificationFacts,
  noteJwtFacts,
  type VerificationFacts,
} from '../telemetry/verification-span.js';
import { isTokenVerificationError, TokenVerificationError } from '../token-verification-error.js';
import { classifyToken, jwtTokenType } from './detect-token-type.js';
import { JwksCache } from './jwks-cache.js';
import { skewOf } from './jwt-policy.js';
import type { MachineTokenCache } from './machine-token-cache.js';
import type { ParsedJws } from './parse-compact-jws.js';
import { verifyMachineJwt } from './verify-machine-jwt.js';
import { resolveKeySource, type VerifySessionTokenOptions, verifySessionToken } from './verify-session-token.js';

export type VerifyMachineToken = (token: string, type: MachineTokenType) => Promise<MachineAuthState>;

export type AcceptsToken = TokenType | readonly TokenType[] | 'any';

export interface VerifyRequestTokenOptions extends VerifySessionTokenOptions {
  /** Verifies machine tokens through the Backend API (the backend-api client's `verifyMachineToken`). */
  verifyMachineToken?: VerifyMachineToken;
  /** Token types worth verifying; another type is refused before any work. Default `'any'`. */
  acceptsToken?: AcceptsToken;
  /**
   * Remembers the Backend API's verdicts on opaque machine tokens for a short while (one per instance, shared by its
   * requests). Without it every opaque token is sent to the Backend API.
   */
  machineTokenCache?: MachineTokenCache;
}

export function isTokenTypeAccepted(type: TokenType, accepts: AcceptsToken = 'any'): boolean {
  if (accepts === 'any') return true;
  return typeof accepts === 'string' ? accepts === type : accepts.includes(type);
}

/** The Backend API looked at the token and refused it (vs. could not be asked). */
function isRefusal(error: unknown): boolean {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  return code === 'ERR_MACHINE_TOKEN_INVALID' || status === 404;
}

/** The Backend API client kept the call back to leave the rest of the window to signed-in users' calls. */
function isBudgetReserved(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_BACKEND_API_BUDGET_RESERVED';
}

/**
 * The token's type, from the verified-token cache when it is there (the warm
 * path decodes nothing), else by decoding it once for both classification and
 * verification.
 */
function classify(
  token: string,
  options: VerifyRequestTokenOptions,
  facts: VerificationFacts,
): { type: TokenType; parsed: ParsedJws | null } {
  if (options.jwtKey || options.jwks) {
    const cached = resolveKeySource(options).verifiedTokens.get(token);
    if (cached) {
      facts.cacheHit = true;
      noteJwtFacts(facts, cached.header, cached.payload);
      return { type: jwtTokenType(cached.header, cached.payload), parsed: null };
    }
  }
  const classified = classifyToken(token);
  if (classified.parsed) noteJwtFacts(facts, classified.parsed.header, classified.parsed.payload);
  return classified;
}

async function verifyMachine(token: string, type: MachineTokenType, verify: VerifyMachineToken | undefined) {
  if (!verify) {
    throw new TokenVerificationError(
      'machine_token_unverified',
      `A ${type} needs the Backend API to be verified, and none is configured.`,
    );
  }
  let state: MachineAuthState;
  try {
    state = await verify(token, type);
  } catch (cause) {
    if (isTokenVerificationError(cause)) throw cause;
    if (isBudgetReserved(cause)) {
      throw new TokenVerificationError('budget_reserved', `The ${type} was not checked: the budget is reserved.`, {
        cause,
      });
    }
    if (isRefusal(cause)) {
      throw new TokenVerificationError('machine_token_invalid', `The Backend API refused the ${type}.`, { cause });
    }
    // Unreachable, timed out, rate limited, wrong secret key: no verdict on the token itself.
    throw new TokenVerificationError('machine_token_unverified', `The ${type} could not be verified.`, { cause });
  }
  if (state?.tokenType !== type) {
    throw new TokenVerificationError('machine_token_invalid', `The Backend API did not confirm a ${type}.`);
  }
  return state;
}

/**
 * Verifies whatever credential a request carries: session tokens locally,
 * JWT-format machine tokens (M2M, OAuth) locally when keys are configured,
 * opaque machine tokens (`mt_`, `oat_`, `ak_`) through the injected Backend
 * API verifier. Rejects with a
 * `TokenVerificationError` (reason `wrong_token_type` when the type is not
 * accepted, without verifying it). Traced as one `authlens.token.verify` span.
 */
export function verifyRequestToken(token: string, options: VerifyRequestTokenOptions): Promise<VerifiedAuthState> {
  // With neither a tracer nor a meter provider registered nothing would be recorded: no span, no timing.
  if (!tracingRegistered() && !instruments()) return verifyUntraced(token, options, newVerificationFacts());
  return authlensTracer().startActiveSpan(SpanName.tokenVerify, (span) => {
    const started = performance.now();
    const facts = newVerificationFacts();
    const jwks = options.jwtKey ? null : options.jwks instanceof JwksCache ? options.jwks : null;
    const loadsBefore = jwks?.loadCount ?? 0;
    const finish = (error: unknown) => {
      if (facts.jwks === null && facts.algorithm !== null && !facts.cacheHit) {
        if (options.jwtKey) facts.jwks = 'jwt_key';
        else if (jwks) facts.jwks = jwksCacheResult(loadsBefore, jwks.loadCount);
      }
      // A JWT's time claims were (or would have been) checked against this allowance.
      if (facts.algorithm !== null) facts.clockSkewMs = skewOf(options);
      finishVerification(span, facts, (performance.now() - started) / 1000, error);
      span.end();
    };
    return verifyUntraced(token, options, facts).then(
      (state) => {
        finish(null);
        return state;
      },
      (error: unknown) => {
        finish(error);
        throw error;
      },
    );
  });
}

async function verifyUntraced(
  token: string,
  options: VerifyRequestTokenOptions,
  facts: VerificationFacts,
): Promise<VerifiedAuthState> {
  const { type, parsed } = classify(token, options, facts);
  facts.tokenType = type;
  if (!isTokenTypeAccepted(type, options.acceptsToken)) {
    throw new TokenVerificationError('wrong_token_type', `A ${type} is not accepted here.`);
  }
  if (type === 'session_token') return verifySessionToken(token, options, parsed ?? undefined);
  const opaque = hasOpaquePrefix(token);
  if (opaque) return verifyOpaque(token, type as MachineTokenType, options, facts);
  if (type !== 'api_key' && (options.jwtKey || options.jwks)) {
    try {
      return await verifyMachineJwt(token, type, options, parsed ?? undefined);
    } catch (cause) {
      if (!isTokenVerificationError(cause) || cause.reason === 'key_unavailable' || cause.reason === 'invalid_key')
        throw cause;
      throw new TokenVerificationError('machine_token_invalid', `The ${type} JWT is not valid (${cause.reason}).`, {
        cause,
      });
    }
  }
  return verifyMachine(token, type, options.verifyMachineToken);
}

/**
 * An opaque machine token: its form first (no call for a token Clerk cannot have issued), then the cache of recent
 * verdicts, and only then the Backend API, whose verdict is remembered.
 */
async function verifyOpaque(
  token: string,
  type: MachineTokenType,
  options: VerifyRequestTokenOptions,
  facts: VerificationFacts,
): Promise<MachineAuthState> {
  if (opaqueTokenType(token) !== type) {
    throw new TokenVerificationError('machine_token_malformed', `The ${type} is not of the form Clerk issues.`);
  }
  const cache = options.machineTokenCache;
  if (!cache) return verifyMachine(token, type, options.verifyMachineToken);
  const known = await cache.lookup(token);
  if (known.kind === 'refused') {
    throw new TokenVerificationError('refused_recently', `The Backend API refused this ${type} moments ago.`);
  }
  if (known.kind === 'verified' && known.state.tokenType === type) {
    facts.cacheHit = true;
    return known.state;
  }
  if (known.kind !== 'unknown') return verifyMachine(token, type, options.verifyMachineToken);
  // Another server may be asking about this very token right now (a shared store): its verdict costs no call.
  const other = await cache.awaitOtherServer(known.key);
  if (other?.kind === 'refused') {
    throw new TokenVerificationError('refused_recently', `The Backend API refused this ${type} moments ago.`);
  }
  if (other?.kind === 'verified' && other.state.tokenType === type) {
    facts.cacheHit = true;
    return other.state;
  }
  try {
    const state = await verifyMachine(token, type, options.verifyMachineToken);
    await cache.rememberVerified(known.key, state);
    return state;
  } catch (error) {
    // Only the API's verdict on the token is remembered; a failure to ask (down, rate limited, reserve) is not one.
    if (isTokenVerificationError(error) && error.reason === 'machine_token_invalid')
      await cache.rememberRefused(known.key);
    throw error;
  } finally {
    if (other === null) await cache.release(known.key);
  }
}
