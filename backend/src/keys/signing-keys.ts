/**
 * RS256 signing keys, kept in the store (collection `signing_keys`) so tokens stay valid across restarts.
 * The newest unretired key signs; a rotated-out key stays in the JWKS until its overlap window ends, so tokens it
 * signed keep verifying.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { randomBase62 } from '../store/ids.js';
import type { Store } from '../store/store.js';

const generateKeyPairAsync = promisify(generateKeyPair);

export const SIGNING_KEYS = 'signing_keys';

export interface SigningKeyRecord {
  readonly id: string;
  readonly private_pem: string;
  readonly public_pem: string;
  readonly created_at: number;
  /** When the key stopped signing; it is published until `retired_at + overlap_ms`. */
  readonly retired_at: number | null;
  readonly overlap_ms: number | null;
  readonly [key: string]: unknown;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicPem: string;
}

export interface PublicJwk {
  kid: string;
  kty: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

async function generateRecord(now: number): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return {
    id: `ins_${randomBase62(27)}`,
    private_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    public_pem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    created_at: now,
    retired_at: null,
    overlap_ms: null,
  };
}

export class SigningKeys {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #cache = new Map<string, SigningKey>();

  constructor(store: Store, clock: () => number) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Creates the first key when the store has none. */
  async ensure(): Promise<void> {
    if (this.#currentRecord()) return;
    const record = await generateRecord(this.#clock());
    await this.#store.transact((tx) => {
      if (!tx.list<SigningKeyRecord>(SIGNING_KEYS).some((k) => k.retired_at === null)) tx.put(SIGNING_KEYS, record);
    });
  }

  #currentRecord(): SigningKeyRecord | undefined {
    const active = this.#store.list<SigningKeyRecord>(SIGNING_KEYS).filter((k) => k.retired_at === null);
    return active.at(-1);
  }

  current(): SigningKey {
    const record = this.#currentRecord();
    if (!record) throw new Error('No signing key: call ensure() first');
    let key = this.#cache.get(record.id);
    if (!key) {
      key = { kid: record.id, privateKey: createPrivateKey(record.private_pem), publicPem: record.public_pem };
      this.#cache.set(record.id, key);
    }
    return key;
  }

  /** Retires the current key (still published for `overlapMs`) and starts signing with a new one. */
  async rotate(overlapMs: number): Promise<{ kid: string; retiredKid: string | undefined }> {
    const fresh = await generateRecord(this.#clock());
    const now = this.#clock();
    let retiredKid: string | undefined;
    await this.#store.transact((tx) => {
      for (const k of tx.list<SigningKeyRecord>(SIGNING_KEYS)) {
        if (k.retired_at === null) {
          retiredKid = k.id;
          tx.put(SIGNING_KEYS, { ...k, retired_at: now, overlap_ms: overlapMs });
        } else if (k.retired_at + (k.overlap_ms ?? 0) <= now) {
          tx.delete(SIGNING_KEYS, k.id);
        }
      }
      tx.put(SIGNING_KEYS, fresh);
    });
    return { kid: fresh.id, retiredKid };
  }

  /** The keys a verifier may meet: the signing key and every retired key still in its overlap window. */
  published(): PublicJwk[] {
    const now = this.#clock();
    return this.#store
      .list<SigningKeyRecord>(SIGNING_KEYS)
      .filter((k) => k.retired_at === null || k.retired_at + (k.overlap_ms ?? 0) > now)
      .reverse()
      .map((k) => {
        const jwk = createPublicKey(k.public_pem).export({ format: 'jwk' }) as { kty: string; n: string; e: string };
        return { kid: k.id, kty: jwk.kty, alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e };
      });
  }
}
