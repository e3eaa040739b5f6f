import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRsaPublicKey } from './read-rsa-public-key.js';
import { rsaKeyWeakness } from './rsa-key-strength.js';
import { testKeyPair } from './test-support/mint.js';

// Hardening finding 10: the configuration check reads CLERK_JWT_KEY itself, synchronously on any runtime.
describe('readRsaPublicKey', () => {
  const keys: [number, number][] = [
    [1024, 65537],
    [2048, 3],
    [2048, 65537],
    [2056, 17],
    [3072, 65537],
  ];

  it.each(keys)('reads a %i-bit key with exponent %i as node:crypto does (SPKI and PKCS#1)', (bits, exponent) => {
    const { publicKey } = testKeyPair('read', bits, exponent);
    const node = publicKey.asymmetricKeyDetails!;
    const expected = { modulusBits: node.modulusLength, publicExponent: Number(node.publicExponent) };
    expect(expected).toEqual({ modulusBits: bits, publicExponent: exponent });
    expect(readRsaPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toEqual(expected);
    expect(readRsaPublicKey(publicKey.export({ type: 'pkcs1', format: 'pem' }).toString())).toEqual(expected);
    // As an env file holds it: one line, literal \n.
    const oneLine = publicKey.export({ type: 'spki', format: 'pem' }).toString().trim().replace(/\n/g, '\\n');
    expect(readRsaPublicKey(oneLine)).toEqual(expected);
  });

  it('judges the weak ones weak', () => {
    const verdicts = keys.map(([bits, exponent]) => {
      const facts = readRsaPublicKey(testKeyPair('read', bits, exponent).pem)!;
      return rsaKeyWeakness(facts.modulusBits, facts.publicExponent) === null;
    });
    expect(verdicts).toEqual([false, false, true, false, true]);
  });

  it('returns null for what it cannot read as an RSA public key: the key import judges those', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(readRsaPublicKey(ec.toString())).toBeNull();
    expect(readRsaPublicKey('not a key')).toBeNull();
    expect(readRsaPublicKey('-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----')).toBeNull();
    expect(readRsaPublicKey('-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----')).toBeNull();
  });

  it('never throws, whatever the armoured bytes (fuzz)', () => {
    const pem = testKeyPair().pem;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          // The real key with bytes changed or cut: DER lengths that point past the end, wrong tags…
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat()).map(([at, byte, cut]) => {
            const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
            der[at % der.length] = byte;
            return der.subarray(0, der.length - (cut % 8));
          }),
        ),
        (bytes) => {
          const armoured = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(bytes).toString('base64')}\n-----END PUBLIC KEY-----`;
          const facts = readRsaPublicKey(armoured);
          if (facts !== null) {
            expect(Number.isInteger(facts.modulusBits) && facts.modulusBits >= 0).toBe(true);
            expect(facts.publicExponent >= 0).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
