/**
 * The Node fast path (verifyJwt: node:crypto encode-and-compare, its own parser and claim checks) against jose's
 * jwtVerify, configured as the same policy: RS256/384/512, 5 s clock tolerance, `sub` and `exp` required, keys
 * picked from the JWKS by `kid` and `alg`. Both must accept the same tokens and reject the same tokens.
 *
 * Out of scope on purpose, where authlens is stricter than jose by design: header `typ` other than `JWT` (Clerk's
 * rule), and non-canonical base64url rewrites of a valid token (Hardening finding 9, see edge-runtime.test.ts).
 */
import fc from 'fast-check';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwksCache } from './jwks-cache.js';
import {
  nowSeconds,
  sessionClaims,
  signHs256WithPublicKey,
  signRs,
  testKeyPair,
  unsignedToken,
} from './test-support/mint.js';
import { verifyJwt } from './verify-jwt.js';

const right = testKeyPair('jose-diff');
const other = testKeyPair('jose-diff-other');
const jwks = { keys: [right.jwk] };

async function ours(token: string): Promise<boolean> {
  // A fresh cache each time: the verdict comes from the signature and claims, not from an earlier success.
  const source = new JwksCache({ loadJwks: async () => structuredClone(jwks), runtime: 'node' });
  try {
    await verifyJwt(token, source, {});
    return true;
  } catch (error) {
    expect(error).toHaveProperty('code');
    return false;
  }
}

const joseKeys = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);

async function jose(token: string): Promise<boolean> {
  try {
    await jwtVerify(token, joseKeys, {
      algorithms: ['RS256', 'RS384', 'RS512'],
      clockTolerance: 5,
      requiredClaims: ['sub', 'exp'],
    });
    return true;
  } catch {
    return false;
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Variant = (token: string) => string;
const variants: Record<string, Variant> = {
  untouched: (t) => t,
  'payload tampered': (t) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    return `${h}.${b64({ ...claims, sub: 'user_2mallory' })}.${s}`;
  },
  'signature bit flipped': (t) => {
    const dot = t.lastIndexOf('.');
    const sig = Buffer.from(t.slice(dot + 1), 'base64url');
    sig[sig.length >> 1] = sig[sig.length >> 1]! ^ 0x10;
    return `${t.slice(0, dot + 1)}${sig.toString('base64url')}`;
  },
  'signature truncated': (t) => t.slice(0, -8),
  'header tampered': (t) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    return `${b64({ ...header, kid: right.kid, extra: 1 })}.${p}.${s}`;
  },
  'header alg swapped': (t) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    return `${b64({ ...header, alg: header.alg === 'RS256' ? 'RS512' : 'RS256' })}.${p}.${s}`;
  },
  'segment dropped': (t) => t.split('.').slice(0, 2).join('.'),
  'segment added': (t) => `${t}.${t.split('.')[1]}`,
  'whitespace inside': (t) => `${t.slice(0, 10)} ${t.slice(10)}`,
  'not base64url': (t) => `${t.slice(0, 5)}*${t.slice(6)}`,
};

const claimShapes = {
  valid: () => sessionClaims(),
  expired: () => sessionClaims({ exp: nowSeconds() - 3600 }),
  'expired, inside the tolerance': () => sessionClaims({ exp: nowSeconds() - 3 }),
  'expired just past the tolerance': () => sessionClaims({ exp: nowSeconds() - 30 }),
  'not yet valid': () => sessionClaims({ nbf: nowSeconds() + 3600 }),
  'not yet valid, inside the tolerance': () => sessionClaims({ nbf: nowSeconds() + 2 }),
  'no sub': () => {
    const { sub: _, ...rest } = sessionClaims();
    return rest;
  },
  'no exp': () => {
    const { exp: _, ...rest } = sessionClaims();
    return rest;
  },
  'exp not a number': () => sessionClaims({ exp: 'tomorrow' }),
  'nbf not a number': () => sessionClaims({ nbf: 'yesterday' }),
};

const signings = {
  'RS256 by the JWKS key': (claims: Record<string, unknown>) => signRs(claims, right),
  'RS256 by another key under the right kid': (claims: Record<string, unknown>) =>
    signRs(claims, other, { kid: right.kid }),
  'RS256 with a kid the JWKS lacks': (claims: Record<string, unknown>) => signRs(claims, right, { kid: 'ins_unknown' }),
  'RS384 (the JWK says RS256)': (claims: Record<string, unknown>) => signRs(claims, right, { alg: 'RS384' }),
  'RS512 (the JWK says RS256)': (claims: Record<string, unknown>) => signRs(claims, right, { alg: 'RS512' }),
  'HS256 keyed with the public key': (claims: Record<string, unknown>) => signHs256WithPublicKey(claims, right),
  'alg none': (claims: Record<string, unknown>) => unsignedToken(claims),
};

describe("the Node fast path's verdicts equal jose's jwtVerify", () => {
  it('on every signing × claims × tampering combination', async () => {
    let accepted = 0;
    let compared = 0;
    for (const [signing, sign] of Object.entries(signings)) {
      for (const [shape, claims] of Object.entries(claimShapes)) {
        const token = sign(claims());
        for (const [variant, mutate] of Object.entries(variants)) {
          const mutated = mutate(token);
          const verdict = await jose(mutated);
          expect(await ours(mutated), `${signing} / ${shape} / ${variant}`).toBe(verdict);
          if (verdict) accepted++;
          compared++;
        }
      }
    }
    // The matrix has both outcomes: the valid RS256 tokens (and those inside the tolerance) pass, the rest do not.
    expect(accepted).toBe(3);
    expect(compared).toBe(700);
  });

  it('on generated claims and malformed strings', async () => {
    const now = nowSeconds();
    const claims = fc.record(
      {
        sub: fc.constantFrom('user_2alice', 'user_x'),
        exp: fc.oneof(fc.integer({ min: now - 10_000, max: now - 10 }), fc.integer({ min: now, max: now + 10_000 })),
        nbf: fc.oneof(fc.integer({ min: now - 10_000, max: now }), fc.integer({ min: now + 10, max: now + 10_000 })),
        iat: fc.integer({ min: now - 10_000, max: now }),
        sid: fc.string({ maxLength: 12 }),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['sub'] },
    );
    await fc.assert(
      fc.asyncProperty(claims, fc.constantFrom(...Object.keys(variants)), async (c, variant) => {
        const token = variants[variant]!(signRs(c, right));
        expect(await ours(token), variant).toBe(await jose(token));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (garbage) => {
        expect(await ours(garbage)).toBe(await jose(garbage));
      }),
      { numRuns: 300 },
    );
  });
});
