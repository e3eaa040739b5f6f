import { describe, expect, it } from 'vitest';
import { authPageUrl } from './redirect-targets.js';
import { publicRequestUrl } from './request-url.js';

const req = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe('publicRequestUrl', () => {
  it('uses the Host header the browser sent to reach Next’s own loopback server by another loopback name', () => {
    expect(publicRequestUrl(req('http://localhost:3000/a?b=1', { host: '127.0.0.1:3000' }), [])).toBe(
      'http://127.0.0.1:3000/a?b=1',
    );
    expect(publicRequestUrl(req('http://127.0.0.1:3000/a', { host: 'localhost:3000' }), [])).toBe(
      'http://localhost:3000/a',
    );
    // Another port is another server.
    expect(publicRequestUrl(req('http://localhost:3000/a', { host: '127.0.0.1:4000' }), [])).toBe(
      'http://localhost:3000/a',
    );
  });

  it('honours x-forwarded-host / x-forwarded-proto (first value) behind a proxy when the origin is allowed', () => {
    const proxied = req('http://localhost:3000/p', {
      host: 'internal:3000',
      'x-forwarded-host': 'app.example.com, x',
      'x-forwarded-proto': 'https',
    });
    expect(publicRequestUrl(proxied, ['https://app.example.com'])).toBe('https://app.example.com/p');
    expect(publicRequestUrl(proxied, [/^https:\/\/[a-z]+\.example\.com$/])).toBe('https://app.example.com/p');
    // The allowed origin is http: the forwarded https origin is not it.
    expect(publicRequestUrl(proxied, ['http://app.example.com'])).toBe('http://localhost:3000/p');
  });

  // Hardening finding 5: `Host:` / `X-Forwarded-Host: evil.example` made redirect_url=http://evil.example/….
  it('ignores a Host / X-Forwarded-Host / X-Forwarded-Proto the app does not vouch for', () => {
    const allowed = ['https://app.example.com'];
    const forgeries: Array<Record<string, string>> = [
      { host: 'evil.example' },
      { 'x-forwarded-host': 'evil.example' },
      { host: 'app.example.com', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      { 'x-forwarded-proto': 'https' },
    ];
    for (const headers of forgeries) {
      const url = publicRequestUrl(req('http://localhost:3000/dashboard?x=1', headers), allowed);
      expect(url).toBe('http://localhost:3000/dashboard?x=1');
      const signIn = authPageUrl('sign-in', {
        requestUrl: url,
        signInUrl: 'https://accounts.example.com/sign-in',
        signUpUrl: null,
        allowedRedirectOrigins: allowed,
      });
      expect(new URL(signIn).searchParams.get('redirect_url')).toBe('http://localhost:3000/dashboard?x=1');
      expect(signIn).not.toContain('evil.example');
    }
  });

  it('keeps Next’s URL when the headers do not name an origin', () => {
    const any = [/.*/];
    expect(publicRequestUrl(req('http://localhost:3000/p'), any)).toBe('http://localhost:3000/p');
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'evil.test/path' }), any)).toBe(
      'http://localhost:3000/p',
    );
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'a@evil.test' }), any)).toBe(
      'http://localhost:3000/p',
    );
    expect(publicRequestUrl(req('http://localhost:3000/p', { host: 'bad host' }), any)).toBe('http://localhost:3000/p');
  });
});
