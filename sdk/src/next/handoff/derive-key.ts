/**
 * A purpose-bound key from a configured secret: HMAC-SHA256(secret, label), so the secret itself never signs or
 * encrypts anything. Synchronous with `node:crypto`, a promise with Web Crypto (the Edge runtime).
 */
import { getNodeCrypto, getSubtleCrypto } from '../../tokens/crypto-runtime.js';

const encoder = new TextEncoder();

export function deriveKeyBytes(secret: string, label: string, useNode = true): Uint8Array | Promise<Uint8Array> {
  const crypto = useNode ? getNodeCrypto() : null;
  if (crypto) return crypto.createHmac('sha256', secret).update(label).digest();
  return (async () => {
    const subtle = getSubtleCrypto();
    const hmac = { name: 'HMAC', hash: 'SHA-256' } as const;
    const root = await subtle.importKey('raw', encoder.encode(secret), hmac, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', root, encoder.encode(label)));
  })();
}
