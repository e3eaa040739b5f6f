/**
 * The instance's RS256 signing keys (generated and published as JWKs by jose), kept in the store (collection `signing_keys`) so tokens stay valid across restarts.
 * The newest unretired key signs; a rotated-out key stays in the JWKS until its overlap window ends, so tokens it
 * signed keep verifying.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { randomBase62 } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { INSTANCE_SIGNING_ALGORITHM } from './signing-algorithms.js';

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
  readonly alg: typeof INSTANCE_SIGNING_ALGORITHM;
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
  const { privateKey, publicKey } = await generateKeyPair(INSTANCE_SIGNING_ALGORITHM, {
    modulusLength: 2048,
    extractable: true,
  });
  return {
    id: `ins_${randomBase62(27)}`,
    private_pem: await exportPKCS8(privateKey),
    public_pem: await exportSPKI(publicKey),
    created_at: now,
    retired_at: null,
    overlap_ms: null,
  };
}

export class SigningKeys {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #cache = new Map<string, SigningKey>();
  readonly #jwks = new Map<string, PublicJwk>();

  constructor(store: Store, clock: () => number) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Creates the first key when the store has none, and prepares the JWKS. */
  async ensure(): Promise<void> {
    if (!this.#currentRecord()) {
      const record = await generateRecord(this.#clock());
      await this.#store.transact((tx) => {
        if (!tx.list<SigningKeyRecord>(SIGNING_KEYS).some((k) => k.retired_at === null)) tx.put(SIGNING_KEYS, record);
      });
    }
    await this.#exportJwks();
  }

  /** jose exports JWKs asynchronously: each key's is made once, when the key appears (ensure, rotate). */
  async #exportJwks(): Promise<void> {
    for (const record of this.#store.list<SigningKeyRecord>(SIGNING_KEYS)) {
      if (this.#jwks.has(record.id)) continue;
      const { kty, n, e } = await exportJWK(createPublicKey(record.public_pem));
      if (kty !== 'RSA' || n === undefined || e === undefined) throw new Error(`Signing key ${record.id} is not RSA`);
      this.#jwks.set(record.id, { kid: record.id, kty, alg: INSTANCE_SIGNING_ALGORITHM, use: 'sig', n, e });
    }
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
      key = {
        kid: record.id,
        alg: INSTANCE_SIGNING_ALGORITHM,
        privateKey: createPrivateKey(record.private_pem),
        publicPem: record.public_pem,
      };
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
    await this.#exportJwks();
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
        const jwk = this.#jwks.get(k.id);
        if (!jwk) throw new Error(`Signing key ${k.id} was added without ensure() or rotate()`);
        return jwk;
      });
  }
}
