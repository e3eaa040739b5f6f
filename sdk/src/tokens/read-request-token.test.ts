import { describe, expect, it } from 'vitest';
import { readRequestToken } from './read-request-token.js';

const read = (init: Record<string, string>) => readRequestToken(new Headers(init));

describe('readRequestToken', () => {
  it('reads the __session cookie', () => {
    expect(read({ cookie: 'theme=dark; __session=eyJ.a.b; other=1' })).toEqual({ token: 'eyJ.a.b', source: 'cookie' });
    expect(read({ cookie: '__session_suffix=x; __session=tok' })).toEqual({ token: 'tok', source: 'cookie' });
  });

  it('reads Authorization: Bearer (scheme case-insensitive)', () => {
    expect(read({ authorization: 'Bearer mt_123' })).toEqual({ token: 'mt_123', source: 'header' });
    expect(read({ authorization: 'bearer mt_123' })).toEqual({ token: 'mt_123', source: 'header' });
  });

  it('prefers the header over the cookie, as @clerk/backend does', () => {
    expect(read({ authorization: 'Bearer from-header', cookie: '__session=from-cookie' })).toEqual({
      token: 'from-header',
      source: 'header',
    });
  });

  it('accepts a bare token in Authorization (as Clerk does), ignores other schemes', () => {
    expect(read({ authorization: 'eyJ.a.b' })).toEqual({ token: 'eyJ.a.b', source: 'header' });
    expect(read({ authorization: 'Basic dXNlcjpwYXNz', cookie: '__session=c' })).toEqual({
      token: 'c',
      source: 'cookie',
    });
    expect(read({ authorization: 'Bearer', cookie: '__session=c' })).toEqual({ token: 'c', source: 'cookie' });
    expect(read({ authorization: 'Bearer ', cookie: '__session=c' })).toEqual({ token: 'c', source: 'cookie' });
  });

  it('reports none when there is nothing (or only empty values)', () => {
    expect(read({})).toEqual({ token: null, source: 'none' });
    expect(read({ cookie: '__session=; a=b' })).toEqual({ token: null, source: 'none' });
    expect(read({ cookie: 'x__session=nope' })).toEqual({ token: null, source: 'none' });
  });

  it('decodes a percent-encoded or quoted cookie value', () => {
    expect(read({ cookie: '__session="abc"' }).token).toBe('abc');
    expect(read({ cookie: '__session=a%2Eb' }).token).toBe('a.b');
  });
});
