import { describe, expect, it } from 'vitest';
import { handshakeRedirectTarget } from './handshake-redirect.js';

const allowed = new Set(['https://app.example.com']);

describe('handshakeRedirectTarget', () => {
  it('accepts loopback origins on any port and the allowed origins', () => {
    for (const url of [
      'http://localhost:3000/a?b=1',
      'http://127.0.0.1:1/',
      'http://[::1]:8080/',
      'https://app.example.com/x',
    ]) {
      expect(handshakeRedirectTarget(url, allowed).href).toBe(new URL(url).href);
    }
  });

  it('refuses anything else with Clerk’s 400 naming redirect_url', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost.evil.example/',
      '/relative',
      'javascript:alert(1)',
      'https://app.example.com.evil.example/',
    ]) {
      expect(() => handshakeRedirectTarget(url, allowed), url).toThrow(
        expect.objectContaining({
          status: 400,
          code: 'form_param_format_invalid',
          meta: { param_name: 'redirect_url' },
        }),
      );
    }
    for (const missing of [null, '']) {
      expect(() => handshakeRedirectTarget(missing, allowed)).toThrow(
        expect.objectContaining({ code: 'form_param_missing' }),
      );
    }
  });
});
