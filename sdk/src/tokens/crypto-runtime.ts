import type * as NodeCrypto from 'node:crypto';

/**
 * Which crypto implementation verifies signatures. `node` is `node:crypto`
 * (synchronous, the fastest); `web` is Web Crypto (the Edge runtime).
 */
export type CryptoRuntime = 'node' | 'web';

let nodeCrypto: typeof NodeCrypto | null | undefined;

/**
 * `node:crypto` when running on Node, obtained lazily through
 * `process.getBuiltinModule` so that no static `node:` import ever reaches an
 * Edge bundle; `null` anywhere else (Edge runtime, browsers, Node < 20.16).
 */
export function getNodeCrypto(): typeof NodeCrypto | null {
  if (nodeCrypto !== undefined) return nodeCrypto;
  nodeCrypto = null;
  try {
    const proc = (
      globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }
    ).process;
    if (typeof proc?.versions?.node === 'string' && typeof proc.getBuiltinModule === 'function') {
      const mod = proc.getBuiltinModule('node:crypto') as typeof NodeCrypto | undefined;
      if (mod && typeof mod.verify === 'function' && typeof mod.createPublicKey === 'function') nodeCrypto = mod;
    }
  } catch {
    nodeCrypto = null;
  }
  return nodeCrypto;
}

/** The runtime used when a caller does not ask for one. */
export function defaultCryptoRuntime(): CryptoRuntime {
  return getNodeCrypto() ? 'node' : 'web';
}

/** Web Crypto's `subtle`, present on Node 20, the Edge runtime and browsers. */
export function getSubtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is not available in this runtime');
  return subtle;
}
