/**
 * Short-lived memory of opaque machine-token verdicts, so a token the Backend API has just answered for costs no
 * second call: verified tokens (positive cache, until their expiry and at most {@link DEFAULT_POSITIVE_TTL_MS}) and
 * refused ones (negative cache, {@link DEFAULT_NEGATIVE_TTL_MS}). Entries are keyed by the SHA-256 of the token: the
 * raw token is never stored. The positive cache delays revocation by up to its TTL, so it can be turned off.
 */
import type { MachineAuthState } from '../auth-state.js';
import { getSubtleCrypto } from './crypto-runtime.js';
import { MemoryVerdictStore, type VerdictStore } from './verdict-store.js';

/** How long a verified machine token is served without asking again, at most (its own expiry may be sooner). */
export const DEFAULT_POSITIVE_TTL_MS = 10_000;
/** How long a refused machine token is refused without asking again. */
export const DEFAULT_NEGATIVE_TTL_MS = 60_000;
export const DEFAULT_POSITIVE_ENTRIES = 1_000;
export const DEFAULT_NEGATIVE_ENTRIES = 10_000;

export interface MachineTokenCacheOptions {
  /** false turns the positive cache off: every request with a valid machine token asks the Backend API. Default true. */
  positive?: boolean;
  positiveTtlMs?: number;
  negativeTtlMs?: number;
  /** Where verified states are kept; default in memory, {@link DEFAULT_POSITIVE_ENTRIES} entries. */
  positiveStore?: VerdictStore<MachineAuthState>;
  /** Where refusals are kept; default in memory, {@link DEFAULT_NEGATIVE_ENTRIES} entries. */
  negativeStore?: VerdictStore<true>;
  /**
   * Single flight across servers (a shared store): `claim` returns true for the one caller that asks the Backend API
   * about a token; the others wait up to `waitMs` for its verdict to appear in the stores.
   */
  flight?: { claim(key: string, ttlMs: number): Promise<boolean>; release(key: string): Promise<void>; waitMs: number };
  /** Epoch ms. Default `Date.now`. */
  now?: () => number;
}

export type MachineTokenLookup =
  | { kind: 'verified'; state: MachineAuthState }
  | { kind: 'refused' }
  | { kind: 'unknown'; key: string };

export class MachineTokenCache {
  readonly positive: boolean;
  readonly positiveTtlMs: number;
  readonly negativeTtlMs: number;
  readonly #positiveStore: VerdictStore<MachineAuthState>;
  readonly #negativeStore: VerdictStore<true>;
  readonly #now: () => number;
  readonly #flight: MachineTokenCacheOptions['flight'];

  constructor(options: MachineTokenCacheOptions = {}) {
    this.#flight = options.flight;
    this.positive = options.positive ?? true;
    this.positiveTtlMs = checkTtl('positiveTtlMs', options.positiveTtlMs ?? DEFAULT_POSITIVE_TTL_MS);
    this.negativeTtlMs = checkTtl('negativeTtlMs', options.negativeTtlMs ?? DEFAULT_NEGATIVE_TTL_MS);
    this.#now = options.now ?? Date.now;
    this.#positiveStore =
      options.positiveStore ?? new MemoryVerdictStore({ maxEntries: DEFAULT_POSITIVE_ENTRIES, now: this.#now });
    this.#negativeStore =
      options.negativeStore ?? new MemoryVerdictStore({ maxEntries: DEFAULT_NEGATIVE_ENTRIES, now: this.#now });
  }

  /** What is remembered about `token`; for an unknown one, the key to remember the verdict under. */
  async lookup(token: string): Promise<MachineTokenLookup> {
    return this.#lookupKey(await keyOf(token));
  }

  /**
   * For a token no verdict is known for: null when this caller is to ask the Backend API (no shared store, or it
   * won the claim), else what another server found meanwhile (`unknown` when it did not within the wait: ask).
   */
  async awaitOtherServer(key: string): Promise<MachineTokenLookup | null> {
    const flight = this.#flight;
    if (!flight || (await flight.claim(`mt:${key}`, flight.waitMs))) return null;
    const deadline = Date.now() + flight.waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const known = await this.#lookupKey(key);
      if (known.kind !== 'unknown') return known;
    }
    return { kind: 'unknown', key };
  }

  /** Ends this caller's claim on `key` (its verdict is stored, or there is none to store). */
  async release(key: string): Promise<void> {
    await this.#flight?.release(`mt:${key}`);
  }

  async #lookupKey(key: string): Promise<MachineTokenLookup> {
    if (await this.#negativeStore.get(key)) return { kind: 'refused' };
    if (this.positive) {
      const state = await this.#positiveStore.get(key);
      // A state past its own expiry is never served, whatever the store's TTL said.
      if (state && (state.expiration === null || state.expiration > this.#now())) return { kind: 'verified', state };
    }
    return { kind: 'unknown', key };
  }

  /** Remembers a verified token until its expiry, at most `positiveTtlMs`; nothing when the positive cache is off. */
  async rememberVerified(key: string, state: MachineAuthState): Promise<void> {
    if (!this.positive) return;
    const untilExpiry = state.expiration === null ? Number.POSITIVE_INFINITY : state.expiration - this.#now();
    const ttl = Math.min(this.positiveTtlMs, untilExpiry);
    if (ttl > 0) await this.#positiveStore.set(key, state, ttl);
  }

  /** Remembers that the Backend API refused the token (unknown, revoked, expired). */
  async rememberRefused(key: string): Promise<void> {
    await this.#negativeStore.set(key, true, this.negativeTtlMs);
  }
}

function checkTtl(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number of ms`);
  return value;
}

const encoder = new TextEncoder();

/** hex(SHA-256(token)): the only form in which a token is kept. */
async function keyOf(token: string): Promise<string> {
  const digest = new Uint8Array(await getSubtleCrypto().digest('SHA-256', encoder.encode(token)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
