import { SpanName } from '@authlens/otel';
import { createBackendApiClient } from '../backend-api/index.js';
import { checkClockSkew, InvalidConfigError } from '../config.js';
import { instruments } from '../telemetry/instruments.js';
import { authlensTracer, tracingRegistered } from '../telemetry/tracer.js';
import {
  finishVerification,
  jwksCacheResult,
  newVerificationFacts,
  noteJwtFacts,
} from '../telemetry/verification-span.js';
import { isTokenVerificationError, TokenVerificationError } from '../token-verification-error.js';
import { jwtTokenType } from './detect-token-type.js';
import { JwksCache } from './jwks-cache.js';
import { type JwtPolicy, skewOf } from './jwt-policy.js';
import { type KeySource, pemKeySource } from './key-source.js';
import { JWT_CATEGORY_M2M_TOKEN } from './token-category.js';
import { JWT_TYPES, type JwtPayload, type VerifiedJwt, verifyJwt } from './verify-jwt.js';

/** @clerk/backend's `VerifyTokenOptions` (the parts that verify a token). */
export interface VerifyTokenOptions {
  /** PEM public key: networkless verification. */
  jwtKey?: string;
  /** Secret key: keys come from the Backend API's JWKS, cached. */
  secretKey?: string;
  /** Default `https://api.clerk.com`. */
  apiUrl?: string;
  /** Default `v1`. */
  apiVersion?: string;
  authorizedParties?: string[];
  audience?: string | string[];
  issuer?: string | string[];
  /** Default 5000; from 0 to 300000 (5 minutes), else the call rejects with `ERR_INVALID_CONFIG`. */
  clockSkewInMs?: number;
  /** Fetch the JWKS before this verification even if cached. */
  skipJwksCache?: boolean;
  /** Accepted for compatibility; a no-op, as in @clerk/backend. */
  jwksCacheTtlInMs?: number;
  /** Accepted header `typ` values; when set, a token must carry one of them. Default: `JWT`, or no `typ`. */
  headerType?: string | string[];
}

export type VerifyTokenResult =
  | { data: JwtPayload; errors?: undefined }
  | { data?: undefined; errors: [TokenVerificationError] };

// One cache per Backend API identity, as @clerk/backend scopes its JWKS cache.
const jwksCaches = new Map<string, JwksCache>();
const MAX_JWKS_CACHES = 8;

const DEFAULT_API_URL = 'https://api.clerk.com';
const DEFAULT_API_VERSION = 'v1';

/** `GET {apiUrl}/{apiVersion}/jwks` through the SDK's Backend API client (rate limits, retries, telemetry). */
function jwksLoader(secretKey: string, apiUrl: string, apiVersion: string) {
  const client = createBackendApiClient({ secretKey, apiUrl, apiVersion: apiVersion as 'v1' });
  return () => client.loadJwks();
}

function jwksCacheFor(options: VerifyTokenOptions & { secretKey: string }): JwksCache {
  const apiUrl = options.apiUrl ?? DEFAULT_API_URL;
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const scope = `${apiUrl}|${apiVersion}|${options.secretKey}`;
  let cache = jwksCaches.get(scope);
  if (!cache) {
    cache = new JwksCache({ loadJwks: jwksLoader(options.secretKey, apiUrl, apiVersion) });
    if (jwksCaches.size >= MAX_JWKS_CACHES) jwksCaches.delete(jwksCaches.keys().next().value as string);
    jwksCaches.set(scope, cache);
  }
  return cache;
}

function keySourceFor(options: VerifyTokenOptions): KeySource {
  if (options.jwtKey) return pemKeySource(options.jwtKey);
  if (options.secretKey) {
    if (options.skipJwksCache) {
      // A fresh cache: the JWKS is fetched for this verification only.
      return new JwksCache({
        loadJwks: jwksLoader(
          options.secretKey,
          options.apiUrl ?? DEFAULT_API_URL,
          options.apiVersion ?? DEFAULT_API_VERSION,
        ),
        maxCachedTokens: 0,
      });
    }
    return jwksCacheFor({ ...options, secretKey: options.secretKey });
  }
  throw new TokenVerificationError(
    'key_unavailable',
    'Set jwtKey (CLERK_JWT_KEY) or secretKey (CLERK_SECRET_KEY) to verify tokens.',
  );
}

function headerTypesOf(options: VerifyTokenOptions): readonly string[] {
  const { headerType } = options;
  if (headerType === undefined) return JWT_TYPES;
  return typeof headerType === 'string' ? [headerType] : headerType;
}

function asError(error: unknown): TokenVerificationError {
  if (isTokenVerificationError(error)) return error;
  return new TokenVerificationError('verification_failed', 'The token could not be verified.', { cause: error });
}

/**
 * Verifies a Clerk-issued JWT (session token or JWT-template token) the way
 * @clerk/backend's exported `verifyToken` does: networkless with `jwtKey`,
 * else with the Backend API's JWKS (cached). Resolves with the payload;
 * rejects with a `TokenVerificationError` (the exported @clerk/backend
 * function unwraps its `{ data, errors }` the same way).
 */
export function verifyToken(token: string, options: VerifyTokenOptions = {}): Promise<JwtPayload> {
  // An unusable option is the caller's error, not the token's: ERR_INVALID_CONFIG (Hardening finding 10).
  if (options.clockSkewInMs !== undefined) {
    try {
      checkClockSkew(options.clockSkewInMs);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  // Not `async`: a cached token resolves without an extra await (docs/performance.md). Traced as
  // `authlens.token.verify` (not made the active span: the warm path stays free of context switches).
  // With no SDK registered there is nothing to record: skip even the no-op span.
  if (!tracingRegistered() && !instruments()) return verifyUntraced(token, options);
  const span = authlensTracer().startSpan(SpanName.tokenVerify);
  if (!span.isRecording() && !instruments()) return verifyUntraced(token, options);
  const started = performance.now();
  const facts = newVerificationFacts();
  let jwks: JwksCache | null = null;
  let loadsBefore = 0;
  const done = (verified: VerifiedJwt | null, error: unknown) => {
    if (verified) noteJwtFacts(facts, verified.header, verified.payload);
    if (!facts.cacheHit && verified) facts.jwks = jwks ? jwksCacheResult(loadsBefore, jwks.loadCount) : 'jwt_key';
    if (facts.algorithm !== null) facts.clockSkewMs = skewOf(options);
    finishVerification(span, facts, (performance.now() - started) / 1000, error);
    span.end();
  };
  const fail = (error: unknown): never => {
    const rejected = asError(error);
    done(null, rejected);
    throw rejected;
  };
  const succeed = (verified: VerifiedJwt): JwtPayload => {
    let payload: JwtPayload;
    try {
      payload = payloadOf(verified);
    } catch (error) {
      return fail(error);
    }
    done(verified, null);
    return payload;
  };
  try {
    const source = keySourceFor(options);
    if (source instanceof JwksCache) {
      jwks = source;
      loadsBefore = source.loadCount;
    }
    facts.cacheHit = typeof token === 'string' && source.verifiedTokens.get(token) !== undefined;
    const verified = verifyJwt(token, source, options as JwtPolicy, headerTypesOf(options));
    return 'then' in verified ? verified.then(succeed, fail) : Promise.resolve(succeed(verified));
  } catch (error) {
    try {
      return fail(error);
    } catch (rejected) {
      return Promise.reject(rejected);
    }
  }
}

/** The same verification, without telemetry (no SDK registered: nothing to record). */
function verifyUntraced(token: string, options: VerifyTokenOptions): Promise<JwtPayload> {
  try {
    const verified = verifyJwt(token, keySourceFor(options), options as JwtPolicy, headerTypesOf(options));
    return 'then' in verified ? verified.then(payloadOf, rejectAs) : Promise.resolve(payloadOf(verified));
  } catch (error) {
    return Promise.reject(asError(error));
  }
}

function rejectAs(error: unknown): never {
  throw asError(error);
}

function payloadOf(verified: VerifiedJwt): JwtPayload {
  if (verified.header.cat === JWT_CATEGORY_M2M_TOKEN) {
    throw new TokenVerificationError('wrong_token_type', 'The token is an M2M token, not a session token.');
  }
  // A machine JWT (`sub` `mch_…`, or `typ` `at+jwt`) is no session token, whatever `headerType` allows: @clerk/backend's
  // verifyToken lets a `mch_` subject through, its request authentication refuses both (Hardening finding 2).
  const type = jwtTokenType(verified.header, verified.payload);
  if (type !== 'session_token') {
    throw new TokenVerificationError('wrong_token_type', `The token is a machine JWT (${type}), not a session token.`);
  }
  // A copy: callers may change it (as they can with Clerk's); the cached payload stays intact.
  return { ...verified.payload } as JwtPayload;
}

/**
 * The same verification with Clerk's documented `JwtReturnType` result:
 * `{ data }` or `{ errors: [TokenVerificationError] }`. Never throws for a
 * token; an unusable option (`clockSkewInMs` outside 0–5 min) rejects with
 * `InvalidConfigError`.
 */
export async function verifyTokenResult(token: string, options: VerifyTokenOptions = {}): Promise<VerifyTokenResult> {
  try {
    return { data: await verifyToken(token, options) };
  } catch (error) {
    // A misconfiguration is no verdict on the token: it rejects, as from verifyToken().
    if (error instanceof InvalidConfigError) throw error;
    return { errors: [asError(error)] };
  }
}
