/**
 * Property tests for the base64url decoders, on Node's Buffer path and on the
 * atob path the Edge runtime takes: whatever the input, a typed answer (bytes,
 * null, or ERR_TOKEN_MALFORMED), and the strict decoders accept only the one
 * canonical spelling of each byte sequence (Hardening finding 9).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as nodePath from './base64url.js';
import { anyCharacter, anyInput } from './test-support/mutate-token.js';

type Decoders = typeof nodePath;

const canonical = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

async function loadWithoutBuffer(): Promise<Decoders> {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  try {
    return await import('./base64url.js');
  } finally {
    vi.unstubAllGlobals();
  }
}

const paths: [string, () => Decoders][] = [];
let edge: Decoders;
beforeAll(async () => {
  edge = await loadWithoutBuffer();
});
afterAll(() => {
  vi.resetModules();
});
paths.push(['Node (Buffer)', () => nodePath], ['Edge (atob)', () => edge]);

describe.each(paths)('base64url decoders, %s path (fuzz)', (_name, decoders) => {
  it('strict decoding returns null or bytes whose canonical spelling is exactly the input', () => {
    const { strictBase64UrlToBytes, strictBase64UrlToUtf8 } = decoders();
    fc.assert(
      fc.property(anyInput, (input) => {
        const bytes = strictBase64UrlToBytes(input);
        if (bytes !== null) expect(canonical(bytes)).toBe(input);
        const text = strictBase64UrlToUtf8(input);
        if (bytes === null) expect(text).toBeNull();
        // Outside Node, bytes that are not UTF-8 give null too (never TextDecoder's TypeError).
        else if (text !== null) expect(text).toBe(new TextDecoder().decode(bytes));
        else expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('strict decoding accepts every canonical spelling, and refuses every other one-character edit of it', () => {
    const { strictBase64UrlToBytes } = decoders();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), anyCharacter, (bytes, at, character) => {
        const input = canonical(bytes);
        expect(Array.from(strictBase64UrlToBytes(input)!)).toEqual(Array.from(bytes));
        const edits = [`${input}${character}`, `${character}${input}`];
        if (input.length > 0) {
          const i = at % input.length;
          edits.push(
            `${input.slice(0, i)}${character}${input.slice(i + 1)}`,
            `${input.slice(0, i)}${input.slice(i + 1)}`,
          );
        }
        for (const edited of edits) {
          const decoded = strictBase64UrlToBytes(edited);
          // Either refused, or another canonical string: never the same bytes spelt differently.
          if (decoded !== null) expect(canonical(decoded)).toBe(edited);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('lenient decoding returns bytes or throws ERR_TOKEN_MALFORMED, and agrees where strict accepts', () => {
    const { base64UrlToBytes, base64UrlToUtf8, strictBase64UrlToBytes } = decoders();
    fc.assert(
      fc.property(anyInput, (input) => {
        for (const decode of [base64UrlToBytes, base64UrlToUtf8]) {
          try {
            decode(input);
          } catch (error) {
            expect(error).toMatchObject({ name: 'TokenVerificationError', code: 'ERR_TOKEN_MALFORMED' });
          }
        }
        const strict = strictBase64UrlToBytes(input);
        if (strict !== null) expect(Array.from(base64UrlToBytes(input))).toEqual(Array.from(strict));
      }),
      { numRuns: 1000 },
    );
  });
});
