import { describe, expect, it } from 'vitest';
import { bytesToBase64Url, bytesToUtf8, strictBase64UrlToBytes, strictBase64UrlToUtf8 } from './base64url.js';

const enc = (s: string) => Buffer.from(s).toString('base64url');

/** Inputs that are not canonical unpadded base64url. */
const NOT_CANONICAL: [string, string][] = [
  ['padding', `${enc('ab')}==`],
  ['standard alphabet +', 'ab+c'],
  ['standard alphabet /', 'ab/c'],
  ['whitespace', 'ab c'],
  ['a dot', 'ab.c'],
  ['a non-ASCII character', 'abcé'],
  ['an impossible length', 'abcde'],
  // Hardening finding 9: each of these decodes to the bytes of a canonical string (`QUJD`, `QQ`, `QUI`) under a lax
  // decoder, so accepting it would let one token be written as several strings.
  ['a code unit above 0xFF whose low byte is in the alphabet', 'QUJ\u0144'],
  ['non-zero spare bits in a 2-character tail', 'QR'],
  ['non-zero spare bits in a 3-character tail', 'QUJ'],
  ['a wide code unit standing for "+"', 'ab\u012bc'],
];

describe('strictBase64UrlToBytes (Node path)', () => {
  it('decodes unpadded base64url', () => {
    expect(bytesToUtf8(strictBase64UrlToBytes(enc('héllo?>'))!)).toBe('héllo?>');
    expect(strictBase64UrlToBytes('')?.length).toBe(0);
  });

  it.each(NOT_CANONICAL)('refuses %s', (_name, input) => {
    expect(strictBase64UrlToBytes(input)).toBeNull();
  });

  it('accepts exactly the canonical tail: zero spare bits (Hardening finding 9)', () => {
    expect(Array.from(strictBase64UrlToBytes('QQ')!)).toEqual([0x41]);
    expect(Array.from(strictBase64UrlToBytes('QUI')!)).toEqual([0x41, 0x42]);
    for (const tail of 'RSTUVWXYZabcdef') expect(strictBase64UrlToBytes(`Q${tail}`), tail).toBeNull();
    for (const tail of 'JKL') expect(strictBase64UrlToBytes(`QU${tail}`), tail).toBeNull();
  });

  it('round-trips with bytesToBase64Url', () => {
    const bytes = new Uint8Array([0, 255, 62, 63, 250, 1]);
    expect(Array.from(strictBase64UrlToBytes(bytesToBase64Url(bytes))!)).toEqual(Array.from(bytes));
  });
});

describe('strictBase64UrlToUtf8 (Node path, through the reused scratch buffer)', () => {
  it('decodes to text, short and long one after the other (the buffer grows, nothing leaks between calls)', () => {
    const long = 'é'.repeat(15_000);
    expect(strictBase64UrlToUtf8(enc('héllo'))).toBe('héllo');
    expect(strictBase64UrlToUtf8(enc(long))).toBe(long);
    expect(strictBase64UrlToUtf8(enc('ok'))).toBe('ok');
    expect(strictBase64UrlToUtf8('')).toBe('');
  });

  it.each(NOT_CANONICAL)('refuses %s, as strictBase64UrlToBytes does', (_name, input) => {
    expect(strictBase64UrlToUtf8(input)).toBeNull();
  });
});
