import { randomBytes } from 'node:crypto';

/** How long the app server has to exchange a handshake nonce for its directives. */
export const HANDSHAKE_NONCE_SECONDS = 60;

/**
 * Handshake payloads waiting for the app server (`format=nonce`): each nonce is random, single-use and expires after
 * {@link HANDSHAKE_NONCE_SECONDS}. Kept in memory: a restart only costs the browser one more handshake.
 */
export class HandshakeNonces {
  readonly #clock: () => number;
  readonly #entries = new Map<string, { directives: readonly string[]; expiresAt: number }>();

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /** Stores the directives and returns the nonce that retrieves them once. */
  issue(directives: readonly string[]): string {
    const now = this.#clock();
    for (const [nonce, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(nonce);
    const nonce = randomBytes(24).toString('base64url');
    this.#entries.set(nonce, { directives, expiresAt: now + HANDSHAKE_NONCE_SECONDS * 1000 });
    return nonce;
  }

  /** The directives of a live nonce, which is spent by this call; null for an unknown, spent or expired one. */
  take(nonce: string): readonly string[] | null {
    const entry = this.#entries.get(nonce);
    if (!entry) return null;
    this.#entries.delete(nonce);
    return entry.expiresAt > this.#clock() ? entry.directives : null;
  }
}
