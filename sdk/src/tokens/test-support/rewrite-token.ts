// Test-only: rewrite a token's text without changing the bytes a lax base64url decoder reads from it
// (Hardening finding 9). Each rewrite gives a different string that decodes to the same header, payload and
// signature under Node's Buffer or atob, so a verifier that decodes laxly would accept it as the original.

import { sessionClaims, signRs, type TestKeyPair } from './mint.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The last character of `segment` with a spare bit set (its length must not be a multiple of 4). */
export function withSpareBit(segment: string): string {
  const rest = segment.length % 4;
  if (rest === 0 || rest === 1) throw new Error('a segment of this length has no spare bits');
  const last = ALPHABET.indexOf(segment.at(-1)!);
  return `${segment.slice(0, -1)}${ALPHABET[last | 1]}`;
}

/**
 * The character at `index` replaced by the code unit 0x100 above it: Node's decoder reads only the low byte
 * (`D` and `Ń`, U+0144, decode alike), and hashing the signing input as latin1 does the same.
 */
export function withWideCodeUnit(text: string, index: number): string {
  return `${text.slice(0, index)}${String.fromCharCode(0x100 | text.charCodeAt(index))}${text.slice(index + 1)}`;
}

/** The three segments of a compact JWS. */
export function segmentsOf(token: string): [string, string, string] {
  const [header, payload, signature] = token.split('.');
  return [header!, payload!, signature!];
}

/**
 * A valid session token (RSA-2048) each of whose three segments ends in a character with spare bits (length 2 mod
 * 4), padded through an extra header field and claim.
 */
export function signWithSpareBits(pair: TestKeyPair, claims: Record<string, unknown> = {}): string {
  for (let headerPad = ''; ; headerPad += 'h') {
    for (let claimPad = ''; claimPad.length < 4; claimPad += 'p') {
      const token = signRs(sessionClaims({ ...claims, pad: claimPad }), pair, { pad: headerPad });
      if (segmentsOf(token).every((segment) => segment.length % 4 === 2)) return token;
    }
  }
}

/** Rewrites of a signed token that decode to its very bytes: each must be refused. */
export function sameBytesRewrites(token: string): [string, string][] {
  const [header, payload, signature] = segmentsOf(token);
  const rewrites: [string, string][] = [
    ['a wide code unit in the header', `${withWideCodeUnit(header, 3)}.${payload}.${signature}`],
    ['a wide code unit in the payload', `${header}.${withWideCodeUnit(payload, 5)}.${signature}`],
    ['a wide code unit in the signature', `${header}.${payload}.${withWideCodeUnit(signature, 7)}`],
  ];
  const spare: [string, string][] = [
    ['a spare bit set in the header', `${withSpareBit(header)}.${payload}.${signature}`],
    ['a spare bit set in the payload', `${header}.${withSpareBit(payload)}.${signature}`],
    ['a spare bit set in the signature', `${header}.${payload}.${withSpareBit(signature)}`],
  ];
  for (const [i, segment] of [header, payload, signature].entries()) {
    if (segment.length % 4 >= 2) rewrites.push(spare[i]!);
  }
  return rewrites;
}
