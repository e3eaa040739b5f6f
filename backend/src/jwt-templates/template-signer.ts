/**
 * The key a JWT template signs with: the instance key (RS256, published in the JWKS), or the template's own
 * (`custom_signing_key`), for any algorithm jose signs — a PKCS#8 PEM private key, or the secret of an HS* algorithm.
 */
import { importPKCS8 } from 'jose';
import type { BackendContext } from '../context.js';
import type { JwtSigner } from '../keys/sign-jwt.js';
import type { SigningAlgorithm } from '../keys/signing-algorithms.js';
import type { JwtTemplateRecord } from './template-record.js';

/** Imports a template's own key, or explains why it cannot sign with `alg`. */
export async function importTemplateKey(
  alg: SigningAlgorithm,
  signingKey: string,
): Promise<JwtSigner['privateKey'] | { problem: string }> {
  if (alg.startsWith('HS')) {
    const secret = new TextEncoder().encode(signingKey);
    // RFC 7518 §3.2: an HMAC key at least as long as the hash.
    const needed = Number(alg.slice(2)) / 8;
    return secret.length >= needed ? secret : { problem: `an ${alg} secret must be at least ${needed} bytes` };
  }
  try {
    return await importPKCS8(signingKey, alg);
  } catch (error) {
    return { problem: `must be a PKCS#8 PEM private key for ${alg} (${(error as Error).message})` };
  }
}

// Imported keys by template version: a template's key changes only through PATCH, which bumps updated_at.
const imported = new Map<string, Promise<JwtSigner>>();
const MAX_IMPORTED = 256;

export function templateSigner(ctx: BackendContext, template: JwtTemplateRecord): Promise<JwtSigner> | JwtSigner {
  const { signing_key: signingKey, signing_algorithm: alg } = template;
  if (!signingKey || !alg) return ctx.keys.current();
  const cacheKey = `${template.id}@${template.updated_at}`;
  let signer = imported.get(cacheKey);
  if (!signer) {
    signer = importTemplateKey(alg, signingKey).then((key) => {
      // Validated when the template was saved; a store edited by hand can still hold a bad key.
      if ('problem' in key) throw new Error(`JWT template ${template.id}: signing_key ${key.problem}`);
      return { privateKey: key, alg };
    });
    if (imported.size >= MAX_IMPORTED) imported.clear();
    imported.set(cacheKey, signer);
  }
  return signer;
}
