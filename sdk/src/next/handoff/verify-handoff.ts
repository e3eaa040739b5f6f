/**
 * Reads the handoff in the render: verifies the signature, checks freshness,
 * rebuilds the state. Verified once per request: the result is cached under
 * the full header value (which includes the signature, so a forged value can
 * never hit), in a small bounded map whose entries expire.
 */
import type { MachineAuthState } from '../../auth-state.js';
import { base64UrlToUtf8 } from '../../tokens/base64url.js';
import { toSessionAuthState } from '../../tokens/session-auth-state.js';
import { HandoffInvalidError } from '../errors.js';
import type { HandoffKey } from './handoff-key.js';
import type { HandoffState, HandoffWire } from './handoff-state.js';

/** A render may call auth() long after the middleware ran (streaming), but not forever. */
export const HANDOFF_MAX_AGE_MS = 10 * 60 * 1000;
const FUTURE_TOLERANCE_MS = 60 * 1000;
const CACHE_MAX_ENTRIES = 512;
const CACHE_TTL_MS = 60 * 1000;

const KINDS = new Set(['document', 'api', 'server_action']);
const SOURCES = new Set(['cookie', 'header', 'none']);
const TOKEN_TYPES = new Set(['session_token', 'm2m_token', 'oauth_token', 'api_key']);

interface CacheEntry {
  state: Promise<HandoffState>;
  until: number;
}
const cache = new Map<string, CacheEntry>();

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function parseWire(json: string): HandoffWire {
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch {
    throw new HandoffInvalidError('malformed');
  }
  const w = wire as Partial<HandoffWire> | null;
  if (
    w?.v !== 1 ||
    typeof w.id !== 'string' ||
    typeof w.iat !== 'number' ||
    typeof w.u !== 'string' ||
    !KINDS.has(w.k as string) ||
    !isStringOrNull(w.t) ||
    !SOURCES.has(w.ts as string) ||
    !(w.y === null || TOKEN_TYPES.has(w.y as string)) ||
    !isStringOrNull(w.r) ||
    !isStringOrNull(w.si) ||
    !isStringOrNull(w.su) ||
    !Array.isArray(w.ro) ||
    (w.tp !== undefined && typeof w.tp !== 'string') ||
    (w.ik !== undefined && typeof w.ik !== 'string') ||
    (w.kw !== undefined && w.kw !== 1) ||
    (w.a !== undefined && w.a !== 's' && w.a !== 'm') ||
    (w.a === 's' && typeof w.t !== 'string') ||
    (w.a === 'm' && (typeof w.m !== 'object' || w.m === null))
  ) {
    throw new HandoffInvalidError('malformed');
  }
  return w as HandoffWire;
}

function sessionFromToken(token: string) {
  const payload = token.split('.')[1];
  if (!payload) throw new HandoffInvalidError('malformed');
  try {
    return toSessionAuthState(JSON.parse(base64UrlToUtf8(payload)));
  } catch {
    throw new HandoffInvalidError('malformed');
  }
}

async function verify(value: string, key: HandoffKey, now: number): Promise<HandoffState> {
  const dot = value.lastIndexOf('.');
  if (dot <= 0 || dot === value.length - 1) throw new HandoffInvalidError('malformed');
  const payload = value.slice(0, dot);
  if (!(await key.verify(payload, value.slice(dot + 1)))) throw new HandoffInvalidError('bad_signature');
  let json: string;
  try {
    json = base64UrlToUtf8(payload);
  } catch {
    throw new HandoffInvalidError('malformed');
  }
  const w = parseWire(json);
  if (now - w.iat > HANDOFF_MAX_AGE_MS || w.iat - now > FUTURE_TOLERANCE_MS) throw new HandoffInvalidError('stale');
  return {
    requestId: w.id,
    issuedAt: w.iat,
    url: w.u,
    kind: w.k,
    token: w.t,
    tokenSource: w.ts,
    tokenType: w.y,
    auth: w.a === 's' ? sessionFromToken(w.t!) : w.a === 'm' ? (w.m as MachineAuthState) : null,
    reason: w.r,
    signInUrl: w.si,
    signUpUrl: w.su,
    allowedRedirectOrigins: w.ro.map((o) => (Array.isArray(o) ? new RegExp(o[0], o[1]) : o)),
    traceParent: w.tp ?? null,
    sealedKeys: w.ik ?? null,
    keysWithheld: w.kw === 1,
  };
}

function sweep(now: number): void {
  for (const [k, entry] of cache) {
    if (entry.until > now && cache.size < CACHE_MAX_ENTRIES) break;
    cache.delete(k);
  }
}

/** The verified handoff for a header value (from cache when this request already verified it). */
export function verifyHandoff(value: string, key: HandoffKey, now: number = Date.now()): Promise<HandoffState> {
  const hit = cache.get(value);
  if (hit && hit.until > now) return hit.state;
  sweep(now);
  const state = verify(value, key, now);
  cache.set(value, { state, until: now + CACHE_TTL_MS });
  // A rejected value is not kept: it costs one HMAC to reject again.
  state.catch(() => cache.delete(value));
  return state;
}

/** For tests: how many verified handoffs are cached. */
export function handoffCacheSize(): number {
  return cache.size;
}
