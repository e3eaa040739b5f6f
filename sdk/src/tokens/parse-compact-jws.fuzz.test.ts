/**
 * Property tests for the compact-JWS parser and the verifier behind it: any
 * input gives a parse or a TokenVerificationError (never another exception),
 * and no single edit of a signed token is ever accepted (Hardening finding 9).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTokenVerificationError } from '../token-verification-error.js';
import { PemKeySource } from './key-source.js';
import { parseCompactJws, peekCompactJws } from './parse-compact-jws.js';
import { testKeyPair } from './test-support/mint.js';
import { anyCharacter, anyEdit, anyInput, applyEdit } from './test-support/mutate-token.js';
import { signWithSpareBits } from './test-support/rewrite-token.js';
import { verifyJwt } from './verify-jwt.js';

const pair = testKeyPair();
// Every segment ends with spare bits, so the spare-bit edit applies to each.
const token = signWithSpareBits(pair);

/** What the parser does with `input`: 'parsed', or the error's reason; anything but a TokenVerificationError fails. */
function parseOutcome(input: unknown): string {
  try {
    parseCompactJws(input);
    return 'parsed';
  } catch (error) {
    if (!isTokenVerificationError(error)) throw error;
    expect(error.code).toBe('ERR_TOKEN_MALFORMED');
    return error.reason;
  }
}

const nonAscii = anyCharacter.filter((character) => /[\u0080-\uffff]/.test(character));

const tokenLike = fc.oneof(
  anyInput,
  fc.array(anyInput, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
  fc.constantFrom('', '.', '..', '...', 'a.b.c', 'e30.e30.e30'),
);

describe('parseCompactJws (fuzz)', () => {
  it('answers random input with a parse or ERR_TOKEN_MALFORMED, never another exception; peek never throws', () => {
    fc.assert(
      fc.property(tokenLike, (input) => {
        const outcome = parseOutcome(input);
        expect(peekCompactJws(input) === null).toBe(outcome !== 'parsed');
      }),
      { numRuns: 3000 },
    );
  });

  it('answers valid JSON in every part the same way: a parse or ERR_TOKEN_MALFORMED', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.uint8Array({ minLength: 1, maxLength: 32 }), (h, p, s) => {
        parseOutcome(`${b64(h)}.${b64(p)}.${Buffer.from(s).toString('base64url')}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every non-ASCII character anywhere in a signed token', () => {
    fc.assert(
      fc.property(fc.nat(), nonAscii, (at, character) => {
        const i = at % token.length;
        expect(parseOutcome(`${token.slice(0, i)}${character}${token.slice(i + 1)}`)).toBe('malformed');
      }),
      { numRuns: 500 },
    );
  });
});

describe('verifyJwt never accepts an edited signed token (fuzz)', () => {
  const node = new PemKeySource(pair.pem);
  const web = new PemKeySource(pair.pem, { runtime: 'web' });

  it('the original verifies with both runtimes (the control)', async () => {
    expect((verifyJwt(token, node, {}) as { payload: { sub: string } }).payload.sub).toBe('user_2alice');
    expect((await verifyJwt(token, web, {})).payload.sub).toBe('user_2alice');
  });

  it('refuses every single edit, on node:crypto and on Web Crypto, with a TokenVerificationError', async () => {
    await fc.assert(
      fc.asyncProperty(anyEdit, async (edit) => {
        const edited = applyEdit(token, edit);
        fc.pre(edited !== token);
        for (const source of [node, web]) {
          let accepted = true;
          try {
            await verifyJwt(edited, source, {});
          } catch (error) {
            if (!isTokenVerificationError(error)) throw error;
            accepted = false;
          }
          expect(accepted, JSON.stringify(edit)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
