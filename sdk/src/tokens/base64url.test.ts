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
];

describe('strictBase64UrlToBytes (Node path)', () => {
  it('decodes unpadded base64url', () => {
    expect(bytesToUtf8(strictBase64UrlToBytes(enc('héllo?>'))!)).toBe('héllo?>');
    expect(strictBase64UrlToBytes('')?.length).toBe(0);
  });

  it.each(NOT_CANONICAL)('refuses %s', (_name, input) => {
    expect(strictBase64UrlToBytes(input)).toBeNull();
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
