import { TokenVerificationError } from '../token-verification-error.js';
import { isAsciiWithoutPlusOrSlash, strictBase64UrlToBytes, strictBase64UrlToUtf8 } from './base64url.js';

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
  /** The decoded signature. */
  signature: Uint8Array;
}

function malformed(message: string, cause?: unknown): TokenVerificationError {
  return new TokenVerificationError('malformed', message, cause === undefined ? undefined : { cause });
}

function decodeJsonObject(segment: string, part: 'header' | 'payload', checked = false): Record<string, unknown> {
  const text = strictBase64UrlToUtf8(segment, checked);
  if (text === null) throw malformed(`The token's ${part} is not base64url.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw malformed(`The token's ${part} is not valid JSON.`, cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token's ${part} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function checkHeader(header: Record<string, unknown>): JwsHeader {
  if (typeof header.alg !== 'string' || header.alg.length === 0) throw malformed('The token header has no "alg".');
  if (header.kid !== undefined && typeof header.kid !== 'string')
    throw malformed('The token header "kid" is not a string.');
  if (header.typ !== undefined && typeof header.typ !== 'string')
    throw malformed('The token header "typ" is not a string.');
  if (header.cat !== undefined && typeof header.cat !== 'string')
    throw malformed('The token header "cat" is not a string.');
  // RFC 7515 §4.1.11: a recipient must reject extensions it does not understand; we understand none.
  if (header.crit !== undefined) throw malformed('The token header asks for critical extensions, none are supported.');
  return Object.freeze(header) as JwsHeader;
}

// An issuer signs every token with the same few headers (one per key): decode
// each once. Only well-formed headers are kept, and the map is bounded.
const headers = new Map<string, JwsHeader>();
const MAX_CACHED_HEADERS = 64;
// The header seen last: consecutive tokens almost always share it. Compared as a
// slice with `===` rather than with `startsWith`, the cheaper of the two
// (docs/performance.md).
let lastSegment = '';
let lastHeader: JwsHeader | undefined;

function parseHeader(token: string, end: number): JwsHeader {
  const segment = token.slice(0, end);
  if (lastHeader !== undefined && segment === lastSegment) return lastHeader;
  let header = headers.get(segment);
  if (header === undefined) {
    header = checkHeader(decodeJsonObject(segment, 'header', true));
    if (headers.size >= MAX_CACHED_HEADERS) headers.clear();
    headers.set(segment, header);
  }
  lastSegment = segment;
  lastHeader = header;
  return header;
}

/**
 * Splits and decodes a compact JWS strictly: three non-empty, canonical
 * unpadded base64url segments (ASCII only, zero spare bits: one string per
 * signed token; no JWE, no unsigned JWT, no whitespace), a JSON object
 * header with a string `alg` and no `crit`, and a JSON object payload. It
 * checks form only: the signature and the claims are the verifier's job. The
 * returned header is frozen and shared.
 */
export function parseCompactJws(token: unknown): ParsedJws {
  if (typeof token !== 'string' || token.length === 0) throw malformed('The token is empty or not a string.');
  if (token.length > MAX_TOKEN_LENGTH) throw malformed('The token is longer than any session token can be.');
  // Split at the first two dots, found with indexOf (docs/performance.md).
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (firstDot <= 0 || secondDot - firstDot < 2 || secondDot === token.length - 1) {
    throw malformed('The token is not a compact JWS (three non-empty segments separated by dots).');
  }
  // What Node's base64url decoder reads silently (`+`, `/`, non-ASCII code units): look once, in the whole token.
  if (!isAsciiWithoutPlusOrSlash(token)) throw malformed('The token is not base64url (non-ASCII, "+" or "/").');
  const header = parseHeader(token, firstDot);
  const payload = decodeJsonObject(token.slice(firstDot + 1, secondDot), 'payload', true);
  // A further dot (four or more segments, a JWE) fails the signature's strict decoding.
  const signature = strictBase64UrlToBytes(token.slice(secondDot + 1), true);
  if (signature === null) throw malformed("The token's signature is not base64url.");
  return { header, payload, signingInput: token.slice(0, secondDot), signature };
}

/** Decodes without throwing, for classification only (never for trust). */
export function peekCompactJws(token: string): ParsedJws | null {
  try {
    return parseCompactJws(token);
  } catch {
    return null;
  }
}
