/**
 * The handoff's HMAC-SHA256: a key derived from the instance's secret key (so
 * the raw secret never signs anything itself), `node:crypto` when on Node
 * (synchronous), Web Crypto elsewhere. Keys are derived once per secret and cached.
 */
import { bytesToBase64Url } from '../../tokens/base64url.js';
import { getNodeCrypto, getSubtleCrypto } from '../../tokens/crypto-runtime.js';
import { deriveKeyBytes } from './derive-key.js';

const DERIVATION_LABEL = 'authlens middleware-to-render handoff v1';

export interface HandoffKey {
  sign(data: string): string | Promise<string>;
  verify(data: string, signature: string): boolean | Promise<boolean>;
  /**
   * A fingerprint of the key (an HMAC of a fixed label, never the key), equal for every copy of the key in this
   * process; null for Web Crypto keys, whose handoffs are never kept in process (local-handoffs.ts).
   */
  readonly id: string | null;
}

const KEY_ID_LABEL = 'authlens handoff key id v1';

const encoder = new TextEncoder();
const keys = new Map<string, HandoffKey>();

function nodeKey(secretKey: string): HandoffKey | null {
  const crypto = getNodeCrypto();
  if (!crypto) return null;
  // A KeyObject, made once: createHmac() would otherwise build one from the bytes on every call.
  const derived = crypto.createSecretKey(deriveKeyBytes(secretKey, DERIVATION_LABEL) as Uint8Array);
  const sign = (data: string) => crypto.createHmac('sha256', derived).update(data).digest('base64url');
  return {
    sign,
    id: sign(KEY_ID_LABEL),
    verify(data, signature) {
      const expected = Buffer.from(sign(data));
      const given = Buffer.from(signature);
      return expected.length === given.length && crypto.timingSafeEqual(expected, given);
    },
  };
}

function webKey(secretKey: string): HandoffKey {
  const subtle = getSubtleCrypto();
  const hmac = { name: 'HMAC', hash: 'SHA-256' } as const;
  const key = (async () => {
    const derived = await deriveKeyBytes(secretKey, DERIVATION_LABEL, false);
    return subtle.importKey('raw', derived as Uint8Array<ArrayBuffer>, hmac, false, ['sign', 'verify']);
  })();
  return {
    id: null,
    async sign(data) {
      return bytesToBase64Url(new Uint8Array(await subtle.sign('HMAC', await key, encoder.encode(data))));
    },
    async verify(data, signature) {
      // Compare through sign + constant-length check: Web Crypto's verify wants raw bytes.
      const expected = await this.sign(data);
      if (expected.length !== signature.length) return false;
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
      return diff === 0;
    },
  };
}

/** The handoff key for a secret key (cached; a handful of secrets at most per process). */
export function handoffKey(secretKey: string, runtime: 'node' | 'web' | 'auto' = 'auto'): HandoffKey {
  const cacheKey = `${runtime}:${secretKey}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = (runtime !== 'web' ? nodeKey(secretKey) : null) ?? webKey(secretKey);
    if (keys.size >= 8) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}
