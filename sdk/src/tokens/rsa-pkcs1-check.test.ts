import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGESTS, type JwsAlgorithm } from './jws-algorithms.js';
import { rsaPkcs1Check } from './rsa-pkcs1-check.js';
import { type TestKeyPair, testKeyPair } from './test-support/mint.js';
import { withWideCodeUnit } from './test-support/rewrite-token.js';

const ALGS: JwsAlgorithm[] = ['RS256', 'RS384', 'RS512'];
const SIZES = [2048, 3072, 4096];

/** node:crypto's own verdict: the oracle every case is compared with. */
function oracle(pair: TestKeyPair, alg: JwsAlgorithm, input: string, signature: Uint8Array): boolean {
  try {
    return nodeCrypto.verify(DIGESTS[alg].node, Buffer.from(input), pair.publicKey, signature);
  } catch {
    return false;
  }
}

const sign = (pair: TestKeyPair, alg: JwsAlgorithm, input: string): Buffer =>
  nodeCrypto.sign(DIGESTS[alg].node, Buffer.from(input), pair.privateKey);

/** The RSA private operation on any encoded message below the modulus: a signature over bytes of our choosing. */
const rawSign = (pair: TestKeyPair, encoded: Uint8Array): Buffer =>
  nodeCrypto.privateEncrypt({ key: pair.privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, encoded);

/** EMSA-PKCS1-v1_5 written out by hand (RFC 8017 §9.2), with `edit` applied to the parts before assembly. */
function encodedMessage(
  k: number,
  alg: JwsAlgorithm,
  input: string,
  edit: (parts: {
    head: number[];
    padding: number[];
    separator: number[];
    digestInfo: number[];
    hash: number[];
  }) => void = () => {},
): Uint8Array {
  const digestInfo = [...DIGESTS[alg].digestInfo];
  const hash = [...nodeCrypto.createHash(DIGESTS[alg].node).update(input).digest()];
  const parts = {
    head: [0x00, 0x01],
    padding: new Array(k - 3 - digestInfo.length - hash.length).fill(0xff),
    separator: [0x00],
    digestInfo,
    hash,
  };
  edit(parts);
  const bytes = [...parts.head, ...parts.padding, ...parts.separator, ...parts.digestInfo, ...parts.hash];
  if (bytes.length !== k) throw new Error(`an edit changed the length to ${bytes.length}`);
  return Uint8Array.from(bytes);
}

/** Flips one bit: bit `b` is bit `b % 8` (from the least significant) of byte `b >> 3`. */
function flipBit(bytes: { [i: number]: number }, bit: number): void {
  bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (1 << (bit & 7));
}

const INPUT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzJhbGljZSJ9';

describe('rsaPkcs1Check', () => {
  it('checks by encode-and-compare on this Node, by crypto.verify where hashing or raw RSA is missing', () => {
    const pair = testKeyPair();
    expect(rsaPkcs1Check(nodeCrypto, pair.publicKey, 2048).strategy).toBe('encode-and-compare');
    const fallback = rsaPkcs1Check({ ...nodeCrypto, hash: undefined } as never, pair.publicKey, 2048);
    expect(fallback.strategy).toBe('digest-verify');
    const withoutRawRsa = { ...nodeCrypto, publicDecrypt: undefined } as never;
    expect(rsaPkcs1Check(withoutRawRsa, pair.publicKey, 2048).strategy).toBe('digest-verify');
    expect(fallback.check('RS256', INPUT, sign(pair, 'RS256', INPUT))).toBe(true);
    expect(fallback.check('RS256', `${INPUT}x`, sign(pair, 'RS256', INPUT))).toBe(false);
  });

  describe.each(SIZES)('with a %i-bit key', (bits) => {
    const pair = testKeyPair('pkcs1', bits);
    const k = bits / 8;
    const checks = [rsaPkcs1Check(nodeCrypto, pair.publicKey, bits)];
    checks.push(rsaPkcs1Check({ ...nodeCrypto, hash: undefined } as never, pair.publicKey, bits));

    it.each(ALGS)('accepts %s signatures and agrees with crypto.verify on altered ones', (alg) => {
      for (const { strategy, check } of checks) {
        const signature = sign(pair, alg, INPUT);
        expect(check(alg, INPUT, signature), strategy).toBe(true);
        expect(check(alg, `${INPUT}.`, signature), strategy).toBe(false);
        for (const other of ALGS.filter((a) => a !== alg)) expect(check(other, INPUT, signature), strategy).toBe(false);
        expect(check(alg, INPUT, sign(testKeyPair('other', bits), alg, INPUT)), strategy).toBe(false);
      }
    });

    it('agrees with crypto.verify on random inputs and random changes to their signatures', () => {
      const { check } = checks[0]!;
      const signatureOf = fc.oneof(
        fc.constant('valid' as const),
        fc.record({ flip: fc.nat({ max: k * 8 - 1 }) }),
        fc.record({ length: fc.integer({ min: k - 2, max: k + 2 }) }),
        fc.uint8Array({ minLength: k, maxLength: k }),
      );
      fc.assert(
        fc.property(
          fc.constantFrom(...ALGS),
          fc.stringMatching(/^[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{1,300}$/),
          signatureOf,
          (alg, input, how) => {
            let signature: Uint8Array = sign(pair, alg, input);
            if (how instanceof Uint8Array) signature = how;
            else if (how !== 'valid' && 'flip' in how) flipBit(signature, how.flip);
            else if (how !== 'valid') {
              const resized = new Uint8Array(how.length);
              resized.set(signature.subarray(Math.max(0, k - how.length)), Math.max(0, how.length - k));
              signature = resized;
            }
            expect(check(alg, input, signature)).toBe(oracle(pair, alg, input, signature));
            if (how === 'valid') expect(check(alg, input, signature)).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    });

    // Signatures over hand-made encodings: each breaks one rule of EMSA-PKCS1-v1_5 (the lax parsers behind
    // Bleichenbacher-style forgeries accept some of these). OpenSSL and the check must both refuse them all.
    const alterations: [string, Parameters<typeof encodedMessage>[3]][] = [
      [
        'a first byte other than 00',
        (p) => {
          p.head[0] = 0x01;
        },
      ],
      [
        'block type 02 instead of 01',
        (p) => {
          p.head[1] = 0x02;
        },
      ],
      [
        'a padding byte other than FF',
        (p) => {
          p.padding[5] = 0xfe;
        },
      ],
      [
        'no separator before the DigestInfo',
        (p) => {
          p.separator[0] = 0xff;
        },
      ],
      [
        'a DigestInfo without the NULL parameters',
        (p) => {
          p.digestInfo = [
            0x30,
            p.digestInfo[1]! - 2,
            0x30,
            0x0b,
            ...p.digestInfo.slice(4, 15),
            ...p.digestInfo.slice(17),
          ];
          p.padding.push(0xff, 0xff);
        },
      ],
      [
        'the hash followed by garbage, with less padding',
        (p) => {
          p.padding.splice(0, 4);
          p.hash.push(0xde, 0xad, 0xbe, 0xef);
        },
      ],
      [
        'the first byte of the hash changed',
        (p) => {
          flipBit(p.hash, 0);
        },
      ],
      [
        'the last byte of the hash changed',
        (p) => {
          flipBit(p.hash, 8 * p.hash.length - 1);
        },
      ],
    ];

    it('accepts a hand-made encoding exactly when it is the standard one', () => {
      const { check } = checks[0]!;
      for (const alg of ALGS) {
        const signature = rawSign(pair, encodedMessage(k, alg, INPUT));
        expect(check(alg, INPUT, signature)).toBe(true);
        expect(oracle(pair, alg, INPUT, signature)).toBe(true);
      }
    });

    it.each(alterations)('refuses an encoding with %s', (_, edit) => {
      for (const { strategy, check } of checks) {
        for (const alg of ALGS) {
          const signature = rawSign(pair, encodedMessage(k, alg, INPUT, edit));
          expect(oracle(pair, alg, INPUT, signature)).toBe(false);
          expect(check(alg, INPUT, signature), strategy).toBe(false);
        }
      }
    });

    it('refuses a valid signature written in fewer than k bytes (RFC 8017 §8.2.2 step 1)', () => {
      // A signature whose first byte is 0 is the same number without it: only the length check refuses that.
      let input = INPUT;
      let signature = sign(pair, 'RS256', input);
      for (let i = 0; signature[0] !== 0; i++) {
        input = `${INPUT}${i}`;
        signature = sign(pair, 'RS256', input);
      }
      const short = signature.subarray(1);
      expect(oracle(pair, 'RS256', input, short)).toBe(false);
      for (const { strategy, check } of checks) {
        expect(check('RS256', input, signature), strategy).toBe(true);
        expect(check('RS256', input, short), strategy).toBe(false);
      }
    });

    it('refuses a signature that is not below the modulus', () => {
      const modulus = Buffer.from(pair.jwk.n!, 'base64url');
      const aboveModulus = Buffer.from(modulus);
      aboveModulus[k - 1] = aboveModulus[k - 1]! + 1;
      for (const { strategy, check } of checks) {
        for (const signature of [modulus, aboveModulus, new Uint8Array(k).fill(0xff)]) {
          expect(oracle(pair, 'RS256', INPUT, signature)).toBe(false);
          expect(check('RS256', INPUT, signature), strategy).toBe(false);
        }
      }
    });
  });
});

describe('rsaPkcs1Check on signing inputs that are not ASCII (Hardening finding 9)', () => {
  const pair = testKeyPair();
  const strategies = [
    rsaPkcs1Check(nodeCrypto, pair.publicKey, 2048),
    rsaPkcs1Check({ ...nodeCrypto, hash: undefined } as never, pair.publicKey, 2048),
    rsaPkcs1Check({ ...nodeCrypto, publicDecrypt: undefined } as never, pair.publicKey, 2048),
  ];
  const nonAscii = /[\u0080-\uffff]/;
  /** What either strategy must answer: crypto.verify's verdict for a signing input a JWS can have, else false. */
  const expected = (alg: JwsAlgorithm, input: string, signature: Uint8Array) =>
    !nonAscii.test(input) && oracle(pair, alg, input, signature);

  it('refuses the signature of a token whose signing input was rewritten with a wide code unit, either way', () => {
    const signature = sign(pair, 'RS256', INPUT);
    // `Ŋ` (U+014A) read as latin1 is the byte of `J`: a check hashing latin1 would accept the original signature.
    const at = INPUT.indexOf('J');
    expect(at).toBeGreaterThanOrEqual(0);
    const rewritten = withWideCodeUnit(INPUT, at);
    expect(rewritten).toHaveLength(INPUT.length);
    for (const { strategy, check } of strategies) {
      expect(check('RS256', INPUT, signature), strategy).toBe(true);
      expect(check('RS256', rewritten, signature), strategy).toBe(false);
    }
  });

  it('gives the same verdicts by crypto.verify as by encode-and-compare, on any string and signature', () => {
    const anyInput = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,60}\.[A-Za-z0-9_-]{1,60}$/),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,60}\.[A-Za-z0-9_-]{1,60}$/), fc.nat())
        .map(([input, at]) => withWideCodeUnit(input, at % input.length)),
    );
    // Signed over the input's UTF-8 (what a signer hashes), over its latin1 reading (a lax hash), or at random.
    const signatureOf = fc.constantFrom('utf8' as const, 'latin1' as const, 'random' as const);
    fc.assert(
      fc.property(fc.constantFrom(...ALGS), anyInput, signatureOf, (alg, input, how) => {
        const signature =
          how === 'random'
            ? nodeCrypto.randomBytes(256)
            : nodeCrypto.sign(DIGESTS[alg].node, Buffer.from(input, how), pair.privateKey);
        const verdicts = strategies.map(({ check }) => check(alg, input, signature));
        expect(verdicts).toEqual(strategies.map(() => expected(alg, input, signature)));
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
