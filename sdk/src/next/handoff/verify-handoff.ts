/**
 * Reads the handoff in the render: verifies the signature, rebuilds the state,
 * and accepts it for the request at hand (accept-handoff.ts: made for this
 * request, fresh, credential unexpired). The signature check and parse are
 * cached under the full header value (which includes the signature, so a
 * forged value can never hit), in a small bounded map whose entries expire;
 * a value this process's middleware signed skips both (local-handoffs.ts).
 * The acceptance is judged on every call, against the caller's request.
 */
import type { MachineAuthState, SessionAuthState } from '../../auth-state.js';
import { base64UrlToUtf8 } from '../../tokens/base64url.js';
import { toSessionAuthState } from '../../tokens/session-auth-state.js';
import { HandoffInvalidError } from '../errors.js';
import { acceptHandoff } from './accept-handoff.js';
import type { HandoffKey } from './handoff-key.js';
import type { HandoffState, HandoffWire } from './handoff-state.js';
import { takeHandoff } from './local-handoffs.js';
import type { HandoffRequest } from './request-binding.js';

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

const MACHINE_TYPES = new Set(['m2m_token', 'oauth_token', 'api_key']);

/** Enough of a MachineAuthState for the render to read it (the signature vouches for the rest). */
function isMachineState(m: unknown): boolean {
  if (typeof m !== 'object' || m === null) return false;
  const { tokenType, expiration } = m as Partial<MachineAuthState>;
  return MACHINE_TYPES.has(tokenType as string) && (expiration === null || typeof expiration === 'number');
}

function isRedirectOrigin(o: unknown): boolean {
  return typeof o === 'string' || (Array.isArray(o) && o.length === 2 && o.every((p) => typeof p === 'string'));
}

function toRegExp([source, flags]: [string, string]): RegExp {
  try {
    return new RegExp(source, flags);
  } catch {
    throw new HandoffInvalidError('malformed');
  }
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
    typeof w.rm !== 'string' ||
    typeof w.rp !== 'string' ||
    typeof w.rq !== 'string' ||
    typeof w.cs !== 'number' ||
    !(w.cs >= 0 && w.cs <= Number.MAX_SAFE_INTEGER) ||
    !KINDS.has(w.k as string) ||
    !isStringOrNull(w.t) ||
    !SOURCES.has(w.ts as string) ||
    !(w.y === null || TOKEN_TYPES.has(w.y as string)) ||
    !isStringOrNull(w.r) ||
    !isStringOrNull(w.si) ||
    !isStringOrNull(w.su) ||
    !Array.isArray(w.ro) ||
    !w.ro.every(isRedirectOrigin) ||
    (w.tp !== undefined && typeof w.tp !== 'string') ||
    (w.ik !== undefined && typeof w.ik !== 'string') ||
    (w.kw !== undefined && w.kw !== 1) ||
    (w.a !== undefined && w.a !== 's' && w.a !== 'm') ||
    (w.a === 's' && typeof w.t !== 'string') ||
    (w.a === 'm' && !isMachineState(w.m))
  ) {
    throw new HandoffInvalidError('malformed');
  }
  return w as HandoffWire;
}

// A user's requests carry the same session token until it is refreshed: its claims are read once. The signature
// covers the token, and a state is frozen and derived from the token alone, so requests may share it.
const SESSIONS_MAX_ENTRIES = 256;
const sessions = new Map<string, SessionAuthState>();

function sessionFromToken(token: string): SessionAuthState {
  const known = sessions.get(token);
  if (known) return known;
  const payload = token.split('.')[1];
  if (!payload) throw new HandoffInvalidError('malformed');
  let state: SessionAuthState;
  try {
    state = toSessionAuthState(JSON.parse(base64UrlToUtf8(payload)));
  } catch {
    throw new HandoffInvalidError('malformed');
  }
  if (sessions.size >= SESSIONS_MAX_ENTRIES) sessions.delete(sessions.keys().next().value as string);
  sessions.set(token, state);
  return state;
}

/** The signature-checked, parsed state of a handoff value: synchronous with a node:crypto key. */
function open(value: string, key: HandoffKey): HandoffState | Promise<HandoffState> {
  const dot = value.lastIndexOf('.');
  if (dot <= 0 || dot === value.length - 1) throw new HandoffInvalidError('malformed');
  const payload = value.slice(0, dot);
  const valid = key.verify(payload, value.slice(dot + 1));
  return typeof valid === 'boolean' ? stateOf(payload, valid) : valid.then((v) => stateOf(payload, v));
}

function stateOf(payload: string, validSignature: boolean): HandoffState {
  if (!validSignature) throw new HandoffInvalidError('bad_signature');
  let json: string;
  try {
    json = base64UrlToUtf8(payload);
  } catch {
    throw new HandoffInvalidError('malformed');
  }
  const w = parseWire(json);
  return {
    requestId: w.id,
    issuedAt: w.iat,
    url: w.u,
    request: { method: w.rm, path: w.rp, search: w.rq },
    clockSkewInMs: w.cs,
    kind: w.k,
    token: w.t,
    tokenSource: w.ts,
    tokenType: w.y,
    auth: w.a === 's' ? sessionFromToken(w.t!) : w.a === 'm' ? (w.m as MachineAuthState) : null,
    reason: w.r,
    signInUrl: w.si,
    signUpUrl: w.su,
    allowedRedirectOrigins: w.ro.map((o) => (Array.isArray(o) ? toRegExp(o) : o)),
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

/** The signature-checked, parsed handoff for a header value (from cache when this value was opened before). */
function openCached(value: string, key: HandoffKey, now: number): Promise<HandoffState> {
  const hit = cache.get(value);
  if (hit && hit.until > now) return hit.state;
  sweep(now);
  let state: Promise<HandoffState>;
  try {
    state = Promise.resolve(open(value, key));
  } catch (error) {
    // A rejected value is not kept: it costs one HMAC to reject again.
    return Promise.reject(error);
  }
  cache.set(value, { state, until: now + CACHE_TTL_MS });
  state.catch(() => cache.delete(value));
  return state;
}

/**
 * The verified handoff for a header value, accepted for `request` (the request the caller serves); else a
 * `HandoffInvalidError` with its reason. A handoff this process signed is taken as signed (local-handoffs.ts).
 */
export function verifyHandoff(
  value: string,
  key: HandoffKey,
  request: HandoffRequest,
  now: number = Date.now(),
): Promise<HandoffState> {
  const local = key.id === null ? null : takeHandoff(value, key.id);
  if (local) {
    try {
      return Promise.resolve(acceptHandoff(local, request, now));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return openCached(value, key, now).then((state) => acceptHandoff(state, request, now));
}

/** For tests: how many verified handoffs are cached. */
export function handoffCacheSize(): number {
  return cache.size;
}
