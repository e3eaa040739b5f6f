/**
 * The instance keys a middleware was given as options (a per-request
 * `secretKey`, a different `apiUrl`: several Clerk instances behind one app),
 * sealed for the render, which only sees its own environment. Like Clerk's
 * `CLERK_ENCRYPTION_KEY`: AES-256-GCM under a key derived from that variable,
 * `node:crypto` on Node (sync), Web Crypto on the Edge runtime; the sealed form
 * is the same on both, `base64url(iv ‖ ciphertext ‖ tag)`.
 */
import { base64UrlToBytes, bytesToBase64Url } from '../../tokens/base64url.js';
import { getNodeCrypto, getSubtleCrypto } from '../../tokens/crypto-runtime.js';
import { HandoffInvalidError } from '../errors.js';
import { deriveKeyBytes } from './derive-key.js';

export interface InstanceKeys {
  secretKey: string;
  apiUrl: string;
}

const DERIVATION_LABEL = 'authlens handoff instance keys v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The AES key for an encryption key (derived, so the variable itself never encrypts). */
async function aesKeyBytes(encryptionKey: string, runtime: CryptoChoice): Promise<Uint8Array> {
  return deriveKeyBytes(encryptionKey, DERIVATION_LABEL, runtime !== 'web');
}

/** `auto`: node:crypto where it exists, else Web Crypto (tests force either, to prove the two interoperate). */
export type CryptoChoice = 'node' | 'web' | 'auto';

function nodeCryptoFor(runtime: CryptoChoice) {
  return runtime === 'web' ? null : getNodeCrypto();
}

function randomIv(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
}

/** Seals `keys` for the render. */
export async function sealInstanceKeys(
  keys: InstanceKeys,
  encryptionKey: string,
  runtime: CryptoChoice = 'auto',
): Promise<string> {
  const key = await aesKeyBytes(encryptionKey, runtime);
  const iv = randomIv();
  const plaintext = encoder.encode(JSON.stringify({ sk: keys.secretKey, au: keys.apiUrl }));
  const crypto = nodeCryptoFor(runtime);
  let sealed: Uint8Array;
  if (crypto) {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    sealed = Buffer.concat([iv, body]);
  } else {
    const subtle = getSubtleCrypto();
    const aes = await subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt']);
    const body = new Uint8Array(
      await subtle.encrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, aes, plaintext),
    );
    sealed = new Uint8Array(IV_BYTES + body.length);
    sealed.set(iv);
    sealed.set(body, IV_BYTES);
  }
  return bytesToBase64Url(sealed);
}

/** Opens what `sealInstanceKeys` sealed; a `HandoffInvalidError` when it was sealed under another key or altered. */
export async function openInstanceKeys(
  sealed: string,
  encryptionKey: string,
  runtime: CryptoChoice = 'auto',
): Promise<InstanceKeys> {
  let plaintext: Uint8Array;
  try {
    const bytes = base64UrlToBytes(sealed);
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('short');
    const key = await aesKeyBytes(encryptionKey, runtime);
    const iv = bytes.subarray(0, IV_BYTES);
    const crypto = nodeCryptoFor(runtime);
    if (crypto) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      plaintext = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } else {
      const subtle = getSubtleCrypto();
      const aes = await subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['decrypt']);
      plaintext = new Uint8Array(
        await subtle.decrypt(
          { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> },
          aes,
          bytes.subarray(IV_BYTES) as Uint8Array<ArrayBuffer>,
        ),
      );
    }
  } catch {
    throw new HandoffInvalidError('undecryptable_keys');
  }
  let keys: { sk?: unknown; au?: unknown } | null;
  try {
    keys = JSON.parse(decoder.decode(plaintext)) as { sk?: unknown; au?: unknown } | null;
  } catch {
    keys = null;
  }
  if (typeof keys?.sk !== 'string' || typeof keys.au !== 'string') throw new HandoffInvalidError('malformed');
  return { secretKey: keys.sk, apiUrl: keys.au };
}

/** What the middleware hands over about its keys: sealed ones, or none (with whether the render is missing them). */
export interface RenderKeys {
  sealedKeys: string | null;
  /** The middleware's keys differ from the render's environment but no `CLERK_ENCRYPTION_KEY` could seal them. */
  keysWithheld: boolean;
}

/** What `renderKeysFor` returns when the middleware's keys are the environment's (compare by identity). */
export const RENDER_KEYS_FROM_ENV: RenderKeys = Object.freeze({ sealedKeys: null, keysWithheld: false });
const WITHHELD: RenderKeys = Object.freeze({ sealedKeys: null, keysWithheld: true });
// Sealed once per resolved middleware configuration (static options resolve once): no AES per request.
const sealedFor = new WeakMap<object, Promise<RenderKeys>>();

/**
 * The keys the render needs from this middleware: nothing when its `secretKey` and `apiUrl` are the environment's
 * (the render reads those itself), else the two sealed under `encryptionKey`, or "withheld" when there is none.
 */
export function renderKeysFor(
  config: InstanceKeys,
  env: { secretKey: string | null; apiUrl: string; encryptionKey: string | null },
): Promise<RenderKeys> | RenderKeys {
  if (config.secretKey === env.secretKey && config.apiUrl === env.apiUrl) return RENDER_KEYS_FROM_ENV;
  if (env.encryptionKey === null) return WITHHELD;
  let keys = sealedFor.get(config);
  if (!keys) {
    keys = sealInstanceKeys(config, env.encryptionKey).then((sealedKeys) => ({ sealedKeys, keysWithheld: false }));
    sealedFor.set(config, keys);
  }
  return keys;
}

// Opened once per sealed value (a handful per process: one per middleware configuration).
const opened = new Map<string, Promise<InstanceKeys>>();

/** `openInstanceKeys`, remembered per sealed value and key. */
export function openInstanceKeysCached(sealed: string, encryptionKey: string): Promise<InstanceKeys> {
  const cacheKey = `${encryptionKey.length}:${encryptionKey}:${sealed}`;
  let keys = opened.get(cacheKey);
  if (!keys) {
    keys = openInstanceKeys(sealed, encryptionKey);
    if (opened.size >= 16) opened.clear();
    opened.set(cacheKey, keys);
    keys.catch(() => opened.delete(cacheKey));
  }
  return keys;
}
