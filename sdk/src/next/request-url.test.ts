import { describe, expect, it } from 'vitest';
import { publicRequestUrl } from './request-url.js';

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe('publicRequestUrl', () => {
  it('uses the Host header the browser sent', () => {
    expect(publicRequestUrl(req('http://localhost:3000/a?b=1', { host: '127.0.0.1:3000' }))).toBe(
      'http://127.0.0.1:3000/a?b=1',
    );
  });

  it('prefers x-forwarded-host / x-forwarded-proto (first value) behind a proxy', () => {
    expect(
      publicRequestUrl(
        req('http://localhost:3000/p', {
          host: 'internal:3000',
          'x-forwarded-host': 'app.example.com, x',
          'x-forwarded-proto': 'https',
        }),
      ),
    ).toBe('https://app.example.com/p');
  });

  it('keeps Next’s URL when the headers do not name an origin', () => {
    expect(publicRequestUrl(req('http://localhost:3000/p'))).toBe('http://localhost:3000/p');
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'evil.test/path' }))).toBe(
      'http://localhost:3000/p',
    );
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'a@evil.test' }))).toBe('http://localhost:3000/p');
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'bad host' }))).toBe('http://localhost:3000/p');
  });
});
