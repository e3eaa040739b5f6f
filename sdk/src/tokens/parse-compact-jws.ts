import { base64UrlToUtf8 } from './base64url.js';
import { TokenVerificationError } from './errors.js';

/** Generous for a JWT in a cookie or header, small enough to refuse abuse early. */
export const MAX_TOKEN_LENGTH = 32 * 1024;

export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  /** Clerk's JWT category (session token, JWT template, M2M…). */
  cat?: string;
  [name: string]: unknown;
}

export interface ParsedJws {
  header: JwsHeader;
  payload: Record<string, unknown>;
  /** `base64url(header) "." base64url(payload)`: the bytes the signature covers. */
  signingInput: string;
  /** The signature, still base64url-encoded; the key's runtime decodes it. */
  signature: string;
}

// Three non-empty base64url segments, nothing else: no padding, no whitespace,
// no `+`/`/`, no JWE (five segments), no unsigned JWT (empty signature).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function malformed(message: string, cause?: unknown): TokenVerificationError {
  return new TokenVerificationError('malformed', message, cause === undefined ? undefined : { cause });
}

function decodeJsonObject(segment: string, part: 'header' | 'payload'): Record<string, unknown> {
  // A length of 1 mod 4 cannot be produced by base64url encoding.
  if (segment.length % 4 === 1) throw malformed(`The token's ${part} is not valid base64url.`);
  let value: unknown;
  try {
    value = JSON.parse(base64UrlToUtf8(segment));
  } catch (cause) {
    throw malformed(`The token's ${part} is not valid JSON.`, cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token's ${part} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Splits and decodes a compact JWS strictly. It checks form only: the
 * signature and the claims are checked by the verifier.
 */
export function parseCompactJws(token: unknown): ParsedJws {
  if (typeof token !== 'string' || token.length === 0) throw malformed('The token is empty or not a string.');
  if (token.length > MAX_TOKEN_LENGTH) throw malformed('The token is longer than any session token can be.');
  if (!COMPACT_JWS.test(token)) {
    throw malformed('The token is not a compact JWS (three base64url segments separated by dots).');
  }
  const firstDot = token.indexOf('.');
  const lastDot = token.lastIndexOf('.');
  const header = decodeJsonObject(token.slice(0, firstDot), 'header');
  const payload = decodeJsonObject(token.slice(firstDot + 1, lastDot), 'payload');
  const signature = token.slice(lastDot + 1);
  if (signature.length % 4 === 1) throw malformed("The token's signature is not valid base64url.");

  if (typeof header.alg !== 'string' || header.alg.length === 0) throw malformed('The token header has no "alg".');
  if (header.kid !== undefined && typeof header.kid !== 'string')
    throw malformed('The token header "kid" is not a string.');
  if (header.typ !== undefined && typeof header.typ !== 'string')
    throw malformed('The token header "typ" is not a string.');
  if (header.cat !== undefined && typeof header.cat !== 'string')
    throw malformed('The token header "cat" is not a string.');
  // RFC 7515 §4.1.11: a recipient must reject extensions it does not understand; we understand none.
  if (header.crit !== undefined) throw malformed('The token header asks for critical extensions, none are supported.');

  return { header: header as JwsHeader, payload, signingInput: token.slice(0, lastDot), signature };
}

/** Decodes without throwing, for classification only (never for trust). */
export function peekCompactJws(token: string): ParsedJws | null {
  try {
    return parseCompactJws(token);
  } catch {
    return null;
  }
}
